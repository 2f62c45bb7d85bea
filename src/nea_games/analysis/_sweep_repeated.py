r"""Sweeping repeated games: the critical discount factor and sustainability over a grid.

For a repeated game with a parametric stage game and a strategy profile
(grim trigger by default), cooperation is sustainable at :math:`(\theta,
\delta)` when :math:`\delta \ge \delta^*(\theta)`, the smallest discount factor
at which the profile is subgame perfect. :math:`\delta^*` is derived once,
exactly, by :func:`nea_games.solvers.repeated.critical_discount`, then
lambdified and evaluated over all points at once (``inf`` where cooperation
is never sustainable). :class:`RepeatedSweep` implements the sweep protocol
(``sweep_parameters`` and ``__nea_sweep__``), so
``sweep(RepeatedGame(...), grid)`` works through it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import TOLERANCE
from nea_games.errors import ValidationError

__all__ = ["RepeatedSweep"]

FloatArray = npt.NDArray[np.float64]


class RepeatedSweep:
    """A repeated game and strategy profile, ready to be swept.

    Parameters
    ----------
    game : RepeatedGame
        Stage game and discount factor; either may have parameters.
    strategy : str or Automaton
        The profile whose sustainability is evaluated (``"grim_trigger"``,
        ``"tit_for_tat"``, ... or an automaton).
    what : {"sustainable", "critical_discount"}
        ``"sustainable"`` gives a boolean ``"sustainable"`` output
        (:math:`\\delta \\ge \\delta^*`) and the numeric ``"critical_discount"``;
        ``"critical_discount"`` only the latter, over the stage parameters
        alone (the discount factor need not be given).
    cooperative, **options
        Passed to :func:`nea_games.solvers.repeated.critical_discount`
        (e.g. ``assumptions=[T > R, R > P, P > S]``).

    Examples
    --------
    >>> import numpy as np, sympy
    >>> from nea_games import NormalFormGame
    >>> from nea_games.games.repeated import RepeatedGame
    >>> from nea_games.analysis.sweep import sweep
    >>> T = sympy.Symbol("T", positive=True)
    >>> pd = NormalFormGame.symmetric([[3, 0], [T, 1]], actions=["C", "D"])
    >>> result = sweep(RepeatedGame(pd), {"T": [4.0, 5.0], "delta": [0.4, 0.6]}, "sustainable")
    >>> result.values["critical_discount"]
    array([[0.33333333, 0.33333333],
           [0.5       , 0.5       ]])
    >>> result.condition("sustainable")
    array([[ True,  True],
           [False,  True]])
    """

    def __init__(
        self,
        game: Any,
        strategy: Any = "grim_trigger",
        what: str | None = None,
        cooperative: Any = None,
        **options: Any,
    ) -> None:
        from nea_games.solvers.repeated import critical_discount

        self.what = what or "sustainable"
        if self.what not in ("sustainable", "critical_discount"):
            raise ValidationError(
                f"sweep: a repeated game is swept for what='sustainable' or 'critical_discount', not {what!r}"
            )
        expression = sympy.sympify(critical_discount(game, strategy, cooperative, **options))
        stage_parameters = tuple(p.name for p in game.stage.parameters)
        discount = sympy.sympify(game.discount) if not isinstance(game.discount, float) else game.discount
        discount_symbols = tuple(
            s.name for s in getattr(discount, "free_symbols", ()) if s.name not in stage_parameters
        )
        names = stage_parameters
        if self.what == "sustainable":
            names = (*stage_parameters, *sorted(discount_symbols))
        self.sweep_parameters: tuple[str, ...] = names
        self._symbols = _symbols_by_name([expression, discount], names)
        self._expression = expression
        self._discount = discount
        self._functions: tuple[Callable[..., Any], Callable[..., Any]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_functions"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def expression(self) -> Any:
        """The exact critical discount factor :math:`\\delta^*` (a sympy expression)."""
        return self._expression

    def _compiled(self) -> tuple[Callable[..., Any], Callable[..., Any]]:
        if self._functions is None:
            critical = sympy.lambdify(self._symbols, self._expression, modules="numpy")
            discount = sympy.lambdify(self._symbols, self._discount, modules="numpy")
            self._functions = (critical, discount)
        return self._functions

    def __nea_sweep__(self, points: Mapping[str, FloatArray], what: str | None) -> dict[str, Any]:
        m = len(next(iter(points.values()))) if points else 1
        arrays = [np.asarray(points[n], dtype=float) for n in self.sweep_parameters]
        critical_f, discount_f = self._compiled()
        with np.errstate(all="ignore"):
            critical = np.broadcast_to(np.asarray(critical_f(*arrays), dtype=float), (m,))
        out: dict[str, Any] = {}
        if self.what == "sustainable":
            delta = np.broadcast_to(np.asarray(discount_f(*arrays), dtype=float), (m,))
            out["sustainable"] = delta >= critical - TOLERANCE
        out["critical_discount"] = np.array(critical)
        return out


def _symbols_by_name(expressions: Sequence[Any], names: Sequence[str]) -> list[sympy.Symbol]:
    found: dict[str, sympy.Symbol] = {}
    for expr in expressions:
        for s in getattr(expr, "free_symbols", ()):
            found.setdefault(s.name, s)
    return [found.get(n, sympy.Symbol(n)) for n in names]
