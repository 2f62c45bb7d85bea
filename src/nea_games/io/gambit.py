r"""Read and write Gambit's game files: ``.nfg`` (strategic form) and ``.efg`` (game trees).

`Gambit <https://www.gambit-project.org>`_ stores games as plain text. nea_games
reads and writes both of its formats itself (it never imports Gambit), so games
travel between the two programs with their payoffs exactly preserved.

The formats
-----------
Both are streams of tokens separated by any whitespace: quoted strings
(``"Player 1"``; inside them ``\"`` is a quote, ``\\`` a backslash, and any
other backslash stands for itself), numbers, the words that name the format
and the node types, and braces. A file opens with a header such as ``NFG 1 R``
or ``EFG 2 R`` (``D`` instead of ``R`` is accepted too), the game's title and
its list of players, then an optional *comment* string. Gambit's formats have
no other comments.

**Strategic form** (``.nfg``) comes in two equivalent forms. In the *payoff*
form the players' strategy counts (``{ 3 2 }``) or names
(``{ { "U" "M" "D" } { "L" "R" } }``) are followed by a flat list of payoffs:
for each profile, one payoff per player, with profiles ordered so that the
*first* player's strategy varies fastest::

    NFG 1 R "Selten's example" { "Player 1" "Player 2" } { 3 2 }
    1 1  0 2  0 2  1 1  0 3  2 0

In the *outcome* form, a list of named outcomes with their payoff vectors
(``{ "name" 1, 1 }``) is followed by one outcome number per profile, in the
same order; outcome ``0`` is the null outcome, worth zero to everybody.

**Extensive form** (``.efg``) lists the nodes of the tree in pre-order, each
``p`` (a player's decision: player, information set, actions), ``c`` (chance:
an event number, actions with probabilities) or ``t`` (terminal), with an
outcome number (``0`` for none); outcomes are named payoff vectors and may sit
on any node, a play's payoff being their sum along its path::

    EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
    p "" 1 1 "" { "Out" "In" } 0
    t "" 1 "Stay out" { 0, 2 }
    p "" 2 1 "" { "Fight" "Yield" } 0
    t "" 2 "Price war" { -1, -1 }
    t "" 3 "Share" { 1, 1 }

See :mod:`nea_games.io._gambit_efg` for the grammar. ``.efg`` files are read
into an :class:`~nea_games.games.extensive_form.ExtensiveFormGame` (see
:mod:`nea_games.io._gambit_convert` for how names and outcomes are mapped);
the file's raw content stays available as :attr:`GambitDocument.tree`.

Numbers are exact
-----------------
Integers (``-3``), fractions (``2/3``) and decimals (``1.5``, ``.25``,
``1e-3``) are all read as exact :class:`fractions.Fraction` values, as Gambit
itself does: ``0.1`` reads as ``1/10``, never as the nearest float. Games read
from files are therefore always exact. When writing, integers and fractions are
written exactly (``-2/3``); floats are written as the shortest decimal that
reads back as the same float. Games with free sympy parameters cannot be
written (:class:`~nea_games.errors.ParametricGameError`): substitute values
first.

Names
-----
:class:`~nea_games.games.normal_form.NormalFormGame` needs distinct, non-empty
names. A file's empty player name becomes ``"Player k"``, an empty strategy
name its 1-based position (``"2"``), and a repeated name gets a suffix
(``"a"``, ``"a_2"``). The strategy counts form names strategies
``"1"``, ``"2"``, ... as Gambit does.

Title and comment
-----------------
The title becomes the game's ``title``. ``NormalFormGame`` has no place for
the comment, so :func:`read` drops it; :func:`read_document` returns a
:class:`GambitDocument` holding the game *and* the comment (and the ``.nfg``
form), and writing that document reproduces both.

Untrusted files
---------------
Parsing never evaluates anything and runs in time linear in the file's size
(no recursion, no backtracking). Any malformed input raises
:class:`~nea_games.errors.ParseError` giving the line, column and what was
expected, e.g. ``game.nfg:3:1: expected a quoted name or '}' closing the player
list, found end of file``. Work is bounded: a file that declares a table of
more than :data:`MAX_PAYOFF_ENTRIES` payoff entries is refused before anything
is allocated, numbers are limited to
:data:`~nea_games.io._gambit_lexer.MAX_NUMBER_LENGTH` characters and exponents
to :data:`~nea_games.io._gambit_lexer.MAX_EXPONENT`, and a tree whose node
depths add up to more than :data:`MAX_TREE_PATH_LENGTH` is refused (an
``ExtensiveFormGame`` stores the path of every node). Bytes that are not
UTF-8 are decoded as Latin-1. Files that are valid but lax are accepted as
Gambit does: commas between the payoffs of an outcome, ``D`` for ``R`` in
the header.

Compatibility with Gambit
-------------------------
Files written here follow Gambit's documented formats and load in pygambit
16.7 with identical payoffs, titles, comments and names. Gambit 16.7 itself
refuses player, strategy, action and outcome names that are not printable
ASCII or that begin or end with a space or contain two spaces in a row
(pygambit 16.7 also fails to return a non-ASCII title, and misreads a backslash
just before a closing quote); nea_games reads such names and writes them
unchanged, so keep names plain if the file is meant for Gambit.

Examples
--------
>>> from nea_games.io import gambit
>>> game = gambit.read_string('NFG 1 R "Coordination" { "Row" "Col" } { 2 2 } 2 1  0 0  0 0  1 2')
>>> game.payoff(("1", "1")), game.payoff(("2", "2"))
((Fraction(2, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(2, 1)))
>>> print(gambit.to_string(game))
NFG 1 R "Coordination" { "Row" "Col" }
<BLANKLINE>
{ { "1" "2" }
{ "1" "2" }
}
""
<BLANKLINE>
2 1
0 0
0 0
1 2
<BLANKLINE>
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, Literal, TypeAlias

from nea_games.errors import UnsupportedGameError, ValidationError
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.games.normal_form import NormalFormGame
from nea_games.io._gambit_convert import MAX_TREE_PATH_LENGTH, game_to_tree, tree_to_game
from nea_games.io._gambit_efg import EfgInfoset, EfgNode, EfgOutcome, EfgTree, parse_efg, write_efg
from nea_games.io._gambit_lexer import Lexer
from nea_games.io._gambit_nfg import MAX_PAYOFF_ENTRIES, NfgForm, parse_nfg, write_nfg

__all__ = [
    "MAX_PAYOFF_ENTRIES",
    "MAX_TREE_PATH_LENGTH",
    "EfgInfoset",
    "EfgNode",
    "EfgOutcome",
    "EfgTree",
    "GambitDocument",
    "read",
    "read_document",
    "read_document_string",
    "read_string",
    "to_string",
    "write",
]

Format = Literal["nfg", "efg"]
#: What reading a Gambit file gives: a strategic-form game, or a tree.
GambitGame: TypeAlias = "NormalFormGame | ExtensiveFormGame"
PathOrFile: TypeAlias = "str | os.PathLike[str] | IO[str] | IO[bytes]"


@dataclass(frozen=True)
class GambitDocument:
    """A game read from a Gambit file, with what the game object itself cannot hold.

    Attributes
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game.
    format : {"nfg", "efg"}
        Which of Gambit's formats the file was in.
    comment : str
        The file's comment ("" when it has none).
    form : {"payoff", "outcome"} or None
        For ``.nfg`` files, which of the two forms the file used.
    tree : EfgTree or None
        For ``.efg`` files, the file's content as read: every node, information
        set and outcome with its Gambit name and number order, including what
        :class:`~nea_games.games.extensive_form.ExtensiveFormGame` does not keep
        (outcome names, payoffs at non-terminal nodes, shared chance events).
        Writing the document writes this tree.

    Examples
    --------
    >>> from nea_games.io import gambit
    >>> doc = gambit.read_document_string('NFG 1 R "t" { "A" } { 2 } "hello" 1 2')
    >>> doc.comment, doc.form, doc.game.n_actions
    ('hello', 'payoff', (2,))
    >>> gambit.read_document_string(gambit.to_string(doc)) == doc
    True
    """

    game: GambitGame
    format: Format
    comment: str = ""
    form: NfgForm | None = None
    tree: EfgTree | None = None


# --------------------------------------------------------------------------- reading
def _check_format(format: str | None) -> Format | None:
    if format is None:
        return None
    name = str(format).lower().lstrip(".")
    if name not in ("nfg", "efg"):
        raise ValidationError(f"format: expected 'nfg', 'efg' or None, got {format!r}")
    return name  # type: ignore[return-value]


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_document_string(
    text: str | bytes, format: str | None = None, *, source: str = "<string>"
) -> GambitDocument:
    """Parse the text of a Gambit file into a :class:`GambitDocument`.

    Parameters
    ----------
    text : str or bytes
        The file's content (bytes are decoded as UTF-8, else Latin-1).
    format : {"nfg", "efg"}, optional
        Require this format; by default the header (``NFG`` or ``EFG``) decides.
    source : str
        Name of the input used in error messages.

    Raises
    ------
    nea_games.errors.ParseError
        If the text is not a valid Gambit file (with line, column and what was expected).

    Examples
    --------
    >>> doc = read_document_string('NFG 1 R "" { "A" "B" } { 1 1 } "note" { { "win" 1, -1 } } 1')
    >>> doc.form, doc.comment, doc.game.payoff((0, 0))
    ('outcome', 'note', (Fraction(1, 1), Fraction(-1, 1)))
    """
    wanted = _check_format(format)
    lexer = Lexer(_decode(text), source)
    token = lexer.peek()
    found = token.text if token.kind == "word" and token.text in ("NFG", "EFG") else None
    if found is None or (wanted is not None and found.lower() != wanted):
        what = f"'{wanted.upper()}'" if wanted else "'NFG' or 'EFG'"
        lexer.expected(f"{what} at the start of a Gambit file", token)
    if found == "NFG":
        parsed = parse_nfg(lexer)
        return GambitDocument(parsed.game, "nfg", parsed.comment, parsed.form)
    tree = parse_efg(lexer)
    return GambitDocument(tree_to_game(tree, source), "efg", tree.comment, None, tree)


def read_document(source: PathOrFile, *, format: str | None = None) -> GambitDocument:
    """Read a Gambit file (a path or an open file) into a :class:`GambitDocument`.

    The header decides between ``.nfg`` and ``.efg`` whatever the file's name.
    Errors reading the file itself (``FileNotFoundError``...) propagate unchanged;
    a malformed content raises :class:`~nea_games.errors.ParseError`.
    """
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        with open(name, "rb") as handle:
            data: str | bytes = handle.read()
    else:
        name = str(getattr(source, "name", "<file>"))
        data = source.read()
    return read_document_string(data, format, source=name)


def read(source: PathOrFile, *, format: str | None = None) -> GambitGame:
    """Read a game from a Gambit ``.nfg`` or ``.efg`` file (a path or an open file).

    Returns a :class:`~nea_games.games.normal_form.NormalFormGame` for ``.nfg``
    files and an :class:`~nea_games.games.extensive_form.ExtensiveFormGame` for
    ``.efg`` files. The comment is dropped; use :func:`read_document` to keep
    it (and the raw content of an ``.efg`` file).

    Raises
    ------
    nea_games.errors.ParseError
        If the file is malformed.
    """
    return read_document(source, format=format).game


def read_string(text: str | bytes, format: str | None = None) -> GambitGame:
    """Read a game from the text of a Gambit file (see :func:`read`).

    Examples
    --------
    >>> read_string('NFG 1 R "Matching pennies" { "A" "B" } { 2 2 } 1 -1 -1 1 -1 1 1 -1').is_zero_sum
    True
    >>> read_string('NFG 1 R "x" { "A" "B" } { 2 1 } 1 2 3')
    Traceback (most recent call last):
    ...
    nea_games.errors.ParseError: <string>:1:38: expected the payoff of player 2 at profile (2,1), found end...
    """
    return read_document_string(text, format).game


# --------------------------------------------------------------------------- writing
def to_string(
    game: GambitGame | EfgTree | GambitDocument,
    *,
    form: NfgForm | None = None,
    comment: str | None = None,
) -> str:
    """The text of a Gambit file holding ``game``.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame, EfgTree or GambitDocument
        A normal-form game is written as ``.nfg``, a tree as ``.efg``. A
        document is written with its own comment and form unless overridden
        (an ``.efg`` document writes its raw :attr:`GambitDocument.tree`).
    form : {"payoff", "outcome"}, optional
        The ``.nfg`` form (default ``"payoff"``). The outcome form lists each
        distinct payoff vector once, and uses the null outcome ``0`` for
        profiles where everybody gets zero.
    comment : str, optional
        The file's comment.

    Raises
    ------
    nea_games.errors.ParametricGameError
        If the game has free parameters.
    nea_games.errors.UnsupportedGameError
        For objects that are not games, and for irrational payoffs.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> from fractions import Fraction
    >>> g = NormalFormGame.bimatrix(
    ...     [[Fraction(1, 3), 0]], [[0, Fraction(3, 2)]], players=["R", "C"], title="t"
    ... )
    >>> print(to_string(g, form="outcome", comment='a "quoted" word'))
    NFG 1 R "t" { "R" "C" }
    <BLANKLINE>
    { { "a1" }
    { "a1" "a2" }
    }
    "a \\"quoted\\" word"
    <BLANKLINE>
    {
    { "" 1/3, 0 }
    { "" 0, 3/2 }
    }
    1 2

    A game tree:

    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> entry = ExtensiveFormGame(
    ...     ["Entrant", "Incumbent"],
    ...     ("Entrant", {"Out": (0, 2), "In": ("Incumbent", {"Fight": (-1, -1), "Yield": (1, 1)})}),
    ...     title="Entry",
    ... )
    >>> print(to_string(entry))
    EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ""
    <BLANKLINE>
    p "" 1 1 "(root)" { "Out" "In" } 0
    t "" 1 "" { 0, 2 }
    p "" 2 1 "In" { "Fight" "Yield" } 0
    t "" 2 "" { -1, -1 }
    t "" 3 "" { 1, 1 }
    <BLANKLINE>
    >>> read_string(to_string(entry)) == entry
    True
    """
    if isinstance(game, GambitDocument):
        comment = game.comment if comment is None else comment
        form = game.form if form is None else form
        game = game.tree if game.tree is not None else game.game
    if form not in (None, "payoff", "outcome"):
        raise ValidationError(f"form: expected 'payoff' or 'outcome', got {form!r}")
    if isinstance(game, NormalFormGame):
        return write_nfg(game, comment=comment or "", form=form or "payoff")
    if isinstance(game, ExtensiveFormGame):
        return write_efg(game_to_tree(game, comment or ""))
    if isinstance(game, EfgTree):
        if comment is not None and comment != game.comment:
            game = EfgTree(game.title, comment, game.players, game.nodes, game.infosets, game.outcomes)
        return write_efg(game)
    raise UnsupportedGameError(f"to_string: cannot write a {type(game).__name__} as a Gambit file")


def write(
    game: GambitGame | EfgTree | GambitDocument,
    path: str | os.PathLike[str] | IO[str],
    *,
    form: NfgForm | None = None,
    comment: str | None = None,
) -> None:
    """Write ``game`` to a Gambit file (UTF-8); see :func:`to_string` for the options."""
    text = to_string(game, form=form, comment=comment)
    if isinstance(path, (str, os.PathLike)):
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    else:
        path.write(text)
