"""The direction of imports inside `macros/`: the tree is the architecture, and these rules keep
it so. Read from the source with `ast`, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "macros"
CORE = ("macros.model", "macros.progress", "macros.format")
RENDERING = ("mkdocs", "mkdocs_macros", "jinja2", "markupsafe", "markdown", "nh3")
SUBPACKAGES = ("data", "site", "publish", "staff")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from macros.site import pages` imports the module macros.site.pages
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _within(name: str, *roots: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def _offenders(modules: list[str], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {m: sorted(i for i in MODULES[m] if _within(i, *forbidden)) for m in modules}
    return {m: imports for m, imports in found.items() if imports}


def test_every_module_is_seen() -> None:
    assert set(CORE) <= set(MODULES)
    for sub in SUBPACKAGES:
        assert any(_within(m, f"macros.{sub}") for m in MODULES if m != f"macros.{sub}")


def test_core_imports_no_renderer_and_no_layer_above() -> None:
    above = tuple(f"macros.{sub}" for sub in SUBPACKAGES)
    assert _offenders(list(CORE), RENDERING + above) == {}


def test_data_never_imports_site_publish_or_staff() -> None:
    data = [m for m in MODULES if _within(m, "macros.data")]
    forbidden = ("macros.site", "macros.publish", "macros.staff", *RENDERING)
    assert _offenders(data, forbidden) == {}


def test_only_site_imports_mkdocs() -> None:
    others = [m for m in MODULES if not _within(m, "macros.site")]
    assert _offenders(others, ("mkdocs", "mkdocs_macros")) == {}


def test_staff_and_publish_never_import_the_renderer_or_the_hooks() -> None:
    others = [m for m in MODULES if _within(m, "macros.staff", "macros.publish")]
    forbidden = ("macros.site.hooks", "macros.site.cache", "macros.site.render")
    assert _offenders(others, forbidden) == {}


@pytest.mark.parametrize(
    "module", ["macros.staff.cli", "macros.staff.diff", "macros.data.folders", "macros.site.texts"]
)
def test_staff_commands_load_no_renderer(module: str) -> None:
    """`lofte status` and `lofte diff` start without Jinja, Markdown, nh3 or MkDocs."""
    probe = (
        f"import sys, {module}; "
        f"print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {RENDERING!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_rules_can_fail() -> None:
    """The checker itself sees a forbidden import (so the tests above are not vacuous)."""
    assert "mkdocs.plugins" in MODULES["macros.site.hooks"]
    assert _offenders(["macros.site.hooks"], ("mkdocs",)) != {}


def test_templates_get_values_not_modules() -> None:
    """Templates only display: they are handed view objects (macros/site/views.py), never a
    module to compute with."""
    from macros.site import render

    env = render.environment()
    assert [name for name, value in env.globals.items() if isinstance(value, ModuleType)] == []
    templates = PACKAGE / "site" / "templates"
    for path in sorted(templates.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        for module in ("progress.", "pages.", "summary.", "export."):
            assert module not in text, f"{path.name} räknar med {module}"
