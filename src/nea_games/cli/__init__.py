"""The ``nea-games`` command (also ``python -m nea_games``).

Built on click, so every command has ``--help`` and shell completion
(``nea-games completion bash`` shows the line to add to your shell's
start-up file). User mistakes end in one line on stderr and a non-zero exit
status, never a traceback.

=================  ==========================================================
command            does
=================  ==========================================================
``models``         list the Northeast Asia models
``describe``       a model's question and parameters (defaults, meanings)
``solve``          solve a model or a Gambit .nfg/.efg file
``conditions``     the exact condition under which a pure profile is an equilibrium
``sweep``          which regime holds over a grid of parameter values
``export``         a game as .nfg, .efg, LaTeX or JSON
``report``         every model at its defaults (and scenarios) as a report
``demo``           solve built-in textbook games
``games``          list the built-in textbook games
``methods``        list the solver methods
``completion``     how to turn on tab completion
=================  ==========================================================

Examples
--------
>>> from click.testing import CliRunner
>>> print(CliRunner().invoke(cli, ["conditions", "quasi_alliance", "--symbol", "kappa",
...                                "--profile", "Cooperate,Cooperate"]).output)
(Cooperate, Cooperate) is a Nash equilibrium: kappa <= 1/2
<BLANKLINE>
"""

from __future__ import annotations

from nea_games.cli._app import cli, main
from nea_games.cli._catalog import completion, demo, games, methods
from nea_games.cli._export import export
from nea_games.cli._models import describe, models
from nea_games.cli._report import report
from nea_games.cli._solve import conditions, solve
from nea_games.cli._sweep import sweep

__all__ = ["cli", "main"]

for _command in (
    models,
    describe,
    solve,
    conditions,
    sweep,
    export,
    report,
    demo,
    games,
    methods,
    completion,
):
    cli.add_command(_command)
