"""``nea-games models`` and ``nea-games describe MODEL``: what the models are and what they take."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import click
from click.shell_completion import CompletionItem

__all__ = ["complete_model", "complete_target", "describe", "models"]


def complete_model(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of model names."""
    from nea_games.models import registry

    return [
        CompletionItem(name, help=summary)
        for name, summary in registry.available().items()
        if name.startswith(incomplete)
    ]


def complete_target(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of model names, then of file names."""
    return [*complete_model(ctx, param, incomplete), CompletionItem(incomplete, type="file")]


@click.command()
def models() -> None:
    """List the Northeast Asia models shipped in this version."""
    from nea_games.cli._common import print_table
    from nea_games.models import registry

    rows = list(registry.available().items())
    print_table("Models (nea-games describe MODEL for their parameters)", ["model", "about"], rows)


def _default_text(default: Any, width: int = 40) -> str:
    """A default as short text: numbers exactly, anything longer cut at ``width`` characters."""
    from nea_games.models._result import format_value

    text = format_value(default)
    if isinstance(default, (Fraction, int, float)) or len(text) <= width:
        return text
    return text[: width - 1] + "…"


@click.command()
@click.argument("model", shell_complete=complete_model)
def describe(model: str) -> None:
    """Show MODEL's question and its parameters: name, default and meaning."""
    from nea_games.cli._common import print_table
    from nea_games.models import registry

    registry.model_class(model)  # unknown names: one line with a did-you-mean
    question = registry.question(model)
    click.echo(f"{model}: {registry.KNOWN[model].summary}")
    if question:
        click.echo("")
        click.echo(question)
    click.echo("")
    rows = [(p.name, _default_text(p.default), p.meaning.replace("``", "")) for p in registry.describe(model)]
    print_table(
        "Parameters (override with --set NAME=VALUE)",
        ["parameter", "default", "meaning"],
        rows,
        caption="Defaults are illustrative calibrations, not estimates.",
    )
