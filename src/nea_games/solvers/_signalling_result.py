"""Pure perfect Bayesian equilibria of signalling games and their intuitive-criterion verdicts.

The values :func:`nea_games.solvers.signalling.perfect_bayesian_equilibria`
returns (see that module for the definitions): a
:class:`PerfectBayesianEquilibrium` that can check itself
(:meth:`~PerfectBayesianEquilibrium.violations`), the
:class:`IntuitiveCriterionResult` of Cho & Kreps (1987), and the
:class:`PerfectBayesianSet` that renders them as tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

from nea_games._numeric import as_fraction
from nea_games.games.render import format_number
from nea_games.games.signalling import SignallingGame
from nea_games.solvers._beliefs import BeliefSet, belief_set, numeric_tables
from nea_games.solvers._collection import ResultSequence
from nea_games.solvers.bayesian import posterior

__all__ = [
    "DeviationTest",
    "IntuitiveCriterionResult",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSet",
    "intuitive_criterion",
]


@dataclass(frozen=True, eq=False)
class PerfectBayesianEquilibrium:
    """One pure perfect Bayesian equilibrium of a signalling game.

    Attributes
    ----------
    game : SignallingGame
    sender : tuple of str
        The message of each type (in the order of ``game.types``).
    receiver : tuple of str
        The response to each message (in the order of ``game.messages``).
    beliefs : dict
        On-path posteriors ``{message: {type: probability}}`` (Bayes' rule).
    off_path : dict
        ``{message: BeliefSet}``: every belief after an unsent message that
        makes the receiver's response optimal, i.e. supports the equilibrium.
    exact : bool
    method : str

    Examples
    --------
    See :func:`perfect_bayesian_equilibria`.
    """

    game: SignallingGame
    sender: tuple[str, ...]
    receiver: tuple[str, ...]
    beliefs: dict[str, dict[str, Any]]
    off_path: dict[str, BeliefSet]
    exact: bool = True
    method: str = "pure_pbe"

    @property
    def kind(self) -> str:
        """``"pooling"``, ``"separating"`` or ``"semi-separating"`` (pure partial pooling)."""
        used = len(set(self.sender))
        if used == 1:
            return "pooling"
        if used == len(self.sender):
            return "separating"
        return "semi-separating"

    @property
    def on_path(self) -> tuple[str, ...]:
        """Messages some type sends."""
        return tuple(m for m in self.game.messages if m in self.sender)

    def response(self, message: str) -> str:
        """The receiver's response to ``message``."""
        return self.receiver[self.game.message_index(message)]

    @property
    def sender_payoffs(self) -> dict[str, Any]:
        """Equilibrium payoff of each sender type, :math:`u^*(t)`."""
        return {
            t: self._value(0, t, m, self.response(m))
            for t, m in zip(self.game.types, self.sender, strict=True)
        }

    @property
    def receiver_payoff(self) -> Any:
        """The receiver's ex-ante expected payoff."""
        values = [
            self._fraction(p) * self._value(1, t, m, self.response(m))
            for t, m, p in zip(self.game.types, self.sender, self.game.prior.tolist(), strict=True)
        ]
        total = sum(values, Fraction(0)) if self.exact else math.fsum(float(v) for v in values)
        return total

    def _fraction(self, value: Any) -> Any:
        return as_fraction(value) if self.exact else float(value)

    def _value(self, who: int, t: str, m: str, a: str) -> Any:
        index = (who, self.game.type_index(t), self.game.message_index(m), self.game.response_index(a))
        return self._fraction(self.game.payoffs[index])

    def violations(self) -> list[str]:
        """Every way the profile fails to be a PBE (empty for an equilibrium); checked from scratch."""
        game = self.game
        prior, payoffs, _, tol = numeric_tables(game)
        problems = []
        for k, t in enumerate(game.types):
            chosen = payoffs[
                0, k, game.message_index(self.sender[k]), game.response_index(self.response(self.sender[k]))
            ]
            for m in game.messages:
                alt = payoffs[0, k, game.message_index(m), game.response_index(self.response(m))]
                if alt > chosen + tol:
                    problems.append(f"type {t} gains {format_number(alt - chosen)} by sending {m}")
        for m in game.messages:
            j = game.message_index(m)
            a = game.response_index(self.response(m))
            if m in self.sender:
                expected = posterior(
                    dict(zip(game.types, prior.tolist(), strict=True)),
                    dict(zip(game.types, self.sender, strict=True)),
                    m,
                )
                assert expected is not None
                stated = self.beliefs.get(m, {})
                if any(abs(Fraction(stated.get(t, 0)) - v) > tol for t, v in expected.items()):
                    problems.append(f"beliefs after {m} do not follow Bayes' rule")
                values = [
                    sum((expected[t] * payoffs[1, k, j, b] for k, t in enumerate(game.types)), Fraction(0))
                    for b in range(len(game.responses))
                ]
                if max(values) > values[a] + tol:
                    problems.append(f"{self.response(m)} is not a best response to the beliefs after {m}")
            else:
                if belief_set(game, m, a).is_empty:
                    problems.append(f"no belief after {m} makes {self.response(m)} optimal")
                stored = self.off_path.get(m)
                if stored is not None and (stored.message, stored.response) != (m, self.response(m)):
                    problems.append(f"the belief set recorded after {m} is for another message or response")
        return problems

    def is_equilibrium(self) -> bool:
        """True when :meth:`violations` is empty."""
        return not self.violations()

    @cached_property
    def _intuitive(self) -> IntuitiveCriterionResult:
        return intuitive_criterion(self)

    def intuitive_criterion(self) -> IntuitiveCriterionResult:
        """The Cho–Kreps intuitive criterion applied to this equilibrium (cached)."""
        return self._intuitive

    @property
    def label(self) -> str:
        """E.g. ``"pooling on Beer; Receiver: Beer→Don't, Quiche→Duel"``."""
        if self.kind == "pooling":
            head = f"pooling on {self.sender[0]}"
        else:
            head = f"{self.kind}: " + ", ".join(
                f"{t}→{m}" for t, m in zip(self.game.types, self.sender, strict=True)
            )
        plan = ", ".join(f"{m}→{a}" for m, a in zip(self.game.messages, self.receiver, strict=True))
        return f"{head}; {self.game.players[1]}: {plan}"

    def describe_beliefs(self, latex: bool = False) -> tuple[str, str]:
        """(on-path beliefs, off-path belief sets) as short text."""
        on = "; ".join(
            f"after {m}: " + ", ".join(f"{t} {format_number(p, latex)}" for t, p in mu.items())
            for m, mu in self.beliefs.items()
        )
        off = "; ".join(b.describe(latex) for b in self.off_path.values()) or "none (no unsent message)"
        return on, off

    def __str__(self) -> str:
        on, off = self.describe_beliefs()
        return f"{self.label}\n  beliefs on path: {on}\n  off-path beliefs supporting it: {off}"

    def __repr__(self) -> str:
        return f"<PerfectBayesianEquilibrium {self.label}>"


@dataclass(frozen=True)
class DeviationTest:
    """The intuitive-criterion test of one off-path message.

    Attributes
    ----------
    message : str
    dominated : tuple of str
        :math:`J(m)`: types whose equilibrium payoff beats anything ``message``
        could bring them (under any best response to any belief).
    responses : tuple of str
        :math:`BR(T \\setminus J(m), m)`: responses optimal for some belief on
        the remaining types.
    deviators : tuple of str
        Remaining types that gain from ``message`` under every such response.
    guaranteed : dict
        For each remaining type, its worst payoff from ``message`` under those responses.
    """

    message: str
    dominated: tuple[str, ...]
    responses: tuple[str, ...]
    deviators: tuple[str, ...]
    guaranteed: dict[str, Any]


@dataclass(frozen=True)
class IntuitiveCriterionResult:
    """Whether an equilibrium survives the intuitive criterion, and why.

    Attributes
    ----------
    equilibrium : PerfectBayesianEquilibrium
    survives : bool
    tests : tuple of DeviationTest
        One per off-path message.
    """

    equilibrium: PerfectBayesianEquilibrium
    survives: bool
    tests: tuple[DeviationTest, ...]

    @property
    def reason(self) -> str:
        """Plain-language explanation."""
        star = self.equilibrium.sender_payoffs
        if not self.tests:
            return "survives: every message is sent, so there is no off-path belief to restrict"
        parts = []
        for test in self.tests:
            dominated = ", ".join(test.dominated) or "no type"
            if test.deviators:
                gains = " and ".join(
                    f"{who} at least {format_number(test.guaranteed[who])} > {format_number(star[who])}"
                    for who in test.deviators
                )
                parts.append(
                    f"{test.message} is equilibrium-dominated for {dominated}; with beliefs on the other "
                    f"types every best response ({', '.join(test.responses)}) gives {gains}, "
                    f"so {' and '.join(test.deviators)} would deviate to {test.message}"
                )
            elif len(test.dominated) == len(star):
                parts.append(f"{test.message} is equilibrium-dominated for every type; no restriction")
            else:
                parts.append(
                    f"{test.message} is equilibrium-dominated for {dominated}; no other type gains from it "
                    f"under every best response ({', '.join(test.responses)})"
                )
        return ("survives: " if self.survives else "fails: ") + "; ".join(parts)

    def __str__(self) -> str:
        return self.reason


def intuitive_criterion(equilibrium: PerfectBayesianEquilibrium) -> IntuitiveCriterionResult:
    """Apply the Cho–Kreps (1987) intuitive criterion to a pure PBE.

    Examples
    --------
    See :func:`perfect_bayesian_equilibria`.
    """
    game = equilibrium.game
    _, payoffs, exact, tol = numeric_tables(game)
    star = {t: Fraction(v) for t, v in equilibrium.sender_payoffs.items()}
    tests = []
    for m in game.messages:
        if m in equilibrium.sender:
            continue
        j = game.message_index(m)
        feasible = [b for b in range(len(game.responses)) if not belief_set(game, m, b).is_empty]
        dominated = tuple(
            t for k, t in enumerate(game.types) if star[t] > max(payoffs[0, k, j, b] for b in feasible) + tol
        )
        rest = tuple(t for t in game.types if t not in dominated)
        responses = (
            [b for b in range(len(game.responses)) if not belief_set(game, m, b, rest).is_empty]
            if rest
            else []
        )
        guaranteed = {
            t: min(payoffs[0, game.type_index(t), j, b] for b in responses) for t in rest if responses
        }
        deviators = tuple(t for t, v in guaranteed.items() if v > star[t] + tol)
        convert: Any = (lambda v: v) if exact else float
        tests.append(
            DeviationTest(
                m,
                dominated,
                tuple(game.responses[b] for b in responses),
                deviators,
                {t: convert(v) for t, v in guaranteed.items()},
            )
        )
    return IntuitiveCriterionResult(equilibrium, not any(t.deviators for t in tests), tuple(tests))


_KIND_ORDER = {"pooling": 0, "semi-separating": 1, "separating": 2}


class PerfectBayesianSet(ResultSequence[PerfectBayesianEquilibrium]):
    """All pure PBE of a signalling game, with the intuitive criterion applied on request.

    Attributes
    ----------
    game : SignallingGame
    complete : bool
        Always True: every pure PBE is listed.
    notes : tuple of str
    """

    def __init__(
        self,
        game: SignallingGame,
        equilibria: Sequence[PerfectBayesianEquilibrium],
        *,
        notes: Sequence[str] = (),
    ) -> None:
        self.game = game
        self.method = "pure_pbe"
        self.complete = True
        self.notes = tuple(notes)
        self._items = tuple(sorted(equilibria, key=lambda e: (_KIND_ORDER[e.kind], e.sender, e.receiver)))

    def of_kind(self, kind: str) -> list[PerfectBayesianEquilibrium]:
        """The equilibria of one kind: ``"pooling"``, ``"separating"`` or ``"semi-separating"``."""
        return [e for e in self._items if e.kind == kind]

    def intuitive(self) -> list[IntuitiveCriterionResult]:
        """The intuitive-criterion verdict of each equilibrium, in order."""
        return [e.intuitive_criterion() for e in self._items]

    def surviving(self) -> list[PerfectBayesianEquilibrium]:
        """The equilibria that survive the intuitive criterion."""
        return [e for e in self._items if e.intuitive_criterion().survives]

    def _rows(self, latex: bool = False) -> tuple[list[str], list[list[str]]]:
        sender, receiver = self.game.players
        header = [
            "#",
            "kind",
            sender,
            receiver,
            "beliefs on path",
            "off-path beliefs",
            f"u({sender})",
            f"u({receiver})",
            "intuitive",
        ]
        rows = []
        for k, e in enumerate(self._items, start=1):
            on, off = e.describe_beliefs(latex)
            pay = ", ".join(f"{t} {format_number(v, latex)}" for t, v in e.sender_payoffs.items())
            rows.append(
                [
                    str(k),
                    e.kind,
                    ", ".join(f"{t}→{m}" for t, m in zip(self.game.types, e.sender, strict=True)),
                    ", ".join(f"{m}→{a}" for m, a in zip(self.game.messages, e.receiver, strict=True)),
                    on,
                    off,
                    pay,
                    format_number(e.receiver_payoff, latex),
                    "survives" if e.intuitive_criterion().survives else "fails",
                ]
            )
        return header, rows

    def _summary(self) -> str:
        n = len(self)
        return f"{n} pure perfect Bayesian equilibri{'um' if n == 1 else 'a'}, complete"

    def __repr__(self) -> str:
        return f"<PerfectBayesianSet {self._summary()}>"
