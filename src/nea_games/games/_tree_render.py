"""Text outlines and matplotlib drawings of game trees.

The drawing places leaves evenly from left to right in pre-order and every
other node above the middle of its children, one level per move. matplotlib
is imported only when a tree is drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nea_games.games._tree_nodes import CHANCE, NodeData
from nea_games.games.render import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from nea_games.games.extensive_form import ExtensiveFormGame

__all__ = ["outline", "plot_tree"]


def _head(game: ExtensiveFormGame, d: NodeData) -> str:
    if d.kind == "terminal":
        text = "(" + ", ".join(format_number(v) for v in d.payoffs) + ")"
        return text + (f"  {d.label}" if d.label else "")
    if d.kind == "chance":
        return CHANCE + (f" [{d.label}]" if d.label else "")
    return f"{d.player} [{d.infoset}]"


def outline(game: ExtensiveFormGame) -> str:
    """One line per node; branches drawn with box characters."""
    nodes = game._nodes
    lines = [game.title] if game.title else []
    lines.append(_head(game, nodes[0]))

    def walk(d: NodeData, prefix: str) -> None:
        for k, child in enumerate(d.children):
            last = k == len(d.children) - 1
            branch = d.actions[k]
            if d.kind == "chance":
                branch += f" ({format_number(d.probabilities[k])})"
            lines.append(f"{prefix}{'└─' if last else '├─'} {branch}: {_head(game, nodes[child])}")
            walk(nodes[child], prefix + ("   " if last else "│  "))

    walk(nodes[0], "")
    return "\n".join(lines)


def _layout(nodes: tuple[NodeData, ...]) -> tuple[dict[int, float], dict[int, int]]:
    x: dict[int, float] = {}
    depth: dict[int, int] = {0: 0}
    for d in nodes:  # pre-order: parents before children
        for c in d.children:
            depth[c] = depth[d.index] + 1
    order = [d.index for d in nodes if d.kind == "terminal"]
    for position, k in enumerate(order):
        x[k] = float(position)
    for d in reversed(nodes):
        if d.kind != "terminal":
            x[d.index] = sum(x[c] for c in d.children) / len(d.children)
    return x, depth


_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


def plot_tree(
    game: ExtensiveFormGame,
    ax: Axes | None = None,
    *,
    figsize: tuple[float, float] | None = None,
    fontsize: float = 10,
) -> Figure:
    """Draw ``game`` on ``ax`` (a new figure when ``None``) and return the figure."""
    import matplotlib.pyplot as plt

    nodes = game._nodes
    x, depth = _layout(nodes)
    n_leaves = sum(1 for d in nodes if d.kind == "terminal")
    levels = max(depth.values()) + 1
    if ax is None:
        size = figsize or (max(4.0, 1.3 * n_leaves), max(3.0, 1.4 * levels + 0.6))
        fig, ax = plt.subplots(figsize=size)
    else:
        fig = ax.figure  # type: ignore[assignment]
    colour = {p: _COLOURS[i % len(_COLOURS)] for i, p in enumerate(game.players)}
    y = {k: -float(v) for k, v in depth.items()}

    for d in nodes:
        for k, c in enumerate(d.children):
            ax.plot([x[d.index], x[c]], [y[d.index], y[c]], color="#444444", lw=1.2, zorder=1)
            text = d.actions[k]
            if d.kind == "chance":
                text += f"\n{format_number(d.probabilities[k])}"
            mx, my = (x[d.index] + x[c]) / 2, (y[d.index] + y[c]) / 2
            ha = "right" if x[c] < x[d.index] else ("left" if x[c] > x[d.index] else "center")
            ax.text(mx, my, f" {text} ", ha=ha, va="center", fontsize=fontsize * 0.9, zorder=3)

    for d in nodes:
        px, py = x[d.index], y[d.index]
        if d.kind == "decision":
            assert d.player is not None
            ax.scatter([px], [py], s=140, color=colour[d.player], zorder=4, edgecolors="black")
            ax.text(
                px,
                py + 0.13,
                d.player,
                ha="center",
                va="bottom",
                fontsize=fontsize,
                color=colour[d.player],
                fontweight="bold",
                zorder=5,
            )
        elif d.kind == "chance":
            ax.scatter([px], [py], s=150, marker="s", color="#bbbbbb", zorder=4, edgecolors="black")
            ax.text(px, py + 0.13, "Chance", ha="center", va="bottom", fontsize=fontsize, zorder=5)
        else:
            ax.scatter([px], [py], s=20, color="black", zorder=4)
            pays = "\n".join(format_number(v) for v in d.payoffs)
            ax.text(px, py - 0.12, pays, ha="center", va="top", fontsize=fontsize, zorder=5)

    for h, members in game._infoset_nodes.items():
        if len(members) < 2:
            continue
        pts = sorted((x[k], y[k]) for k in members)
        xs, ys = zip(*pts, strict=True)
        ax.plot(xs, ys, ls="--", color="#555555", lw=1.3, zorder=2)
        ax.text(
            sum(xs) / len(xs),
            sum(ys) / len(ys) - 0.1,
            h,
            ha="center",
            va="top",
            fontsize=fontsize * 0.8,
            style="italic",
            color="#555555",
            zorder=5,
        )

    players_line = ", ".join(game.players)
    ax.set_title(game.title or f"Game tree ({players_line})", fontsize=fontsize + 1)
    if n_leaves and any(d.kind == "terminal" for d in nodes):
        ax.text(
            1.0,
            0.0,
            "payoffs: " + players_line + " (top to bottom)",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=fontsize * 0.75,
            color="#555555",
        )
    ax.set_xlim(min(x.values()) - 0.8, max(x.values()) + 0.8)
    ax.set_ylim(-levels + 1 - 0.25 - 0.22 * game.n_players, 0.5)
    ax.axis("off")
    return fig
