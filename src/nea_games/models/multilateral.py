r"""Cooperation under rivalry: clubs of Northeast Asian states on security and economic issues.

The six parties of the region are split into two blocs, bloc A (US, JPN,
ROK) and bloc B (CHN, RUS, DPRK). A *club* :math:`K` is a set of them. On an
issue area :math:`\iota \in \{\text{security}, \text{economic}\}` each member
contributes (``"C"``) or not (``"D"``) to a public good; the material payoffs
are those of :func:`nea_games.games.public_goods.public_goods_game`,

.. math:: V_i = e(1 - x_i) + \frac{M}{|K|} e \sum_{j \in K} x_j ,

and on security issues each contribution lowers the material payoff of every
rival-bloc state outside the club by :math:`\eta e`. States care about
relative gains (Grieco 1988; Snidal 1991):

.. math:: U_i = V_i - \sum_{j \ne i} \rho_{ij} V_j, \qquad
          \rho_{ij} = \varphi_\iota (\rho_R r_{ij} + \rho_I d_{ij}),

summed over all six states (outsiders included), with :math:`r_{ij} = 1`
across blocs and :math:`d_{ij}` the ideological distance. The stage game is
repeated with discount factor :math:`\delta`; the club cooperates under grim
trigger iff :math:`\delta \ge \delta^* = \max_i \delta^*_i`, computed by
:class:`~nea_games.games.repeated.RepeatedGame`. With :math:`R_i, T_i, P_i` member *i*'s
payoffs when all cooperate, when it alone defects and when all defect,
:math:`\delta^*_i = (T_i - R_i)/(T_i - P_i)`. Two other enforcement strategies are
offered (``strategy=``): ``k`` periods of punishment, sustainable iff
:math:`T_i - R_i \le (R_i - P_i)(\delta + \dots + \delta^k)` for every member, and
tit-for-tat (a Nash equilibrium; in clubs of three or more it coincides with grim trigger).

Building blocks usable on their own: :func:`grieco_pd` (the Grieco-transformed
prisoner's dilemma), :func:`public_goods_threshold` (δ* of the N-player
public-goods game) and :func:`decisive_defection_threshold` (Lipson's
decisive defection), :func:`trust_threshold` (Kydd's two-type trust game) and :func:`fta_domino`
(the economic track's FTA domino).

The defaults are *illustrative calibrations* chosen to reproduce the source's
qualitative claim (region-wide security cooperation fails, region-wide
economic cooperation and both bloc clubs hold); they are not estimates.

Examples
--------
>>> model = MultilateralModel()
>>> model.critical_discount("region", "security")
29/32
>>> model.critical_discount("region", "economic")
109/232
>>> result = model.solve()
>>> result.headline["sustainable clubs, security"]
('bloc_A', 'bloc_B')
>>> result.headline["critical rivalry for region-wide security, at delta"]
Fraction(10, 39)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import PayoffTypeError, UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.public_goods import ClubGame
from nea_games.games.repeated import RepeatedGame
from nea_games.models._multilateral_blocks import (
    decisive_defection_threshold,
    fta_domino,
    grieco_pd,
    public_goods_threshold,
    trust_threshold,
)
from nea_games.models._multilateral_result import MultilateralResult, holds, reading
from nea_games.models._multilateral_states import (
    _DEFAULT_DISTANCE,
    BLOC_A,
    BLOC_B,
    CLUBS,
    HYPOTHESES,
    ISSUES,
    STATES,
    STRATEGIES,
    bloc_of,
    label,
)
from nea_games.models._multilateral_states import members as club_members
from nea_games.models._multilateral_sweep import grim_discount_expression, sweep_clubs
from nea_games.models._multilateral_symbolic import critical_rivalry, sustainable_condition
from nea_games.models._parameters import Range, check_range, convert, exact_output, range_assumptions
from nea_games.solvers.api import solve as _solve

__all__ = [
    "BLOC_A",
    "BLOC_B",
    "CLUBS",
    "HYPOTHESES",
    "ISSUES",
    "STATES",
    "STRATEGIES",
    "MultilateralModel",
    "MultilateralResult",
    "bloc_of",
    "decisive_defection_threshold",
    "fta_domino",
    "grieco_pd",
    "public_goods_threshold",
    "trust_threshold",
]


#: The range each numeric parameter must lie in (symbolic values are not checked).
RANGES: dict[str, Range] = {
    "e": Range(0, None, open_low=True),
    "M": Range(1, None, open_low=True),
    "rho_R": Range(0, None),
    "rho_I": Range(0, None),
    "phi_security": Range(0, 1),
    "phi_economic": Range(0, 1),
    "eta": Range(0, None),
    "delta": Range(0, 1, open_low=True, open_high=True),
    "rho_I_ideology": Range(0, None),
}
_OWNER = "MultilateralModel"


def _number(name: str, value: Any, spec: Range | None = None) -> Any:
    """One parameter converted by :func:`convert` and checked against ``spec``.

    A value that is not a number is a :class:`~nea_games.errors.ValidationError` of this model.
    """
    try:
        converted = convert(_OWNER, name, value)
    except PayoffTypeError as error:
        raise ValidationError(str(error)) from None
    if spec is not None:
        spec.check(_OWNER, name, converted)
    return converted


@dataclass(frozen=True)
class MultilateralModel:
    r"""Multilateral cooperation under great-power rivalry (DESIGN §4.1).

    All defaults are exact and illustrative, not estimates.

    Parameters
    ----------
    e : number or sympy expression, default 1
        Endowment each state may contribute per period (payoff units), in (0, oo).
    M : number or sympy expression, default 2
        Multiplier of contributions (dimensionless), in (1, oo); a club needs :math:`M < |K|`.
    rho_R : number or sympy expression, default 3/10
        Rivalry weight: share of a strategic rival's payoff counted as one's loss, in [0, oo).
    rho_I : number or sympy expression, default 0
        Ideology weight per unit of ideological distance (share of a payoff), in [0, oo).
    phi_security : number or sympy expression, default 1
        Fungibility of security gains into strategic power (share), in [0, 1].
    phi_economic : number or sympy expression, default 1/5
        Fungibility of economic gains into strategic power (share), in [0, 1].
    eta : number or sympy expression, default 1/5
        Loss to each rival-bloc outsider per security contribution (share of e), in [0, oo).
    delta : number or sympy expression, default 4/5
        Common discount factor (per period), in (0, 1).
    rho_I_ideology : number or sympy expression, default 1/20
        Ideology weight used by hypothesis A, which sets rho_R = 0 (share), in [0, oo).
    distance : tuple of (state, state, number), default see below
        Ideological distances :math:`d_{ij} \in [0, 1]` (symmetric; unlisted pairs are 0):
        1 between bloc A and CHN or DPRK, 1/2 between bloc A and RUS, 0 within a bloc.
    strategy : {"grim", "tit_for_tat", "k_period"}, default "grim"
        How the club enforces cooperation: grim trigger, tit-for-tat (a Nash equilibrium in
        Axelrod's sense) or ``k`` periods of mutual defection (see :meth:`critical_discount`).
    k : int, default 1
        Length of the punishment under ``strategy="k_period"`` (periods), an integer >= 1.

    Raises
    ------
    nea_games.errors.ValidationError
        For a numeric parameter out of range (weights and e must be
        non-negative / positive, fungibilities and distances in [0, 1],
        delta in (0, 1)).

    Examples
    --------
    >>> MultilateralModel(delta=2)
    Traceback (most recent call last):
    ...
    nea_games.errors.ValidationError: MultilateralModel: delta must lie in (0, 1), got 2
    """

    QUESTION = (  # a class attribute, not a field
        "When can the states of Northeast Asia sustain security or economic cooperation, "
        "region-wide or within each bloc? The model sets two explanations side by side: "
        "ideological distance, or great-power rivalry that makes relative gains matter."
    )

    e: Any = Fraction(1)
    M: Any = Fraction(2)
    rho_R: Any = Fraction(3, 10)
    rho_I: Any = Fraction(0)
    phi_security: Any = Fraction(1)
    phi_economic: Any = Fraction(1, 5)
    eta: Any = Fraction(1, 5)
    delta: Any = Fraction(4, 5)
    rho_I_ideology: Any = Fraction(1, 20)
    distance: tuple[tuple[str, str, Any], ...] = field(default=_DEFAULT_DISTANCE)
    strategy: str = "grim"
    k: int = 1

    def __post_init__(self) -> None:
        # like validate_fields, but the distance table is a tuple of triples, checked one by one
        for name, spec in RANGES.items():
            object.__setattr__(self, name, _number(name, getattr(self, name), spec))
        pairs = []
        for item in self.distance:
            if not isinstance(item, tuple | list) or len(item) != 3:
                raise ValidationError(
                    f"{_OWNER}: distance: expected (state, state, value) triples, got {item!r}"
                )
            a, b, d = item
            bloc_of(a), bloc_of(b)
            if a == b:
                raise ValidationError(f"{_OWNER}: distance: a state has no distance to itself ({a!r})")
            pairs.append((a, b, _number(f"distance {a}-{b}", d, Range(0, 1))))
        object.__setattr__(self, "distance", tuple(pairs))
        if self.strategy not in STRATEGIES:
            name = str(self.strategy)
            raise UnknownNameError(
                f"{_OWNER}: unknown strategy {name!r}{did_you_mean(name, list(STRATEGIES))}; "
                f"known: {', '.join(STRATEGIES)}"
            )
        if isinstance(self.k, bool) or not isinstance(self.k, int | np.integer) or self.k < 1:
            raise ValidationError(
                f"{_OWNER}: k (punishment length) must be a positive integer, got {self.k!r}"
            )
        object.__setattr__(self, "k", int(self.k))

    # ----------------------------------------------------------------- pieces
    def hypothesis(self, name: str) -> MultilateralModel:
        """The model under one of the source's hypotheses.

        ``"A: ideology"`` (or ``"A"``): rho_R = 0, rho_I = rho_I_ideology;
        ``"B: rivalry"`` (or ``"B"``): the model's rho_R, rho_I = 0.

        Examples
        --------
        >>> MultilateralModel().hypothesis("A").rho_I
        Fraction(1, 20)
        """
        key = name.split(":")[0].strip().upper()
        if key == "A":
            return replace(self, rho_R=Fraction(0), rho_I=self.rho_I_ideology)
        if key == "B":
            return replace(self, rho_I=Fraction(0))
        raise UnknownNameError(f"unknown hypothesis {name!r}; known: {', '.join(HYPOTHESES)}")

    def d(self, i: str, j: str) -> Any:
        """Ideological distance :math:`d_{ij}` (symmetric, 0 when unlisted)."""
        for a, b, value in self.distance:
            if {a, b} == {i, j}:
                return value
        return Fraction(0)

    def fungibility(self, issue: str) -> Any:
        """:math:`\\varphi_\\iota` of an issue area."""
        if issue == "security":
            return self.phi_security
        if issue == "economic":
            return self.phi_economic
        raise UnknownNameError(
            f"unknown issue area {issue!r}{did_you_mean(issue, list(ISSUES))}; known: {ISSUES}"
        )

    def weights(self, issue: str) -> dict[tuple[str, str], Any]:
        r"""Relative-gains weights over all six states.

        :math:`\rho_{ij} = \varphi_\iota(\rho_R r_{ij} + \rho_I d_{ij})`.

        Examples
        --------
        >>> w = MultilateralModel().weights("security")
        >>> w[("US", "CHN")], w[("US", "JPN")]
        (Fraction(3, 10), Fraction(0, 1))
        """
        phi = self.fungibility(issue)
        out: dict[tuple[str, str], Any] = {}
        for i in STATES:
            for j in STATES:
                if i != j:
                    r = 1 if bloc_of(i) != bloc_of(j) else 0
                    out[(i, j)] = phi * (self.rho_R * r + self.rho_I * self.d(i, j))
        return out

    def club(self, club: str | Sequence[str], issue: str) -> ClubGame:
        """The :class:`ClubGame` (material payoffs of all six states) of a club on an issue area.

        The rivals hurt on security issues are the outsiders in a bloc other
        than some member's bloc; on economic issues there is no externality.

        Raises
        ------
        nea_games.errors.ValidationError
            If :math:`1 < M < |K|` fails for this club.
        """
        members = club_members(club)
        self.fungibility(issue)
        check_range(
            _OWNER,
            f"M (club {label(club)} of {len(members)})",
            self.M,
            1,
            len(members),
            open_low=True,
            open_high=True,
        )
        blocs = {bloc_of(m) for m in members}
        rivals = [s for s in STATES if s not in members and (blocs - {bloc_of(s)})]
        security = issue == "security" and rivals
        return ClubGame.build(
            STATES,
            self.M,
            self.e,
            members=members,
            rivals=rivals if security else None,
            externality=self.eta if security else 0,
            title=f"{label(club)} club, {issue}",
        )

    def club_game(self, club: str | Sequence[str], issue: str) -> NormalFormGame:
        """The members' stage game with relative-gains utilities over all six states.

        Examples
        --------
        >>> g = MultilateralModel().club_game("bloc_A", "security")
        >>> g.payoff(("C", "C", "C"))
        (Fraction(41, 25), Fraction(41, 25), Fraction(41, 25))
        """
        return self.club(club, issue).stage_game(self.weights(issue))

    def repeated_game(self, club: str | Sequence[str], issue: str) -> RepeatedGame:
        """The club's stage game repeated with discount factor ``delta``."""
        return RepeatedGame(self.club_game(club, issue), self.delta)

    def games(self) -> dict[str, RepeatedGame]:
        """The repeated game of every named club on every issue area, e.g. ``"region security"``.

        Examples
        --------
        >>> list(MultilateralModel().games())[:2]
        ['region security', 'region economic']
        """
        return {f"{club} {issue}": self.repeated_game(club, issue) for club in CLUBS for issue in ISSUES}

    def map_grid(self) -> dict[str, npt.NDArray[np.float64]]:
        """The default grid of the equilibrium map: 41 x 41 points of (rho_R, delta).

        Rivalry runs over [0, 0.32], inside the domain where every state's total weight on the
        others' payoffs stays below 1 at the default fungibility (rho_R < 1/3), and the discount
        factor over [0.02, 0.98].

        Examples
        --------
        >>> {name: len(values) for name, values in MultilateralModel().map_grid().items()}
        {'rho_R': 41, 'delta': 41}
        """
        return {"rho_R": np.linspace(0.0, 0.32, 41), "delta": np.linspace(0.02, 0.98, 41)}

    def critical_discount(self, club: str | Sequence[str], issue: str) -> Any:
        r""":math:`\delta^* = \max_i \delta^*_i` for cooperation of the club under ``strategy``.

        ``"grim"``: grim trigger (subgame perfect). ``"k_period"``: ``k`` periods of mutual
        defection after any deviation, then back to cooperation (subgame perfect); a member
        must then have :math:`T - R \le (R - P)(\delta + \dots + \delta^k)`.
        ``"tit_for_tat"``: each member cooperates iff all the others did last period,
        checked as a Nash equilibrium (Axelrod's sense; tit-for-tat is subgame perfect
        only on a knife edge). With three or more members one defection sets every
        non-deviator defecting for ever, so tit-for-tat's δ* equals grim trigger's and is
        computed that way; two-member clubs use the tit-for-tat automaton.

        ``oo`` when no discount factor sustains cooperation; an expression when
        parameters are symbolic (derived on :meth:`domain`, which includes every symbolic
        parameter's range). When whether a member gains by defecting depends on a symbolic
        parameter (e.g. ``M`` or ``eta`` in a bloc's security club), grim trigger's δ* is a
        ``Piecewise`` over the regimes (see
        :func:`~nea_games.models._multilateral_sweep.grim_discount_expression`).

        Examples
        --------
        >>> MultilateralModel(strategy="k_period", k=1).critical_discount("bloc_A", "security")
        23/231
        """
        game = self.repeated_game(club, issue)
        cooperative = ("C",) * len(game.players)
        parameters = set(game.stage.parameters)
        facts = [fact for fact in self.domain(issue, club) if fact.free_symbols <= parameters]
        if self.strategy == "k_period":
            return game.critical_discount("k_period_punishment", cooperative, k=self.k, assumptions=facts)
        if self.strategy == "tit_for_tat" and len(game.players) == 2:
            return game.critical_discount("tit_for_tat", cooperative, concept="nash", assumptions=facts)
        try:
            return game.critical_discount("grim_trigger", cooperative, assumptions=facts)
        except ValidationError:
            if not game.stage.is_parametric:
                raise
            # the sign analysis cannot split the domain (e.g. a constraint free of the parameters):
            # the closed form (T - R)/(T - P) of every member, valid where the club is a dilemma
            return grim_discount_expression(game.stage, facts)

    def domain(self, issue: str, club: str | Sequence[str] | None = None) -> list[Any]:
        """Facts assumed for symbolic parameters.

        The range of every symbolic parameter (``RANGES``, e.g. :math:`e > 0`); each
        state's total relative-gains weight on the others is below 1; with a club, also
        :math:`1 < M < |K|`. Empty when everything is numeric.

        Examples
        --------
        >>> rho = sympy.Symbol("rho_R")
        >>> MultilateralModel(rho_R=rho).domain("security")
        [rho_R >= 0, 3*rho_R < 1]
        """
        w = self.weights(issue)
        facts: list[Any] = [sympy.sympify(fact) for fact in range_assumptions(self, RANGES)]
        for i in STATES:
            fact = sympy.sympify(sum(w[(i, j)] for j in STATES if j != i)) < 1
            if fact not in (sympy.true, sympy.false) and fact not in facts:
                facts.append(fact)
        if club is not None:
            for fact in (sympy.sympify(self.M) > 1, sympy.sympify(self.M) < len(club_members(club))):
                if fact not in (sympy.true, sympy.false) and fact not in facts:
                    facts.append(fact)
        return facts

    @property
    def strategy_label(self) -> str:
        """The cooperative strategy in words, e.g. ``"grim trigger"`` or ``"2-period punishment"``."""
        return f"{self.k}-period punishment" if self.strategy == "k_period" else STRATEGIES[self.strategy]

    def sustainable(self, club: str | Sequence[str], issue: str) -> Any:
        """Whether ``delta >= delta*`` (a sympy boolean when parameters are symbolic)."""
        facts = [*self.domain(issue, club), *self._delta_facts()]
        result = sustainable_condition(self.delta, self.critical_discount(club, issue), facts)
        return bool(result) if result in (sympy.true, sympy.false) else result

    def _delta_facts(self) -> list[Any]:
        delta = sympy.sympify(self.delta)
        return [delta > 0, delta < 1] if delta.free_symbols else []

    def critical_rivalry(self) -> Any:
        r"""The critical rivalry :math:`\bar\rho(\delta)` for region-wide security cooperation.

        Derived by the library: the grim-trigger condition of the region-wide
        security club with symbolic :math:`\rho_R` and :math:`\delta`
        (:func:`~nea_games.analysis.conditions.conditions`) solved for
        :math:`\rho_R` (:func:`~nea_games.analysis.conditions.critical_value`),
        on the domain where each state's total weight on the others is below 1.
        Cooperation holds iff :math:`\rho_R \le \bar\rho(\delta)`. With a symbolic
        parameter whose range starts at a closed 0 (e.g. ``phi_security``), the threshold is
        a ``Piecewise``: the expression above 0 and, at 0, ``oo`` (rivalry does not matter
        and cooperation holds) or ``-oo`` (it fails at any rivalry).

        Under ``strategy="k_period"`` the condition is a polynomial of degree ``k`` in
        :math:`\delta`, so the threshold is derived at the model's own ``delta`` (a number).
        Tit-for-tat in the six-member club is grim trigger (see :meth:`critical_discount`).

        Examples
        --------
        >>> MultilateralModel().critical_rivalry()
        (5*delta - 2)/(3*(2*delta + 1))
        >>> MultilateralModel(strategy="k_period", k=1).critical_rivalry()
        2/51
        """
        return critical_rivalry(self, RANGES)

    def solve(self) -> MultilateralResult:
        """The table of δ* per club × issue × hypothesis, the headline and a reading."""
        table: dict[tuple[str, str, str], Any] = {}
        for hyp in HYPOTHESES:
            model = self.hypothesis(hyp)
            for club in CLUBS:
                for issue in ISSUES:
                    table[(club, issue, hyp)] = model.critical_discount(club, issue)
        own = {(c, i): self.critical_discount(c, i) for c in CLUBS for i in ISSUES}
        headline: dict[str, Any] = {}
        for issue in ISSUES:
            relation = {
                c: sustainable_condition(
                    self.delta, own[(c, issue)], [*self.domain(issue, c), *self._delta_facts()]
                )
                for c in CLUBS
            }
            headline[f"sustainable clubs, {issue}"] = tuple(c for c in CLUBS if holds(relation[c]))
            open_ = {c: r for c, r in relation.items() if r not in (sympy.true, sympy.false)}
            if open_:  # symbolic parameters: the condition under which each undecided club holds
                headline[f"sustainable iff, {issue}"] = open_
        for (c, i), v in own.items():
            headline[f"delta* {c} {i}"] = v
        headline["cooperative strategy"] = self.strategy_label
        rho_bar = self.critical_rivalry()
        if self.strategy != "k_period":
            headline["critical rivalry for region-wide security"] = rho_bar
        at = sympy.sympify(rho_bar).subs(sympy.Symbol("delta", positive=True), self.delta)
        headline["critical rivalry for region-wide security, at delta"] = (
            sympy.nsimplify(at) if at.is_Float else at if at.is_number else sympy.factor(sympy.simplify(at))
        )
        headline = {name: exact_output(value) for name, value in headline.items()}
        game = self.repeated_game("region", "security")
        equilibria = None if game.stage.is_parametric else _solve(game.stage)
        return MultilateralResult(
            self, table, headline, reading(self, table, headline), equilibria=equilibria, game=game
        )

    # ----------------------------------------------------------------- sweep
    @property
    def sweep_parameters(self) -> tuple[str, ...]:
        """Parameters a sweep varies: the rivalry weight and the discount factor."""
        return ("rho_R", "delta")

    def __nea_sweep__(
        self, points: Mapping[str, npt.NDArray[np.float64]], what: str | None
    ) -> dict[str, Any]:
        """Sustainability and δ* of every named club on every issue at points of (rho_R, delta).

        δ* is computed from each member's stage payoffs (all cooperate, it alone defects, all
        defect), lambdified once in ρ_R, with the one-shot deviation constraints of the
        model's ``strategy`` (see :mod:`nea_games.models._multilateral_sweep`): a few numpy
        operations over all points.
        """
        rho = np.asarray(points["rho_R"], dtype=float)
        delta = np.asarray(points["delta"], dtype=float)
        return sweep_clubs(self, rho, delta)
