"""The ``nea-games`` command group and its error handling.

Every user mistake the library detects (a :class:`~nea_games.errors.NeaGamesError`),
a file that cannot be read (:class:`OSError`) or a malformed TOML file ends
as one line ``nea-games: error: ...`` on stderr and exit status 1; click's
usage errors (unknown options, missing arguments) exit with status 2.
"""

from __future__ import annotations

import sys
import tomllib
from typing import IO, Any

import click

from nea_games.errors import NeaGamesError

__all__ = ["UserError", "cli", "main", "message_of"]

#: Exceptions that are the user's mistake, not a bug: one line, no traceback.
USER_ERRORS = (NeaGamesError, OSError, tomllib.TOMLDecodeError)


def message_of(error: BaseException) -> str:
    """One line describing a user error (an ``OSError`` names its file)."""
    if isinstance(error, OSError) and error.strerror:
        where = error.filename if error.filename is not None else ""
        return f"{where}: {error.strerror}" if where != "" else error.strerror
    return " ".join(str(error).split()) or type(error).__name__


class UserError(click.ClickException):
    """A user mistake: shown as one line on stderr, exit status 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"nea-games: error: {self.format_message()}", err=True, file=file)


class NeaGroup(click.Group):
    """A click group that turns library errors raised by its commands into :class:`UserError`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as error:
            raise UserError(message_of(error)) from None


@click.group(
    cls=NeaGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)
@click.version_option(package_name="nea_games")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Game-theory models of Northeast Asian security and the solvers behind them.

    Start with `nea-games models`, then `nea-games describe MODEL` and
    `nea-games solve MODEL`. Shell completion: see `nea-games completion --help`.
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def main(argv: list[str] | None = None) -> None:
    """Run the command line; errors become one line on stderr and a non-zero exit status."""
    try:
        code = cli.main(args=argv, prog_name="nea-games", standalone_mode=False)
    except USER_ERRORS as error:  # raised outside a command (e.g. while parsing)
        click.echo(f"nea-games: error: {message_of(error)}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("nea-games: aborted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as error:
        click.echo(f"nea-games: error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    if isinstance(code, int) and code != 0:
        sys.exit(code)
