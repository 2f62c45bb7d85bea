"""The main job's report (nea_games.report): files, self-contained HTML, and the numbers in it.

The values asserted are derived by hand here from the model definitions of
DESIGN §4, independently of the library:

* Buffer dilemma (§4.2), defaults n = 10, B = 30, c_C = 1, kappa = 1/5,
  q = 7/10, g = sigma = 0, a = 2, K = 20, psi = 3, v in {8, 10}.
  The DPRK holds under pressure iff v >= v̄ = a + kappa K + (1 - kappa) psi
  = 2 + 4 + 12/5 = 42/5, so the types separate (8 < 42/5 <= 10), and both
  hold under shielding (v >= a). China's payoffs: Shield -sigma - n = -10;
  Pressure -c_C - q[(1 - kappa) n + kappa (1 - g) B]. China pressures iff
  q <= q* = (n + sigma - c_C) / ((1 - kappa) n + kappa (1 - g) B)
  = 9 / (8 + 6) = 9/14. At q = 7/10 > 9/14 China shields.
  With g = 1/2: q* = 9 / (8 + 3) = 9/11 > 7/10, so China pressures
  (payoff -1 - (7/10)(11) = -87/10 > -10); the pliable type gives in, so
  P(denuclearisation) = 1 - q = 3/10, and the resolute type holds and the
  regime collapses with probability q kappa = 7/50.
* Quasi-alliance (§4.5): kappa*_i = 1 - (h_i + eps_i + f) / (beta_i abar_i):
  Japan 1 - 3/6 = 1/2, ROK 1 - 3/8 = 5/8; binding kappa* = 1/2.
* Multilateral (§4.1), hypothesis B (rho_R = 3/10, rho_I = 0, phi_sec = 1),
  region-wide club of all six states, e = 1, M = 2: V_i = (1 - x_i) + (1/3) sum x_j;
  every state has three rivals with weight 3/10 (no outsiders, so eta plays no part).
  All cooperate: V = 2, U = 2 - (9/10)2 = 1/5. One defects: V_i = 8/3, rivals 5/3,
  U_i = 8/3 - (9/10)(5/3) = 7/6. All defect: V = 1, U = 1/10.
  Grim trigger: delta* = (7/6 - 1/5) / (7/6 - 1/10) = 29/32 > 4/5, so region-wide
  security cooperation fails at the default delta = 4/5.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.models import registry
from nea_games.report import Report, write_report
from nea_games.report._html import math_html

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Scenario:
    """A stand-in with the interface of nea_games.scenario.Scenario (model, title, overrides, grid)."""

    model: str
    title: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    sweep: Mapping[str, Any] = field(default_factory=dict)

    def grid(self) -> dict[str, Any]:
        return dict(self.sweep)

    def build(self) -> Any:
        return registry.get(self.model, **self.parameters)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return write_report(tmp_path_factory.mktemp("report") / "nea-report", progress=False)


@pytest.fixture(scope="module")
def markdown(report: Report) -> str:
    return report.markdown_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html(report: Report) -> str:
    return report.html_path.read_text(encoding="utf-8")


def section_text(markdown: str, model: str) -> str:
    """The Markdown of the ``##`` section of one model."""
    parts = [p for p in markdown.split("\n## ") if p.startswith(f"{model}: ")]
    assert len(parts) == 1, f"expected one section for {model}"
    return parts[0]


# ---------------------------------------------------------------- files
def test_writes_markdown_html_and_one_map_per_model_with_a_grid(report: Report) -> None:
    assert report.markdown_path == report.out_dir / "report.md"
    assert report.html_path == report.out_dir / "report.html"
    assert report.markdown_path.is_file() and report.html_path.is_file()
    assert [s.model_name for s in report.sections] == list(registry.available())
    assert report.failed == []
    with_grid = [s for s in report.sections if callable(getattr(s.model, "map_grid", None))]
    assert len(report.figures) == len(with_grid)
    for section in with_grid:
        assert section.figure is not None, section.map_note
        assert section.figure.path in report.figures
    for path in report.figures:
        assert path.parent == report.out_dir / "figures"
        assert path.read_bytes().startswith(PNG_MAGIC)
    assert len(set(report.figures)) == len(report.figures)


def test_summary_rows_name_every_model(report: Report) -> None:
    assert all(len(row) == 3 and all(isinstance(c, str) for c in row) for row in report.summary_rows)
    assert {row[0] for row in report.summary_rows} == {s.label for s in report.sections}
    assert ("buffer_dilemma", "China's choice", "Shield") in report.summary_rows
    text = report.summary_text()
    assert text.splitlines()[0].split() == ["model", "quantity", "value"]
    assert len(text.splitlines()) == len(report.summary_rows) + 1


# ---------------------------------------------------------------- Markdown
def test_markdown_has_a_section_per_model_and_the_caveats(report: Report, markdown: str) -> None:
    for name in registry.available():
        section = section_text(markdown, name)
        assert "**Question.**" in section
        for heading in ("### The game", "### Headline thresholds and results", "### Reading"):
            assert heading in section
    assert "illustrative calibrations" in markdown and "not empirical" in markdown
    assert f"nea_games {report.version}" in markdown and report.created in markdown
    assert markdown.index("## Summary") < markdown.index("\n## multilateral")


def test_markdown_links_the_maps_relatively(report: Report, markdown: str) -> None:
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
    assert sorted(links) == sorted(p.relative_to(report.out_dir).as_posix() for p in report.figures)
    assert all((report.out_dir / link).is_file() for link in links)


def test_buffer_dilemma_values_by_hand(markdown: str) -> None:
    section = section_text(markdown, "buffer_dilemma")
    assert "| belief threshold q* | 9/14 | $\\frac{9}{14}$ |" in section
    assert "| China's choice | Shield |" in section
    assert "| DPRK cut-off v̄ | 42/5 |" in section


def test_quasi_alliance_threshold_by_hand(markdown: str) -> None:
    section = section_text(markdown, "quasi_alliance")
    assert "| binding threshold kappa* | 1/2 | $\\frac{1}{2}$ |" in section
    assert "| threshold kappa*_K (ROK) | 5/8 |" in section


def test_multilateral_region_security_by_hand(markdown: str) -> None:
    section = section_text(markdown, "multilateral")
    assert re.search(r"\| region \| security \| [^|]+ \| 29/32 \|", section)  # delta* table, hypothesis B
    assert "| sustainable clubs, security | (bloc_A, bloc_B) |" in section  # 29/32 > 4/5: region fails


# ---------------------------------------------------------------- HTML
def test_html_is_self_contained(report: Report, html: str) -> None:
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:|#)""", html)
    assert "<script" not in html and "<link" not in html
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) == len(report.figures)
    for uri in images:
        assert uri.startswith("data:image/png;base64,")
        assert base64.b64decode(uri.split(",", 1)[1]).startswith(PNG_MAGIC)
    assert "<style>" in html and html.startswith("<!DOCTYPE html>")


def test_html_typesets_formulas_as_mathml(html: str) -> None:
    assert "<mfrac><mn>9</mn><mn>14</mn></mfrac>" in html  # buffer dilemma q*
    assert "<mo><</mo>" not in html and "<mo>></mo>" not in html
    for name in registry.available():
        assert f'<section id="{name}">' in html


@given(st.fractions().filter(lambda x: x.denominator > 1))
def test_mathml_keeps_the_exact_value(x: Fraction) -> None:
    out = math_html(x)
    assert f"<mn>{abs(x.numerator)}</mn><mn>{x.denominator}</mn>" in out
    assert ("<mo>-</mo>" in out) == (x < 0)


# ---------------------------------------------------------------- scenarios
@pytest.fixture(scope="module")
def scenario_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    guarantee = Scenario(
        "buffer_dilemma",
        "US buffer guarantee g = 1/2",
        {"g": Fraction(1, 2)},
        {"q": np.linspace(0, 1, 11), "kappa": np.linspace(0, 1, 11)},
    )
    return write_report(tmp_path_factory.mktemp("scenario"), scenarios=[guarantee], progress=False)


def test_scenario_changes_china_to_pressure(scenario_report: Report) -> None:
    [section] = scenario_report.sections
    assert section.label == "US buffer guarantee g = 1/2" and section.overrides == ("g",)
    text = scenario_report.markdown_path.read_text(encoding="utf-8")
    assert "## US buffer guarantee g = 1/2 (buffer_dilemma)" in text
    assert "**g = 1/2**" in text and "the given scenarios" in text
    assert "| China's choice | Pressure |" in text
    assert "| belief threshold q* | 9/11 |" in text
    assert "| probability of denuclearisation | 3/10 |" in text
    assert "| probability of collapse | 7/50 |" in text


def test_scenario_grid_draws_the_map(scenario_report: Report) -> None:
    [section] = scenario_report.sections
    assert section.figure is not None
    assert section.figure.parameters == ("q", "kappa") and section.figure.points == 121
    assert scenario_report.figures == [section.figure.path]


def test_a_failing_model_is_reported_not_fatal(tmp_path: Path) -> None:
    @dataclass(frozen=True)
    class Broken(Scenario):
        def build(self) -> Any:
            class Model:
                def solve(self) -> Any:
                    raise ZeroDivisionError("division by zero")

            return Model()

    done = write_report(tmp_path, scenarios=[Broken("quasi_alliance", "broken")], progress=False)
    assert done.failed == ["broken"] and done.figures == []
    assert ("broken", "error", "ZeroDivisionError: division by zero") in done.summary_rows
    assert "could not be solved" in done.html_path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- output folder and arguments
def test_output_path_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "taken"
    path.write_text("not a folder")
    with pytest.raises(ValidationError, match="is a file"):
        write_report(path, models=["quasi_alliance"], progress=False)
    with pytest.raises(ValidationError, match="cannot create the output directory"):
        write_report(path / "below", models=["quasi_alliance"], progress=False)


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError, match="quasi_aliance"):
        write_report(tmp_path, models=["quasi_aliance"], progress=False)
    with pytest.raises(ValidationError, match="no model"):
        write_report(tmp_path, models=[], progress=False)
    with pytest.raises(ValidationError, match="not both"):
        write_report(tmp_path, models=["quasi_alliance"], scenarios=[Scenario("quasi_alliance", "x")])
    assert not (tmp_path / "report.md").exists()


def test_existing_files_are_overwritten_and_progress_goes_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "report.md").write_text("old")
    done = write_report(tmp_path, models=["quasi_alliance"], progress=True)
    assert done.markdown_path.read_text(encoding="utf-8").startswith("# nea_games report")
    assert capsys.readouterr().out == ""
