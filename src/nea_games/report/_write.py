"""Write the report: solve every section, draw its map, then write Markdown and HTML.

The work is a fixed list of steps (per model: solve, then map; then the two
files), so progress is shown as a bar over those steps, on stderr, and
nothing is printed when ``progress=False``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from nea_games.errors import ValidationError
from nea_games.models import registry
from nea_games.report._html import render_html
from nea_games.report._markdown import render_markdown, summary_rows
from nea_games.report._sections import ScenarioLike, Section, build_section, slug

__all__ = ["Report", "write_report"]

MARKDOWN_NAME = "report.md"
HTML_NAME = "report.html"
FIGURES = "figures"


@dataclass(frozen=True)
class Report:
    """What :func:`write_report` wrote.

    Attributes
    ----------
    out_dir : Path
        The report's folder.
    markdown_path, html_path : Path
        The Markdown report and the self-contained HTML report.
    figures : list of Path
        The equilibrium maps (PNG), one per section that has a map.
    summary_rows : list of (str, str, str)
        ``(model, quantity, value)``: the key headline items, for a terminal table.
    sections : tuple of Section
        The per-model data (model, result, headline, map).
    created : str
        The date the report was generated (UTC, ISO format).
    version : str
        The nea_games version that generated it.
    seconds : float
        Wall-clock time taken.
    """

    out_dir: Path
    markdown_path: Path
    html_path: Path
    figures: list[Path]
    summary_rows: list[tuple[str, str, str]]
    sections: tuple[Section, ...]
    created: str
    version: str
    seconds: float = field(default=0.0, compare=False)

    @property
    def failed(self) -> list[str]:
        """Labels of the sections whose model could not be solved (their error is in the report)."""
        return [s.label for s in self.sections if s.error]

    def summary_text(self) -> str:
        """The summary table as aligned plain text (one row per key headline item).

        Examples
        --------
        >>> report = Report(Path("r"), Path("r/report.md"), Path("r/report.html"), [],
        ...                 [("buffer_dilemma", "China's choice", "Shield")], (), "2026-01-01", "0.1.0")
        >>> print(report.summary_text())
        model           quantity        value
        buffer_dilemma  China's choice  Shield
        """
        rows = [("model", "quantity", "value"), *self.summary_rows]
        widths = [max(len(r[k]) for r in rows) for k in range(3)]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def _prepare(out_dir: str | os.PathLike[str]) -> Path:
    """Create the output folder (and its figures folder), or say why it cannot be used."""
    path = Path(out_dir)
    if path.exists() and not path.is_dir():
        raise ValidationError(f"report: the output path {str(path)!r} is a file, not a directory")
    try:
        (path / FIGURES).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValidationError(
            f"report: cannot create the output directory {str(path)!r}: {error.strerror or error}"
        ) from None
    if not os.access(path, os.W_OK) or not os.access(path / FIGURES, os.W_OK):
        raise ValidationError(f"report: the output directory {str(path)!r} is not writable")
    return path


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ValidationError(f"report: cannot write {str(path)!r}: {error.strerror or error}") from None


@contextmanager
def _steps(total: int, enabled: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr over ``total`` steps; yields ``step(description)``."""
    if not enabled:
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]nea-games report[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("starting", total=total)
        started = False

        def step(description: str) -> None:
            nonlocal started
            if started:
                bar.advance(task)
            started = True
            bar.update(task, description=description)

        yield step
        bar.update(task, completed=total)


def _model_names(models: Sequence[str] | str | None) -> list[str]:
    if models is None:
        return list(registry.available())
    names = [models] if isinstance(models, str) else list(models)
    for name in names:
        registry.model_class(name)  # unknown or unavailable names raise UnknownNameError
    return names


def write_report(
    out_dir: str | os.PathLike[str] = "nea-report",
    *,
    scenarios: Sequence[ScenarioLike] = (),
    models: Sequence[str] | None = None,
    progress: bool = True,
) -> Report:
    """Solve the models, draw their equilibrium maps and write a Markdown and an HTML report.

    Parameters
    ----------
    out_dir : str or path-like, default "nea-report"
        The folder to write into (created if missing; files in it are
        overwritten): ``report.md``, ``report.html`` and ``figures/*.png``.
    scenarios : sequence of Scenario, optional
        Report on these scenarios (each names a model, overrides some of its
        parameters and may give the map's grid) instead of the defaults.
    models : sequence of str, optional
        Registry names of the models to report on (default: every available
        model, at its default parameters). Not together with ``scenarios``.
    progress : bool, default True
        Show a progress bar on stderr.

    Returns
    -------
    Report
        The paths written, the summary rows and the per-model sections.

    Raises
    ------
    nea_games.errors.ValidationError
        If ``out_dir`` is a file or cannot be written, or both ``models`` and
        ``scenarios`` are given, or there is nothing to report.
    nea_games.errors.UnknownNameError
        For a model name that is not available.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = write_report(folder, models=["quasi_alliance"], progress=False)
    ...     print(report.markdown_path.name, report.html_path.name, len(report.figures) <= 1)
    report.md report.html True
    >>> report.summary_rows[0][:2]
    ('quasi_alliance', 'threshold kappa*_J (Japan)')
    """
    start = time.perf_counter()
    if scenarios and models is not None:
        raise ValidationError("report: give either models or scenarios, not both")
    jobs: list[tuple[str, ScenarioLike | None, str]]
    if scenarios:
        jobs = [(str(s.model), s, slug(s.title or s.model)) for s in scenarios]
    else:
        jobs = [(name, None, slug(name)) for name in _model_names(models)]
    if not jobs:
        raise ValidationError("report: there is no model to report on")
    keys: list[str] = []
    for _, _, key in jobs:
        unique, k = key, 2
        while unique in keys:
            unique, k = f"{key}-{k}", k + 1
        keys.append(unique)
    folder = _prepare(out_dir)
    from nea_games import __version__

    created = datetime.now(UTC).date().isoformat()
    sections: list[Section] = []
    with _steps(2 * len(jobs) + 1, progress) as step:
        for (name, scenario, _), key in zip(jobs, keys, strict=True):
            figure_path = folder / FIGURES / f"{key}.png"
            sections.append(
                build_section(name, scenario=scenario, figure_path=figure_path, key=key, step=step)
            )
        step("writing report.md and report.html")
        is_scenario = bool(scenarios)
        markdown_path, html_path = folder / MARKDOWN_NAME, folder / HTML_NAME
        markdown = render_markdown(
            sections, out_dir=folder, created=created, version=__version__, scenario=is_scenario
        )
        _write(markdown_path, markdown)
        _write(html_path, render_html(sections, created=created, version=__version__, scenario=is_scenario))
    return Report(
        out_dir=folder,
        markdown_path=markdown_path,
        html_path=html_path,
        figures=[s.figure.path for s in sections if s.figure is not None],
        summary_rows=summary_rows(sections),
        sections=tuple(sections),
        created=created,
        version=__version__,
        seconds=time.perf_counter() - start,
    )
