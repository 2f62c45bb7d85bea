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
:class:`~nea_games.games.repeated.RepeatedGame`.

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
10/39
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._tables import TableView
from nea_games.analysis.conditions import conditions, critical_value
from nea_games.errors import UnknownNameError, ValidationError
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
from nea_games.solvers.repeated import DiscountFunction, critical_discount_function

__all__ = [
    "BLOC_A",
    "BLOC_B",
    "CLUBS",
    "HYPOTHESES",
    "ISSUES",
    "STATES",
    "MultilateralModel",
    "MultilateralResult",
    "bloc_of",
    "decisive_defection_threshold",
    "fta_domino",
    "grieco_pd",
    "public_goods_threshold",
    "trust_threshold",
]

#: Bloc A: the United States and its two Northeast Asian allies.
BLOC_A: tuple[str, ...] = ("US", "JPN", "ROK")
#: Bloc B: China, Russia and North Korea.
BLOC_B: tuple[str, ...] = ("CHN", "RUS", "DPRK")
#: The six parties, in the order used for every payoff and weight array.
STATES: tuple[str, ...] = BLOC_A + BLOC_B
#: The named clubs; any tuple of state names is also accepted.
CLUBS: dict[str, tuple[str, ...]] = {"region": STATES, "bloc_A": BLOC_A, "bloc_B": BLOC_B}
#: The issue areas.
ISSUES: tuple[str, ...] = ("security", "economic")
#: The two hypotheses of the source, as (rho_R, rho_I) rules (see :meth:`MultilateralModel.hypothesis`).
HYPOTHESES: tuple[str, ...] = ("A: ideology", "B: rivalry")

_DEFAULT_DISTANCE: tuple[tuple[str, str, Fraction], ...] = (
    *((a, b, Fraction(1)) for a in BLOC_A for b in ("CHN", "DPRK")),
    *((a, "RUS", Fraction(1, 2)) for a in BLOC_A),
)


def _exact(value: Any, name: str) -> Any:
    """Numbers become Fractions (floats stay floats); sympy numbers and expressions are kept."""
    if isinstance(value, (bool, str)):
        raise ValidationError(f"{name}: expected a number or sympy expression, got {value!r}")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float):
        if not np.isfinite(value):
            raise ValidationError(f"{name}: must be finite, got {value!r}")
        return value
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, sympy.Basic):
        return value
    raise ValidationError(f"{name}: expected a number or sympy expression, got {value!r}")


def _check(
    value: Any, name: str, low: Any, high: Any, *, open_low: bool = False, open_high: bool = False
) -> None:
    """Raise if a *numeric* value is outside its range (symbols are not checked)."""
    if isinstance(value, sympy.Basic) and value.free_symbols:
        return
    v = sympy.sympify(value)
    bad = (low is not None and (v < low if not open_low else v <= low)) or (
        high is not None and (v > high if not open_high else v >= high)
    )
    if bool(bad):
        lo = "(" if open_low else "["
        hi = ")" if open_high else "]"
        rng = f"{lo}{low if low is not None else '-oo'}, {high if high is not None else 'oo'}{hi}"
        raise ValidationError(f"{name}: must lie in {rng}, got {value}")


def bloc_of(state: str) -> str:
    """``"A"`` or ``"B"``: the bloc of one of the six states.

    Examples
    --------
    >>> bloc_of("RUS")
    'B'
    """
    if state in BLOC_A:
        return "A"
    if state in BLOC_B:
        return "B"
    raise UnknownNameError(f"unknown state {state!r}{did_you_mean(state, list(STATES))}; states: {STATES}")


@dataclass(frozen=True)
class MultilateralModel:
    r"""Multilateral cooperation under great-power rivalry (DESIGN §4.1).

    All defaults are exact and illustrative, not estimates.

    Parameters
    ----------
    e : number or sympy expression, default 1
        Endowment: what each state may contribute per period (payoff units).
    M : number or sympy expression, default 2
        Multiplier of contributions (dimensionless); a dilemma needs :math:`1 < M < |K|`.
    rho_R : number or sympy expression, default 3/10
        Rivalry weight: share of a strategic rival's payoff a state counts as its own loss.
    rho_I : number or sympy expression, default 0
        Ideology weight: share of a partner's payoff counted as a loss per unit of ideological distance.
    phi_security : number or sympy expression, default 1
        Fungibility of security gains into strategic power (share, in [0, 1]).
    phi_economic : number or sympy expression, default 1/5
        Fungibility of economic gains into strategic power (share, in [0, 1]).
    eta : number or sympy expression, default 1/5
        Security externality: loss to each rival-bloc outsider per contribution (share of e).
    delta : number or sympy expression, default 4/5
        Common discount factor, in (0, 1).
    rho_I_ideology : number or sympy expression, default 1/20
        Ideology weight used by hypothesis A (which sets rho_R = 0).
    distance : tuple of (state, state, number), default see below
        Ideological distances :math:`d_{ij} \in [0, 1]` (symmetric; unlisted pairs are 0):
        1 between bloc A and CHN or DPRK, 1/2 between bloc A and RUS, 0 within a bloc.

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
    nea_games.errors.ValidationError: delta: must lie in (0, 1), got 2
    """

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

    def __post_init__(self) -> None:
        for name in (
            "e",
            "M",
            "rho_R",
            "rho_I",
            "phi_security",
            "phi_economic",
            "eta",
            "delta",
            "rho_I_ideology",
        ):
            object.__setattr__(self, name, _exact(getattr(self, name), name))
        _check(self.e, "e", 0, None, open_low=True)
        for name in ("rho_R", "rho_I", "eta", "rho_I_ideology"):
            _check(getattr(self, name), name, 0, None)
        for name in ("phi_security", "phi_economic"):
            _check(getattr(self, name), name, 0, 1)
        _check(self.delta, "delta", 0, 1, open_low=True, open_high=True)
        _check(self.M, "M", 1, None, open_low=True)
        pairs = []
        for item in self.distance:
            if len(item) != 3:
                raise ValidationError(f"distance: expected (state, state, value) triples, got {item!r}")
            a, b, d = item
            bloc_of(a), bloc_of(b)
            if a == b:
                raise ValidationError(f"distance: a state has no distance to itself ({a!r})")
            value = _exact(d, f"distance {a}-{b}")
            _check(value, f"distance {a}-{b}", 0, 1)
            pairs.append((a, b, value))
        object.__setattr__(self, "distance", tuple(pairs))

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
        members = _members(club)
        self.fungibility(issue)
        _check(
            self.M,
            f"M (club {_label(club)} of {len(members)})",
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
            title=f"{_label(club)} club, {issue}",
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

    def critical_discount(self, club: str | Sequence[str], issue: str) -> Any:
        """:math:`\\delta^* = \\max_i \\delta^*_i` for grim-trigger cooperation of the club.

        ``oo`` when no discount factor sustains it; an expression when
        parameters are symbolic (derived on :meth:`domain`).
        """
        game = self.repeated_game(club, issue)
        cooperative = ("C",) * len(game.players)
        return game.critical_discount("grim_trigger", cooperative, assumptions=self.domain(issue, club))

    def domain(self, issue: str, club: str | Sequence[str] | None = None) -> list[Any]:
        """Facts assumed for symbolic parameters.

        Each state's total relative-gains weight on the others is below 1;
        with a club, also :math:`1 < M < |K|`. Empty when everything is numeric.

        Examples
        --------
        >>> rho = sympy.Symbol("rho_R", nonnegative=True)
        >>> MultilateralModel(rho_R=rho).domain("security")
        [3*rho_R < 1]
        """
        w = self.weights(issue)
        facts: list[Any] = []
        for i in STATES:
            fact = sympy.sympify(sum(w[(i, j)] for j in STATES if j != i)) < 1
            if fact not in (sympy.true, sympy.false) and fact not in facts:
                facts.append(fact)
        if club is not None:
            for fact in (sympy.sympify(self.M) > 1, sympy.sympify(self.M) < len(_members(club))):
                if fact not in (sympy.true, sympy.false):
                    facts.append(fact)
        return facts

    def sustainable(self, club: str | Sequence[str], issue: str) -> Any:
        """Whether ``delta >= delta*`` (a sympy boolean when parameters are symbolic)."""
        result = sympy.sympify(
            sympy.sympify(self.delta) >= sympy.sympify(self.critical_discount(club, issue))
        )
        return bool(result) if result in (sympy.true, sympy.false) else result

    def critical_rivalry(self) -> Any:
        r"""The critical rivalry :math:`\bar\rho(\delta)` for region-wide security cooperation.

        Derived by the library: the grim-trigger condition of the region-wide
        security club with symbolic :math:`\rho_R` and :math:`\delta`
        (:func:`~nea_games.analysis.conditions.conditions`) solved for
        :math:`\rho_R` (:func:`~nea_games.analysis.conditions.critical_value`),
        on the domain where each state's total weight on the others is below 1.
        Cooperation holds iff :math:`\rho_R \le \bar\rho(\delta)`.

        Examples
        --------
        >>> MultilateralModel().critical_rivalry()
        (5*delta - 2)/(3*(2*delta + 1))
        """
        rho, delta = sympy.Symbol("rho_R", nonnegative=True), sympy.Symbol("delta", positive=True)
        model = replace(self, rho_R=rho, delta=delta)
        game = model.repeated_game("region", "security")
        cooperative = ("C",) * len(game.players)
        condition = conditions(
            game, "grim_trigger", assumptions=model.domain("security", "region"), cooperative=cooperative
        )
        value = critical_value(condition, rho, assumptions=[delta < 1])
        return value.threshold

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
            headline[f"sustainable clubs, {issue}"] = tuple(
                c for c in CLUBS if _holds(sympy.sympify(self.delta) >= sympy.sympify(own[(c, issue)]))
            )
        for (c, i), v in own.items():
            headline[f"delta* {c} {i}"] = v
        rho_bar = self.critical_rivalry()
        headline["critical rivalry for region-wide security"] = rho_bar
        at = sympy.sympify(rho_bar).subs(sympy.Symbol("delta", positive=True), self.delta)
        headline["critical rivalry for region-wide security, at delta"] = (
            sympy.nsimplify(at) if at.is_Float else at
        )
        return MultilateralResult(self, table, headline, _reading(self, table, headline))

    # ----------------------------------------------------------------- sweep
    @property
    def sweep_parameters(self) -> tuple[str, ...]:
        """Parameters a sweep varies: the rivalry weight and the discount factor."""
        return ("rho_R", "delta")

    def __nea_sweep__(
        self, points: Mapping[str, npt.NDArray[np.float64]], what: str | None
    ) -> dict[str, Any]:
        """Sustainability and δ* of every named club on every issue at points of (rho_R, delta).

        δ* comes from the library's symbolic δ*(ρ_R), lambdified once, on
        the domain where every state's total relative-gains weight is below
        1; outside it (or where the symbolic solver cannot split the domain),
        δ* is computed exactly at each distinct ρ_R.
        """
        rho = np.asarray(points["rho_R"], dtype=float)
        delta = np.asarray(points["delta"], dtype=float)
        functions, total = _discount_functions(self)
        inside = np.asarray(total(rho), dtype=float) < 1
        out: dict[str, Any] = {}
        for (club, issue), function in functions.items():
            critical = np.empty(rho.shape, dtype=float)
            exact = ~inside
            if function is None:
                exact = np.ones(rho.shape, dtype=bool)
            elif function.parameters:
                critical[inside] = function(rho[inside])
            else:
                critical[inside] = float(function.expression)
            for value in np.unique(rho[exact]):
                critical[rho == value] = _exact_discount(self, float(value), club, issue)
            out[f"{club} {issue}"] = delta >= critical - 1e-12
            out[f"delta* {club} {issue}"] = critical
        return out


@functools.lru_cache(maxsize=32)
def _discount_functions(
    model: MultilateralModel,
) -> tuple[dict[tuple[str, str], DiscountFunction | None], Any]:
    """Lambdified δ*(ρ_R) per named club and issue (``None``: exact per value) and max total weight."""
    rho = sympy.Symbol("rho_R", nonnegative=True)
    symbolic = replace(model, rho_R=rho, delta=Fraction(1, 2))
    w = symbolic.weights("security")
    sums = [sum(w[(i, j)] for j in STATES if j != i) for i in STATES]
    out: dict[tuple[str, str], DiscountFunction | None] = {}
    for club in CLUBS:
        for issue in ISSUES:
            game = symbolic.repeated_game(club, issue)
            if set(game.stage.parameters) - {rho}:
                raise ValidationError("sweep: every parameter other than rho_R and delta must be numeric")
            try:
                out[(club, issue)] = critical_discount_function(
                    game, "grim_trigger", ("C",) * len(game.players), assumptions=symbolic.domain(issue)
                )
            except ValidationError:  # the symbolic solver cannot split the domain: go point by point
                out[(club, issue)] = None
    total = sympy.lambdify([rho], sympy.Max(*sums), modules="numpy")
    return out, total


@functools.lru_cache(maxsize=4096)
def _exact_discount(model: MultilateralModel, rho: float, club: str, issue: str) -> float:
    value = replace(model, rho_R=Fraction(rho)).critical_discount(club, issue)
    return float(value)


def _holds(relation: Any) -> bool:
    return bool(relation) if relation in (sympy.true, sympy.false) else False


def _members(club: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(club, str):
        if club not in CLUBS:
            raise UnknownNameError(
                f"unknown club {club!r}{did_you_mean(club, list(CLUBS))}; known: {list(CLUBS)}"
            )
        return CLUBS[club]
    members = tuple(club)
    for m in members:
        bloc_of(m)
    if len(set(members)) != len(members):
        raise ValidationError(f"club {members}: a state is listed twice")
    return tuple(s for s in STATES if s in members)


def _label(club: str | Sequence[str]) -> str:
    return club if isinstance(club, str) else "+".join(club)


def _reading(
    model: MultilateralModel, table: Mapping[tuple[str, str, str], Any], headline: Mapping[str, Any]
) -> str:
    def verdict(value: Any) -> str:
        return "holds" if _holds(sympy.sympify(model.delta) >= sympy.sympify(value)) else "fails"

    lines = [f"At delta = {model.delta}, under the model's own weights:"]
    for issue in ISSUES:
        held = headline[f"sustainable clubs, {issue}"]
        lines.append(f"- {issue}: sustainable clubs are {', '.join(held) if held else 'none'}.")
    for hyp in HYPOTHESES:
        security = verdict(table[("region", "security", hyp)])
        economic = verdict(table[("region", "economic", hyp)])
        lines.append(
            f"- Hypothesis {hyp}: region-wide security cooperation {security}, "
            f"region-wide economic cooperation {economic}."
        )
    lines.append(
        f"- Region-wide security cooperation holds only if rivalry rho_R is at most "
        f"{headline['critical rivalry for region-wide security']} "
        f"(= {headline['critical rivalry for region-wide security, at delta']} at this delta)."
    )
    lines.append("The defaults are illustrative calibrations, not estimates.")
    return "\n".join(lines)


@dataclass(frozen=True)
class MultilateralResult(TableView):
    """The solution of a :class:`MultilateralModel`.

    Attributes
    ----------
    model : MultilateralModel
    table : dict
        ``{(club, issue, hypothesis): delta*}`` for the named clubs, both
        issue areas and both hypotheses.
    headline : dict
        Which clubs are sustainable at ``delta`` on each issue, δ* of each
        club under the model's own weights, and the critical rivalry
        ρ̄(δ) for region-wide security cooperation (and its value at ``delta``).
    reading : str
        A plain-language summary.

    Examples
    --------
    >>> result = MultilateralModel().solve()
    >>> result.table[("region", "security", "B: rivalry")]
    29/32
    >>> print(result.to_text().splitlines()[0])
    delta* of grim-trigger cooperation (sustainable iff delta >= delta*; delta = 4/5)
    """

    model: MultilateralModel
    table: dict[tuple[str, str, str], Any]
    headline: dict[str, Any]
    reading: str
    notes: tuple[str, ...] = ("illustrative calibration, not estimates",)

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        header = ["club", "issue", *HYPOTHESES]
        rows = [
            [club, issue, *(str(self.table[(club, issue, h)]) for h in HYPOTHESES)]
            for club in CLUBS
            for issue in ISSUES
        ]
        return header, rows

    def _summary(self) -> str:
        delta = self.model.delta
        return f"delta* of grim-trigger cooperation (sustainable iff delta >= delta*; delta = {delta})"

    def __str__(self) -> str:
        return self.to_text()
