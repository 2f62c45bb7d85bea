"""Regenerate the API reference pages in ``docs/reference/`` from the package.

Run ``python docs/tools/generate_reference.py`` after adding, removing or
renaming a public module (``tests/test_docs.py`` fails until every public
module has a page) or after changing what ``nea_games`` exports at the top
level. The script rewrites:

* ``reference/{games,solvers,io}/<module>.md``: one page per public module
  that imports cleanly (a module that fails to import is left out and
  reported, so that one broken module cannot break the whole build);
* ``reference/{games,solvers,io}/index.md``: the table of contents;
* ``reference/nea_games.md``: every name of ``nea_games.__all__``, grouped by
  the module it comes from.

Each object is documented once. Names exported by ``nea_games`` itself are
documented there (``nea_games.solve``) and excluded from their module's page,
which links to them instead; autodoc records the module path of a class as
its canonical name, so references to either spelling of a class resolve.

The hand-written pages (``reference/index.md``, ``errors.md``,
``strategies.md``) are not touched. Review the diff before committing.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path
from typing import Any

import nea_games

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
SUBPACKAGES = ("games", "solvers", "analysis", "models", "io")

#: Reading order of the modules in each table of contents; others follow alphabetically.
ORDER = {
    "games": ["normal_form", "catalog", "render", "extensive_form", "bayesian", "signalling"],
    "solvers": [
        "api",
        "result",
        "pure",
        "vertex_enumeration",
        "support_enumeration",
        "lemke_howson",
        "zero_sum",
        "nplayer",
        "correlated",
        "selection",
        "nashpy_backend",
        "backward",
        "bayesian",
        "bayesian_result",
        "signalling",
        "budget",
    ],
    "analysis": ["conditions", "sweep", "plots"],
    "models": [
        "registry",
        "multilateral",
        "buffer_dilemma",
        "strategic_patience",
        "inside_balancer",
        "quasi_alliance",
    ],
    "io": ["gambit"],
}
INTRO = {
    "games": "What a game *is*: data, validation and conversions. Nothing in these modules solves a game.",
    "solvers": "How to find equilibria: one module per family of algorithms, behind {func}`nea_games.solve`.",
    "analysis": "Questions about games with parameters: exact conditions, thresholds, sweeps and maps.",
    "models": "The Northeast Asia models, built only from the games, solvers and analysis above.",
    "io": "Reading and writing games in other programs' file formats.",
}
TOP_NAMES = [name for name in nea_games.__all__ if name not in ("errors", "__version__")]


def public_modules(sub: str) -> tuple[list[str], list[str]]:
    """Importable public modules of ``nea_games.<sub>`` in reading order, and the broken ones."""
    package = importlib.import_module(f"nea_games.{sub}")
    names = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")]
    good, broken = [], []
    for name in names:
        try:
            importlib.import_module(f"nea_games.{sub}.{name}")
        except Exception as error:  # report any import failure and go on
            broken.append(f"nea_games.{sub}.{name}: {type(error).__name__}: {error}")
        else:
            good.append(name)
    order = ORDER.get(sub, [])
    good.sort(key=lambda n: (order.index(n) if n in order else len(order), n))
    return good, broken


def exported_at_top(obj: Any) -> bool:
    return any(getattr(nea_games, name) is obj for name in TOP_NAMES)


def role(obj: Any) -> str:
    return "class" if inspect.isclass(obj) else "func"


def module_page(full: str) -> str:
    module = importlib.import_module(full)
    exclude = [n for n in getattr(module, "__all__", []) if exported_at_top(getattr(module, n))]
    lines = [f"# `{full}`", ""]
    if exclude:
        links = ", ".join(f"{{{role(getattr(module, n))}}}`nea_games.{n}`" for n in exclude)
        lines += [f"Also in this module, and documented with the top-level API: {links}.", ""]
    lines += ["```{eval-rst}", f".. automodule:: {full}", "   :members:"]
    if exclude:
        lines.append("   :exclude-members: " + ", ".join(exclude))
    lines += ["```", ""]
    return "\n".join(lines)


def top_page(modules: dict[str, list[str]]) -> str:
    order = [f"nea_games.{sub}.{name}" for sub in SUBPACKAGES for name in modules[sub]]
    home: dict[str, str] = {}
    for full in order:
        module = importlib.import_module(full)
        for exported in getattr(module, "__all__", []):
            for name in TOP_NAMES:
                if name not in home and getattr(nea_games, name) is getattr(module, exported):
                    home[name] = full
    homeless = [name for name in TOP_NAMES if name not in home]
    if homeless:
        sys.exit(f"no public module exports {homeless}; document them by hand in reference/nea_games.md")
    lines = [
        "# `nea_games`: the public API in one place",
        "",
        "```{eval-rst}",
        ".. automodule:: nea_games",
        "   :no-members:",
        "```",
        "",
    ]
    for full in sorted(set(home.values()), key=order.index):
        module = importlib.import_module(full)
        title = (module.__doc__ or full).strip().splitlines()[0].rstrip(".")
        lines += [f"## {title}", "", f"From {{mod}}`{full}`.", "", "```{eval-rst}"]
        for name in (n for n in TOP_NAMES if home[n] == full):
            if inspect.isclass(getattr(nea_games, name)):
                lines += [f".. autoclass:: nea_games.{name}", "   :members:", ""]
            else:
                lines += [f".. autofunction:: nea_games.{name}", ""]
        lines[-1:] = ["```", ""]
    return "\n".join(lines)


def main() -> None:
    modules: dict[str, list[str]] = {}
    broken: list[str] = []
    for sub in SUBPACKAGES:
        modules[sub], bad = public_modules(sub)
        broken += bad
    for sub in SUBPACKAGES:
        folder = REFERENCE / sub
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.md"):
            old.unlink()
        for name in modules[sub]:
            (folder / f"{name}.md").write_text(module_page(f"nea_games.{sub}.{name}"), encoding="utf-8")
        toc = [f"# `nea_games.{sub}`", "", INTRO[sub], "", "```{toctree}", ":maxdepth: 1", ""]
        toc += [*modules[sub], "```", ""]
        (folder / "index.md").write_text("\n".join(toc), encoding="utf-8")
    (REFERENCE / "nea_games.md").write_text(top_page(modules), encoding="utf-8")
    for problem in broken:
        print(f"left out (does not import): {problem}", file=sys.stderr)


if __name__ == "__main__":
    main()
