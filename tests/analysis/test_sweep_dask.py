"""Sweeps mapped on a real dask LocalCluster (loopback) equal the local ones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import sympy

from nea_games import NormalFormGame
from nea_games.analysis.sweep import Sample, sweep

distributed = pytest.importorskip("distributed")

a, b = sympy.symbols("a b")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_grid_on_the_cluster_equals_local(client: Any) -> None:
    game = NormalFormGame.symmetric([[a, 0], [b, b]], actions=["Stag", "Hare"])
    grid = {"a": np.linspace(-1, 2, 31), "b": np.linspace(-1, 2, 17)}
    local = sweep(game, grid, chunk_size=100)
    remote = sweep(game, grid, chunk_size=100, client=client)
    assert remote == local


def test_sample_and_repeated_game_on_the_cluster(client: Any) -> None:
    game = NormalFormGame.from_array(
        np.array(
            [
                [[[a, 0], [1, b]], [[0, 1], [b, a]]],
                [[[1, a], [0, 2]], [[b, 0], [1, 1]]],
                [[[0, b], [a, 1]], [[2, 0], [1, a]]],
            ],
            dtype=object,
        )
    )
    sample = Sample({"a": (-1, 2), "b": (-1, 2)}, n=500)
    assert sweep(game, sample, chunk_size=64, seed=5, client=client) == sweep(game, sample, seed=5)

    from nea_games.games.repeated import RepeatedGame

    T = sympy.Symbol("T", positive=True)
    pd = RepeatedGame(NormalFormGame.symmetric([[3, 0], [T, 1]], actions=["C", "D"]))
    grid = {"T": np.linspace(4, 8, 9), "delta": np.linspace(0.1, 0.9, 9)}
    assert sweep(pd, grid, chunk_size=10, client=client) == sweep(pd, grid)
