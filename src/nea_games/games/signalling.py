r"""Signalling games: a privately informed sender, a message, a receiver's response.

Nature draws the sender's type :math:`t \in T` from a prior :math:`p` with
:math:`p(t) > 0`; the sender sees it and sends a message :math:`m \in M`; the
receiver sees the message (not the type) and responds with
:math:`a \in A`. Payoffs are :math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`
(Spence 1973; Cho & Kreps 1987; Fudenberg & Tirole 1991, §8.2).

A perfect Bayesian equilibrium specifies the sender's strategy, the
receiver's strategy and a belief :math:`\mu(\cdot \mid m) \in \Delta(T)` after
every message, such that both players are sequentially rational and beliefs
follow Bayes' rule wherever it applies (see :mod:`nea_games.solvers.signalling`).

Storage: ``payoffs[0][t, m, a]`` is the sender's payoff and
``payoffs[1][t, m, a]`` the receiver's; ``prior[t]`` the prior.

References
----------
Spence, M. (1973). Job market signaling. *Quarterly Journal of Economics* 87(3), 355–374.
Cho, I.-K., & Kreps, D. M. (1987). Signaling games and stable equilibria.
*Quarterly Journal of Economics* 102(2), 179–221.
Fudenberg, D., & Tirole, J. (1991). *Game Theory*, §8.2. MIT Press.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import Kind, classify, convert_entries
from nea_games.errors import (
    ParametricGameError,
    ProbabilityError,
    ShapeError,
    UnknownNameError,
)
from nea_games.games._bayesian_input import substitute, substitution
from nea_games.games._names import check_names, did_you_mean, index_of
from nea_games.games._payoff_input import payoff_array_of_shape
from nea_games.games._probability import check_distribution, combine_kinds, is_exact_zero, probability_kind
from nea_games.games.bayesian import BayesianGame
from nea_games.games.render import format_number

__all__ = ["SignallingGame"]


def _payoff_array(
    payoffs: Any, types: tuple[str, ...], messages: tuple[str, ...], responses: tuple[str, ...]
) -> npt.NDArray[Any]:
    shape = (2, len(types), len(messages), len(responses))
    if callable(payoffs) and not isinstance(payoffs, (Mapping, np.ndarray)):
        array = np.empty(shape, dtype=object)
        for (k, t), (j, m), (r, a) in itertools.product(
            enumerate(types), enumerate(messages), enumerate(responses)
        ):
            values = payoffs(t, m, a)
            values_t = tuple(values) if isinstance(values, (Sequence, np.ndarray)) else (values,)
            if len(values_t) != 2:
                raise ShapeError(f"payoffs({t!r}, {m!r}, {a!r}): expected (sender, receiver), got {values!r}")
            array[:, k, j, r] = values_t
        return array
    if isinstance(payoffs, Mapping):
        array = np.empty(shape, dtype=object)
        filled = np.zeros(shape[1:], dtype=bool)
        names = (types, messages, responses)
        what = ("type", "message", "response")
        for key, values in payoffs.items():
            if not isinstance(key, tuple) or len(key) != 3:
                raise ShapeError(f"payoffs: keys must be (type, message, response) triples, got {key!r}")
            index: list[int] = []
            for part, pool, label in zip(key, names, what, strict=True):
                if part not in pool:
                    raise UnknownNameError(
                        f"payoffs: unknown {label} {part!r}{did_you_mean(str(part), pool)}; "
                        f"known: {', '.join(pool)}"
                    )
                index.append(pool.index(part))
            values_t = tuple(values) if isinstance(values, (Sequence, np.ndarray)) else (values,)
            if len(values_t) != 2:
                raise ShapeError(f"payoffs[{key!r}]: expected (sender, receiver), got {values!r}")
            array[:, index[0], index[1], index[2]] = values_t
            filled[tuple(index)] = True
        if not filled.all():
            k, j, r = (int(x) for x in np.argwhere(~filled)[0])
            raise ShapeError(f"payoffs: nothing given for {(types[k], messages[j], responses[r])!r}")
        return array
    return payoff_array_of_shape(payoffs, shape, "(2, n_types, n_messages, n_responses)")


class SignallingGame:
    """A sender-receiver game of incomplete information.

    Parameters
    ----------
    types : sequence of str
        The sender's types.
    prior : mapping or sequence
        ``{type: probability}`` or one probability per type; every type
        must have positive probability.
    messages : sequence of str
        The sender's messages (the same for every type).
    responses : sequence of str
        The receiver's actions (the same after every message).
    payoffs : callable, array_like or mapping
        ``payoffs(type, message, response) -> (u_sender, u_receiver)``; or an
        array of shape ``(2, n_types, n_messages, n_responses)``; or a mapping
        from ``(type, message, response)`` to ``(u_sender, u_receiver)``.
    players : pair of str
        Names of the sender and the receiver.
    title : str, optional

    Raises
    ------
    nea_games.errors.ProbabilityError
        If the prior is not a distribution or gives a type probability zero.
    nea_games.errors.ShapeError, nea_games.errors.UnknownNameError
        For malformed payoffs.

    Examples
    --------
    Beer–Quiche (Cho & Kreps 1987): the sender gets 1 for its preferred
    breakfast and 2 if not challenged; the receiver gets 1 for dueling a weak
    sender or leaving a strong one alone.

    >>> from fractions import Fraction as F
    >>> def u(t, m, a):
    ...     preferred = "Beer" if t == "Strong" else "Quiche"
    ...     right = (a == "Duel") == (t == "Weak")
    ...     return (m == preferred) + 2 * (a == "Don't"), int(right)
    >>> bq = SignallingGame(["Strong", "Weak"], {"Strong": F(9, 10), "Weak": F(1, 10)},
    ...                     ["Beer", "Quiche"], ["Duel", "Don't"], u, players=("Sender", "Receiver"))
    >>> bq.payoff("Weak", "Quiche", "Don't")
    (Fraction(3, 1), Fraction(0, 1))
    >>> bq.response_plans()[:2]
    ('Beer:Duel|Quiche:Duel', "Beer:Duel|Quiche:Don't")
    """

    __slots__ = (
        "__dict__",
        "_kind",
        "_messages",
        "_payoffs",
        "_players",
        "_prior",
        "_responses",
        "_types",
        "title",
    )

    _players: tuple[str, ...]
    _types: tuple[str, ...]
    _messages: tuple[str, ...]
    _responses: tuple[str, ...]
    _prior: npt.NDArray[Any]
    _payoffs: npt.NDArray[Any]
    _kind: Kind
    title: str

    def __init__(
        self,
        types: Sequence[str],
        prior: Mapping[str, Any] | Sequence[Any],
        messages: Sequence[str],
        responses: Sequence[str],
        payoffs: Callable[[str, str, str], Sequence[Any]] | Mapping[Any, Any] | npt.ArrayLike,
        *,
        players: Sequence[str] = ("Sender", "Receiver"),
        title: str = "",
    ) -> None:
        players_t = check_names(players, "players")
        if len(players_t) != 2:
            raise ShapeError(
                f"players: a signalling game has a sender and a receiver, got {len(players_t)} names"
            )
        types_t = check_names(types, "types")
        messages_t = check_names(messages, "messages")
        responses_t = check_names(responses, "responses")
        if isinstance(prior, Mapping):
            for key in prior:
                if key not in types_t:
                    raise UnknownNameError(
                        f"prior: unknown type {key!r}{did_you_mean(str(key), types_t)}; "
                        f"known: {', '.join(types_t)}"
                    )
            raw = np.array([prior.get(t, 0) for t in types_t], dtype=object)
        else:
            raw = np.empty(len(prior), dtype=object)
            raw[:] = list(prior)
            if raw.shape != (len(types_t),):
                raise ShapeError(
                    f"prior: expected {len(types_t)} probabilities (one per type), got {raw.shape[0]}"
                )
        array = _payoff_array(payoffs, types_t, messages_t, responses_t)
        kind = combine_kinds(probability_kind(raw, "prior"), classify(array.reshape(-1), "payoffs"))
        prior_s = check_distribution(raw, "prior", kind)
        for t, p in zip(types_t, prior_s.tolist(), strict=True):
            if is_exact_zero(p):
                raise ProbabilityError(
                    f"prior: type {t!r} has probability zero; leave it out of the signalling game"
                )
        stored = convert_entries(array, kind)
        stored.setflags(write=False)
        for name, value in [
            ("_players", players_t),
            ("_types", types_t),
            ("_messages", messages_t),
            ("_responses", responses_t),
            ("_prior", prior_s),
            ("_payoffs", stored),
            ("_kind", kind),
            ("title", str(title)),
        ]:
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("SignallingGame is immutable; build a new game instead")

    # ----------------------------------------------------------------- data
    @property
    def players(self) -> tuple[str, ...]:
        """``(sender, receiver)`` names."""
        return self._players

    @property
    def types(self) -> tuple[str, ...]:
        """The sender's types."""
        return self._types

    @property
    def messages(self) -> tuple[str, ...]:
        """The sender's messages."""
        return self._messages

    @property
    def responses(self) -> tuple[str, ...]:
        """The receiver's actions."""
        return self._responses

    @property
    def prior(self) -> npt.NDArray[Any]:
        """Read-only prior, one probability per type."""
        return self._prior

    @property
    def payoffs(self) -> npt.NDArray[Any]:
        """Read-only payoffs of shape ``(2, n_types, n_messages, n_responses)``."""
        return self._payoffs

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"``."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True when prior and payoffs are exact rationals."""
        return self._kind == "exact"

    @cached_property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free sympy symbols of the prior and payoffs, sorted by name."""
        if self._kind != "symbolic":
            return ()
        symbols: set[sympy.Symbol] = set()
        for value in itertools.chain(self._prior.reshape(-1), self._payoffs.reshape(-1)):
            symbols |= value.free_symbols
        return tuple(sorted(symbols, key=lambda s: s.name))

    def require_numeric(self) -> None:
        """Raise :class:`~nea_games.errors.ParametricGameError` if the game has free parameters."""
        if self.parameters:
            names = ", ".join(str(p) for p in self.parameters)
            raise ParametricGameError(
                f"the game has free parameters ({names}); substitute values with game.subs(...)"
            )

    def type_index(self, type_: str | int) -> int:
        """Position of a type given by name or position."""
        return index_of(type_, self._types, "type")

    def message_index(self, message: str | int) -> int:
        """Position of a message given by name or position."""
        return index_of(message, self._messages, "message")

    def response_index(self, response: str | int) -> int:
        """Position of a response given by name or position."""
        return index_of(response, self._responses, "response")

    def probability(self, type_: str | int) -> Any:
        """Prior probability of a type."""
        return self._prior[self.type_index(type_)]

    def payoff(self, type_: str | int, message: str | int, response: str | int) -> tuple[Any, Any]:
        """``(u_sender, u_receiver)`` at a type, message and response."""
        index = (self.type_index(type_), self.message_index(message), self.response_index(response))
        return self._payoffs[(0, *index)], self._payoffs[(1, *index)]

    # ----------------------------------------------------------------- conversions
    def response_plans(self) -> tuple[str, ...]:
        """Names of the receiver's pure strategies (a response per message).

        Each is named like ``"Beer:Duel|Quiche:Don't"``, in lexicographic order.
        """
        return tuple(
            "|".join(f"{m}:{a}" for m, a in zip(self._messages, combo, strict=True))
            for combo in itertools.product(self._responses, repeat=len(self._messages))
        )

    def to_bayesian_game(self) -> BayesianGame:
        """The same game as a :class:`BayesianGame`: the receiver's actions are response plans.

        The receiver has a single type; its strategic choice is a plan
        :math:`M \\to A` (it observes the message). Nash equilibria of this
        game are the Nash equilibria of the signalling game; perfect Bayesian
        equilibria are a subset of them.

        Examples
        --------
        >>> g = SignallingGame(["H", "L"], [0.5, 0.5], ["m"], ["a", "b"], lambda t, m, a: (1.0, 0.0))
        >>> g.to_bayesian_game().actions
        (('m',), ('m:a', 'm:b'))
        """
        plans = list(itertools.product(range(len(self._responses)), repeat=len(self._messages)))
        shape = (2, len(self._types), 1, len(self._messages), len(plans))
        array = np.empty(shape, dtype=object)
        for k, j, r in itertools.product(
            range(len(self._types)), range(len(self._messages)), range(len(plans))
        ):
            array[:, k, 0, j, r] = self._payoffs[:, k, j, plans[r][j]]
        prior = np.empty((len(self._types), 1), dtype=object)
        prior[:, 0] = self._prior.tolist()
        return BayesianGame(
            self._players,
            [self._messages, self.response_plans()],
            [self._types, ["default"]],
            prior,
            array,
            title=self.title,
        )

    def subs(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> SignallingGame:
        """Substitute values for parameters of the prior and payoffs; return a new game.

        Examples
        --------
        >>> import sympy
        >>> p = sympy.Symbol("p")
        >>> g = SignallingGame(["H", "L"], [p, 1 - p], ["m"], ["a"], lambda t, m, a: (0, 0))
        >>> g.subs(p=sympy.Rational(1, 4)).prior.tolist()
        [Fraction(1, 4), Fraction(3, 4)]
        """
        values_s = substitution(self.parameters, values, kwargs)
        if not values_s:
            return self
        return SignallingGame(
            self._types,
            list(substitute(self._prior, values_s)),
            self._messages,
            self._responses,
            substitute(self._payoffs, values_s),
            players=self._players,
            title=self.title,
        )

    # ----------------------------------------------------------------- rendering
    def to_text(self) -> str:
        """Plain text: the prior, then one table per message (types down, responses across)."""
        sender, receiver = self._players
        title = f" {self.title!r}" if self.title else ""
        prior = ", ".join(
            f"{t} {format_number(p)}" for t, p in zip(self._types, self._prior.tolist(), strict=True)
        )
        lines = [f"Signalling game{title}: {sender} -> {receiver}", f"prior: {prior}"]
        for j, m in enumerate(self._messages):
            header = [f"after {m}", *self._responses]
            rows = [
                [
                    t,
                    *(
                        f"{format_number(self._payoffs[0, k, j, r])}, "
                        f"{format_number(self._payoffs[1, k, j, r])}"
                        for r in range(len(self._responses))
                    ),
                ]
                for k, t in enumerate(self._types)
            ]
            widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
            lines.append("")
            lines += [
                "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                for row in [header, *rows]
            ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(self.to_text())}</pre>"

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<SignallingGame{title}: {len(self._types)} types, {len(self._messages)} messages, "
            f"{len(self._responses)} responses, kind={self._kind}>"
        )

    def _key(self) -> tuple[Any, ...]:
        return (
            self._players,
            self._types,
            self._messages,
            self._responses,
            self._kind,
            tuple(self._prior.tolist()),
            tuple(self._payoffs.reshape(-1).tolist()),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SignallingGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
