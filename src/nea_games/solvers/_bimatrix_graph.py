r"""The graph of extreme equilibria of a bimatrix game: maximal Nash subsets and components.

Take the bipartite graph whose nodes are the nonzero vertices :math:`x` of
:math:`P` and :math:`y` of :math:`Q` that occur in extreme equilibria, with an
edge for each completely labelled pair. A *Nash subset* is a set
:math:`X \times Y` of extreme equilibria in which every :math:`x \in X` is
complementary to every :math:`y \in Y` -- a biclique of the graph -- and then
every point of :math:`\operatorname{conv} X \times \operatorname{conv} Y` is an
equilibrium. The maximal Nash subsets are the maximal bicliques; the set of
all equilibria is the union of their convex hulls, and its connected
components are unions of maximal Nash subsets that overlap (Avis, Rosenberg,
Savani & von Stengel 2010, *Enumeration of Nash equilibria for two-player
games*, Economic Theory 42, §2-3).

Two edges of the graph that share an endpoint lie in a common biclique (the
star at that endpoint), so two extreme equilibria are in the same component
exactly when their edges are connected in the graph: components are the
connected components of the graph, computed here by union-find.

Maximal bicliques are enumerated as closed sets of a Galois connection: the
:math:`X`-side of every maximal biclique is an intersection of neighbourhoods
:math:`N(y)`, and every non-empty such intersection :math:`S` gives the
maximal biclique :math:`S \times \{y : S \subseteq N(y)\}`. The family of
intersections is built by closing the neighbourhoods under pairwise
intersection, with a bound on its size because degenerate games can have
exponentially many maximal Nash subsets.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["edge_components", "maximal_bicliques"]

Edge = tuple[int, int]


def edge_components(edges: Sequence[Edge]) -> list[list[int]]:
    """Group edge positions by connected component of the bipartite graph.

    Examples
    --------
    >>> edge_components([(0, 0), (1, 1), (1, 0), (2, 2)])
    [[0, 1, 2], [3]]
    """
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(node: tuple[int, int]) -> tuple[int, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for x, y in edges:
        root_x, root_y = find((0, x)), find((1, y))
        if root_x != root_y:
            parent[root_y] = root_x
    groups: dict[tuple[int, int], list[int]] = {}
    for position, (x, _) in enumerate(edges):
        groups.setdefault(find((0, x)), []).append(position)
    return sorted(groups.values())


def maximal_bicliques(edges: Sequence[Edge], limit: int = 10_000) -> list[list[int]] | None:
    """Every maximal biclique, as the sorted positions of its edges; ``None`` past ``limit``.

    Examples
    --------
    A 2x1 biclique and a lone edge:

    >>> maximal_bicliques([(0, 0), (1, 0), (2, 1)])
    [[0, 1], [2]]

    The path x0 - y0 - x1 - y1 has two maximal bicliques (two stars):

    >>> maximal_bicliques([(0, 0), (1, 0), (1, 1)])
    [[0, 1], [1, 2]]
    """
    xs = sorted({x for x, _ in edges})
    bit = {x: 1 << k for k, x in enumerate(xs)}
    neighbours: dict[int, int] = {}
    for x, y in edges:
        neighbours[y] = neighbours.get(y, 0) | bit[x]
    generators = set(neighbours.values())
    family = set(generators)
    frontier = list(family)
    while frontier:
        fresh = []
        for subset in frontier:
            for generator in generators:
                meet = subset & generator
                if meet and meet not in family:
                    family.add(meet)
                    fresh.append(meet)
                    if len(family) > limit:
                        return None
        frontier = fresh
    position = {edge: k for k, edge in enumerate(edges)}
    result = []
    for subset in family:
        members_x = [x for x in xs if subset & bit[x]]
        members_y = [y for y, nb in neighbours.items() if subset & nb == subset]
        result.append(sorted(position[(x, y)] for x in members_x for y in members_y))
    return sorted(result)
