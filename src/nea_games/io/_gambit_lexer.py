"""Tokenizer shared by the Gambit ``.nfg`` and ``.efg`` readers and writers.

Gambit's formats are free-form streams of tokens separated by whitespace:

* **strings** in double quotes; ``\\"`` stands for a quote and ``\\\\`` for a
  backslash; any other backslash is kept as it is; strings may span lines;
* **numbers**: integers (``-3``), rationals (``2/3``, ``-1/2``) and decimals
  (``1.5``, ``.5``, ``2.``, ``1e-3``); every number is read *exactly* as a
  :class:`fractions.Fraction` (``0.1`` is ``1/10``, as in Gambit itself);
* **words** such as ``NFG``, ``R``, ``p``, ``c``, ``t``;
* the punctuation ``{``, ``}`` and ``,``.

The lexer is a single forward pass with linear-time regular expressions (no
nested quantifiers, so no catastrophic backtracking). Every problem is raised
as :class:`~nea_games.errors.ParseError` with a 1-based line and column.
Numbers are bounded (:data:`MAX_NUMBER_LENGTH` characters, exponents up to
:data:`MAX_EXPONENT`) so that a hostile file cannot make the reader build
astronomically large integers.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Literal, NamedTuple, NoReturn

from nea_games.errors import ParseError

__all__ = [
    "MAX_EXPONENT",
    "MAX_NUMBER_LENGTH",
    "Lexer",
    "Token",
    "format_number",
    "quote",
]

#: Longest number token accepted (characters); longer ones are a ParseError.
MAX_NUMBER_LENGTH = 1000
#: Largest decimal exponent accepted in numbers such as ``1e-5``.
MAX_EXPONENT = 1000

TokenKind = Literal["string", "number", "word", "{", "}", ",", "eof"]

_WHITESPACE = re.compile(r"\s*")
_NUMBER_PATTERN = r"-?(?:[0-9]+/[0-9]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
#: One token after optional whitespace; groups: 1 punctuation, 2 string body, 3 number, 4 word.
_TOKEN = re.compile(
    r'\s*(?:([{},])|"((?:[^"\\]|\\.)*)"|(' + _NUMBER_PATTERN + r")|([A-Za-z_][A-Za-z0-9_]*))",
    re.DOTALL,
)
_UNESCAPE = re.compile(r'\\(["\\])')
_ESCAPE = re.compile(r'"|\\(?=["\\]|\Z)')


class Token(NamedTuple):
    """One token: its kind, its text (unescaped for strings) and its offset."""

    kind: TokenKind
    text: str
    offset: int

    def describe(self) -> str:
        """How the token reads in an error message ("found ...")."""
        if self.kind == "eof":
            return "end of file"
        if self.kind == "string":
            shown = self.text if len(self.text) <= 30 else self.text[:27] + "..."
            return f"the string {quote(shown)}"
        if self.kind == "number":
            shown = self.text if len(self.text) <= 30 else self.text[:27] + "..."
            return f"the number {shown}"
        if self.kind == "word":
            shown = self.text if len(self.text) <= 30 else self.text[:27] + "..."
            return f"the word {shown!r}"
        return f"{self.kind!r}"


class Lexer:
    """A forward-only token stream over ``text`` with one token of look-ahead.

    Parameters
    ----------
    text : str
        The whole file.
    source : str
        File name (or description) used in error messages.
    """

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self._pos = 0
        self._peeked: Token | None = None

    # ----------------------------------------------------------------- positions and errors
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = self.text.count("\n", 0, offset) + 1
        start = self.text.rfind("\n", 0, offset) + 1
        return line, offset - start + 1

    def error(self, message: str, offset: int) -> NoReturn:
        """Raise a ParseError located at ``offset``."""
        line, column = self.position(offset)
        raise ParseError(message, line=line, column=column, source=self.source)

    def expected(self, what: str, token: Token | None = None) -> NoReturn:
        """Raise "expected <what>, found <token>" at the token."""
        token = token if token is not None else self.peek()
        self.error(f"expected {what}, found {token.describe()}", token.offset)

    # ----------------------------------------------------------------- scanning
    def _scan(self) -> Token:
        text = self.text
        match = _TOKEN.match(text, self._pos)
        if match is not None:
            group = match.lastindex
            self._pos = end = match.end()
            if group == 1:
                return Token(match.group(1), match.group(1), end - 1)  # type: ignore[arg-type]
            if group == 2:
                body = match.group(2)
                return Token(
                    "string", _UNESCAPE.sub(r"\1", body) if "\\" in body else body, match.start(2) - 1
                )
            if group == 3:
                if end < len(text) and (text[end].isalnum() or text[end] in "./_"):
                    self.error(f"malformed number {text[match.start(3) : end + 1]!r}", match.start(3))
                return Token("number", match.group(3), match.start(3))
            return Token("word", match.group(4), match.start(4))
        pos = _WHITESPACE.match(text, self._pos).end()  # type: ignore[union-attr]
        if pos >= len(text):
            self._pos = pos
            return Token("eof", "", pos)
        char = text[pos]
        if char == '"':
            self.error("unterminated string: no closing '\"' before the end of the file", pos)
        if char in "-." or char.isdigit():
            self.error(f"expected a number, found {text[pos : pos + 12]!r}", pos)
        self.error(f"unexpected character {char!r}", pos)

    def peek(self) -> Token:
        """The next token, without consuming it."""
        if self._peeked is None:
            self._peeked = self._scan()
        return self._peeked

    def next(self) -> Token:
        """Consume and return the next token."""
        token = self.peek()
        self._peeked = None
        return token

    def at(self, kind: TokenKind) -> bool:
        """Whether the next token is of ``kind``."""
        return self.peek().kind == kind

    def accept(self, kind: TokenKind) -> Token | None:
        """Consume the next token if it is of ``kind``."""
        if self.peek().kind == kind:
            return self.next()
        return None

    def expect(self, kind: TokenKind, what: str) -> Token:
        """Consume a token of ``kind`` or raise "expected <what>"."""
        token = self.peek()
        if token.kind != kind:
            self.expected(what, token)
        return self.next()

    # ----------------------------------------------------------------- typed values
    def string(self, what: str) -> str:
        """Consume a quoted string."""
        return self.expect("string", what).text

    def number(self, what: str) -> Fraction:
        """Consume a number and return it as an exact Fraction."""
        token = self.expect("number", what)
        return self.to_fraction(token)

    def integer(self, what: str, *, minimum: int = 0) -> int:
        """Consume an integer of at least ``minimum`` (no sign, fraction or decimal point)."""
        token = self.peek()
        if token.kind != "number" or not token.text.lstrip("-").isdigit():
            self.expected(what, token)
        self.next()
        if len(token.text) > 18:
            self.error(f"{what}: the integer {token.text[:20]}... is too large", token.offset)
        value = int(token.text)
        if value < minimum:
            self.error(f"expected {what} (at least {minimum}), found {token.text}", token.offset)
        return value

    def to_fraction(self, token: Token) -> Fraction:
        """Exact value of a number token (bounded in size)."""
        text = token.text
        if len(text) > MAX_NUMBER_LENGTH:
            self.error(f"number too long ({len(text)} characters; at most {MAX_NUMBER_LENGTH})", token.offset)
        mantissa, _, exponent = text.lower().partition("e")
        if exponent and abs(int(exponent)) > MAX_EXPONENT:
            self.error(f"exponent of {text[:30]} is out of range (at most {MAX_EXPONENT})", token.offset)
        if "/" in mantissa:
            numerator, denominator = mantissa.split("/")
            if int(denominator) == 0:
                self.error(f"division by zero in the number {text[:30]}", token.offset)
            return Fraction(int(numerator), int(denominator))
        return Fraction(text)


def quote(text: str) -> str:
    r"""``text`` as a Gambit string literal.

    Quotes are escaped as ``\"``. A backslash is doubled only where the reader
    would otherwise misread it (before a quote, before another backslash, or at
    the end); elsewhere it is written as it is, which is also how Gambit
    itself reads a lone backslash.

    Examples
    --------
    >>> print(quote('say "hi"'), quote(r"C:\games"), quote("ends with \\"))
    "say \"hi\"" "C:\games" "ends with \\"
    """
    return '"' + _ESCAPE.sub(lambda match: "\\" + match.group(0), text) + '"'


def format_number(value: Any) -> str:
    """A payoff or probability in Gambit's notation, exactly.

    Integers print as integers, other rationals as ``a/b``, and floats as the
    shortest decimal that reads back as the same float (Gambit reads decimals
    exactly, so ``0.1`` comes back as ``Fraction(1, 10)``, which converts back
    to the float ``0.1``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> format_number(Fraction(-2, 3)), format_number(4), format_number(0.1), format_number(1e-7)
    ('-2/3', '4', '0.1', '0.0000001')
    """
    from decimal import Decimal

    if isinstance(value, float):
        text = format(Decimal(repr(float(value))), "f")
        return text[:-2] if text.endswith(".0") else text
    fraction = Fraction(value)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    return f"{fraction.numerator}/{fraction.denominator}"
