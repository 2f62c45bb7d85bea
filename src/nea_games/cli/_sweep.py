"""``nea-games sweep``: which equilibria hold over a grid of parameter values."""

from __future__ import annotations

from typing import Any

import click

from nea_games.cli._common import print_table, resolve, set_option
from nea_games.cli._models import complete_target
from nea_games.errors import UnknownNameError, ValidationError

__all__ = ["parse_axis", "sweep"]


def parse_axis(text: str) -> tuple[str, Any]:
    """``"q=0:1:41"`` (exact fractions welcome: ``"g=1/5:1:9"``) as ``("q", SweepAxis)``.

    Raises
    ------
    nea_games.errors.ValidationError
        For text not of the form NAME=START:STOP:NUM, or an invalid axis.
    """
    from nea_games.errors import ScenarioError
    from nea_games.scenario import SweepAxis, parse_number

    name, sep, spec = text.partition("=")
    parts = spec.split(":")
    name = name.strip()
    if not sep or not name or len(parts) != 3:
        raise ValidationError(f"--vary: expected NAME=START:STOP:NUM such as q=0:1:41, got {text!r}")
    try:
        start = parse_number(parts[0], f"--vary {name}: start")
        stop = parse_number(parts[1], f"--vary {name}: stop")
        num_text = parts[2].strip()
        if not num_text.isdigit():
            raise ScenarioError(f"--vary {name}: NUM must be a whole number, got {parts[2]!r}")
        return name, SweepAxis(start, stop, int(num_text))
    except ScenarioError as error:
        raise ValidationError(str(error).replace("sweep axis:", f"--vary {name}:", 1)) from None


@click.command()
@click.argument("target", metavar="MODEL|SCENARIO", shell_complete=complete_target)
@click.option(
    "--vary",
    "axes",
    multiple=True,
    metavar="NAME=START:STOP:NUM",
    help="An axis of the grid, e.g. --vary q=0:1:41 (exact fractions welcome). Repeatable; "
    "default: the model's own map grid.",
)
@set_option
@click.option(
    "--plot", type=click.Path(dir_okay=False), default=None, help="Save the equilibrium map (PNG, PDF, SVG)."
)
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False), default=None, help="Write one row per point."
)
@click.option(
    "--json", "json_path", type=click.Path(dir_okay=False), default=None, help="Write the result as JSON."
)
def sweep(
    target: str,
    axes: tuple[str, ...],
    assignments: tuple[str, ...],
    plot: str | None,
    csv_path: str | None,
    json_path: str | None,
) -> None:
    """Sweep a model over a grid of parameter values and summarise where each regime holds.

    The axes are the --vary ones, else a scenario file's [sweep] axes, else
    the model's own map grid. Parameters not on an axis keep their defaults
    (or the scenario's values, or those given with --set). Prints the share
    of grid points in each region (the set of conditions that hold there).
    """
    from nea_games.analysis.sweep import sweep as run_sweep
    from nea_games.games._names import did_you_mean
    from nea_games.models import registry
    from nea_games.scenario import sweep_inputs

    found = resolve(target)
    if found.model is None:
        raise ValidationError(f"sweep: {target!r} is a game file; sweep a model or a scenario file")
    model = found.model
    names = registry.parameter_names(model)
    overrides = found.overrides(assignments)
    parsed = dict(parse_axis(text) for text in axes)
    if len(parsed) != len(axes):
        raise ValidationError("--vary: the same parameter is given twice")
    parsed = parsed or dict(found.axes)
    for name in parsed:
        if name not in names:
            raise UnknownNameError(
                f"--vary {name}: model {model!r} has no parameter {name!r}{did_you_mean(name, names)}; "
                f"parameters: {', '.join(names)}"
            )
    if parsed:
        grid_axes = {name: axis.values() for name, axis in parsed.items()}
    else:
        default = getattr(registry.get(model, **overrides), "map_grid", None)
        if not callable(default):
            raise ValidationError(f"model {model!r} has no default map grid; give axes with --vary")
        grid_axes = dict(default())
    swept, grid = sweep_inputs(model, overrides, grid_axes)
    result = run_sweep(swept, grid, progress=None)
    sizes = " x ".join(f"{len(v)} {name}" for name, v in result.axes.items())
    rows = [(name, f"{share:.1%}") for name, share in sorted(result.share().items(), key=lambda kv: -kv[1])]
    print_table(f"{model}: {result.size} points ({sizes})", ["region", "share of points"], rows)
    if csv_path:
        result.to_csv(csv_path)
        click.echo(f"wrote {csv_path}")
    if json_path:
        result.to_json(json_path)
        click.echo(f"wrote {json_path}")
    if plot:
        import matplotlib.pyplot as plt

        figure = result.plot()
        try:
            figure.savefig(plot, dpi=150, bbox_inches="tight")
        except ValueError as error:  # an unknown file format
            raise ValidationError(f"--plot {plot}: {error}") from None
        finally:
            plt.close(figure)
        click.echo(f"wrote {plot}")
