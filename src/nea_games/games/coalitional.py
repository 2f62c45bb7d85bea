r"""Transferable-utility (TU) coalitional games and weighted voting games.

A TU game is a pair :math:`(N, v)`: a finite set of players :math:`N` and a
*characteristic function* :math:`v : 2^N \to \mathbb{R}` with
:math:`v(\emptyset) = 0`, where :math:`v(S)` is the total payoff the
coalition :math:`S` can secure and share among its members as it likes.
The game is

* *monotone* if :math:`S \subseteq T \Rightarrow v(S) \le v(T)`;
* *superadditive* if :math:`v(S \cup T) \ge v(S) + v(T)` for disjoint
  :math:`S, T`;
* *convex* (supermodular) if :math:`v(S \cup T) + v(S \cap T) \ge v(S) +
  v(T)` for all :math:`S, T`, equivalently if every player's marginal
  contribution :math:`v(S \cup \{i\}) - v(S)` grows with :math:`S`
  (Shapley 1971);
* *essential* if :math:`v(N) > \sum_i v(\{i\})`;
* *simple* if it is monotone, every :math:`v(S)` is 0 or 1 and
  :math:`v(N) = 1` (coalitions with value 1 are *winning*).

A *weighted voting game* :math:`[q; w_1, \dots, w_n]` is the simple game in
which :math:`S` wins iff :math:`w(S) = \sum_{i \in S} w_i \ge q`, with
weights :math:`w_i \ge 0` and quota :math:`0 < q \le w(N)`.

Representation. Coalitions are sets of player names. Internally coalition
:math:`S` is the bitmask :math:`\sum_{i \in S} 2^{k(i)}`, :math:`k(i)` being
player :math:`i`'s position, and :meth:`CoalitionalGame.coalition_values`
returns the :math:`2^n` values in that order. A weighted voting game keeps
its weights and quota and computes :math:`v` on demand, so games with many
players (27 members of an EU-style council) stay cheap until someone asks
for all :math:`2^n` coalitions. Solution concepts (Shapley value, Banzhaf
index, core) live in :mod:`nea_games.solvers.coalitional`.

The code is split by job: ``_coalition_bits`` holds the bitmask helpers,
``_tu_game`` the class :class:`CoalitionalGame` and ``_weighted_voting`` the
weighted voting games (all private modules of :mod:`nea_games.games`); this
module is their public home.

References
----------
L. S. Shapley (1971), "Cores of convex games", *International Journal of
Game Theory* 1, 11–26.
"""

from __future__ import annotations

from nea_games.games._coalition_bits import MAX_PLAYERS as _MAX_PLAYERS
from nea_games.games._tu_game import CoalitionalGame
from nea_games.games._weighted_voting import WeightedVotingGame, weighted_voting_game

__all__ = ["MAX_PLAYERS", "CoalitionalGame", "WeightedVotingGame", "weighted_voting_game"]

#: Default bound on the number of players for which all :math:`2^n` coalitions are enumerated.
MAX_PLAYERS = _MAX_PLAYERS
