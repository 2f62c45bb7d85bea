"""``nea-games report``: every model at its defaults (and any scenarios) as a Markdown/HTML report."""

from __future__ import annotations

import click

from nea_games.cli._common import print_table

__all__ = ["report"]


@click.command()
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A TOML scenario file to add to the report. Repeatable.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Output directory (default: the first scenario's [output] dir, else ./nea-report).",
)
@click.option("--quiet", is_flag=True, help="No progress output.")
def report(scenarios: tuple[str, ...], out_dir: str | None, quiet: bool) -> None:
    """Run every model at its defaults, plus any scenarios, and write a report.

    Writes Markdown and HTML with PNG equilibrium maps, then prints a summary
    table. Scenario files are validated before anything runs.
    """
    from nea_games.scenario import load_scenario

    loaded = tuple(load_scenario(path) for path in scenarios)
    for scenario in loaded:
        scenario.build()  # the model's own range checks, before any work starts
    if out_dir is None:
        out_dir = next((s.output["dir"] for s in loaded if "dir" in s.output), "nea-report")

    from nea_games.report import write_report

    result = write_report(out_dir, scenarios=loaded, progress=not quiet)
    print_table("Summary", ["model", "quantity", "value"], list(result.summary_rows))
    click.echo(f"Markdown: {result.markdown_path}")
    click.echo(f"HTML:     {result.html_path}")
