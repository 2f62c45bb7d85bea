"""The ``nea-games`` command (also ``python -m nea_games``).

Built on click for ``--help`` on every command and shell completion
(``_NEA_GAMES_COMPLETE=bash_source nea-games``). User mistakes end in one
line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import sys

import click

from nea_games.errors import NeaGamesError

__all__ = ["cli", "main"]

DEFAULT_TOUR = ("prisoners_dilemma", "stag_hunt", "chicken", "mckelvey_mclennan_2x2x2")


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.version_option(package_name="nea_games")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Game-theory models of Northeast Asian security and the solvers behind them."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.command()
def games() -> None:
    """List the built-in textbook games."""
    from nea_games.games.catalog import CATALOG

    for name, build in CATALOG.items():
        doc = (build.__doc__ or "").strip().splitlines()[0]
        click.echo(f"{name:26s} {doc}")


@cli.command()
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
            raise NeaGamesError(
                f"unknown game {name!r}{did_you_mean(name, list(CATALOG))}; see `nea-games games`"
            )
    for name in names:
        g = CATALOG[name]()
        result = solve(g, method=method)
        click.echo(f"== {g.title} ==")
        click.echo(g.to_text(result))
        click.echo(result.to_text())
        click.echo("")


@cli.command()
def methods() -> None:
    """List the solver methods of `nea_games.solve`."""
    from nea_games.solvers.api import available_methods

    for name, summary in available_methods().items():
        click.echo(f"{name:28s} {summary}")


def main(argv: list[str] | None = None) -> None:
    """Run the command line; errors become one line on stderr and a non-zero exit status."""
    try:
        cli.main(args=argv, prog_name="nea-games", standalone_mode=False)
    except NeaGamesError as error:
        click.echo(f"nea-games: error: {error}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("nea-games: aborted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as error:
        click.echo(f"nea-games: error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
