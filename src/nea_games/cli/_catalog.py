"""Commands about the textbook games and solvers (``games``, ``demo``, ``methods``) and ``completion``."""

from __future__ import annotations

import click

from nea_games.errors import UnknownNameError

__all__ = ["completion", "demo", "games", "methods"]

DEFAULT_TOUR = ("prisoners_dilemma", "stag_hunt", "chicken", "mckelvey_mclennan_2x2x2")


@click.command()
def games() -> None:
    """List the built-in textbook games."""
    from nea_games.games.catalog import CATALOG

    for name, build in CATALOG.items():
        doc = (build.__doc__ or "").strip().splitlines()[0]
        click.echo(f"{name:26s} {doc}")


@click.command()
@click.argument("game", nargs=-1)
@click.option(
    "--method", default=None, help="Solver method (default: a complete one); see `nea-games methods`."
)
def demo(game: tuple[str, ...], method: str | None) -> None:
    """Solve built-in GAMEs (default: a short tour) and print every equilibrium."""
    from nea_games.games._names import did_you_mean
    from nea_games.games.catalog import CATALOG
    from nea_games.solvers.api import solve

    names = game or DEFAULT_TOUR
    for name in names:
        if name not in CATALOG:
            raise UnknownNameError(
                f"unknown game {name!r}{did_you_mean(name, list(CATALOG))}; see `nea-games games`"
            )
    for name in names:
        g = CATALOG[name]()
        result = solve(g, method=method)
        click.echo(f"== {g.title} ==")
        click.echo(g.to_text(result))
        click.echo(result.to_text())
        click.echo("")


@click.command()
def methods() -> None:
    """List the solver methods of `nea_games.solve`."""
    from nea_games.solvers.api import available_methods

    for name, summary in available_methods().items():
        click.echo(f"{name:28s} {summary}")


SHELLS = {
    "bash": ('eval "$(_NEA_GAMES_COMPLETE=bash_source nea-games)"', "~/.bashrc"),
    "zsh": ('eval "$(_NEA_GAMES_COMPLETE=zsh_source nea-games)"', "~/.zshrc"),
    "fish": (
        "_NEA_GAMES_COMPLETE=fish_source nea-games | source",
        "~/.config/fish/completions/nea-games.fish",
    ),
}


@click.command()
@click.argument("shell", type=click.Choice(sorted(SHELLS)), default="bash")
def completion(shell: str) -> None:
    """Show how to turn on tab completion of commands, options and model names in SHELL."""
    line, where = SHELLS[shell]
    click.echo(f"# add this line to {where}:")
    click.echo(line)
