"""The shape of the house: a pure core, thin views, no stray markers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "closedset"


@pytest.mark.parametrize("package", ["closedset.breakdown", "closedset.rules"])
def test_the_pure_core_loads_no_django(package: str) -> None:
    code = (
        f"import sys, importlib, pkgutil; import {package} as p\n"
        "for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{package} loaded {result.stdout.strip()}"


def _python_files(name: str) -> list[Path]:
    return sorted(SRC.glob(f"*/{name}"))


@pytest.mark.parametrize("path", _python_files("views.py") + _python_files("api.py"), ids=str)
def test_views_and_api_never_query_models_directly(path: Path) -> None:
    tree = ast.parse(path.read_text())
    offenders = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            offenders.append(node.lineno)
        if isinstance(node, ast.Name) and node.id in {"get_object_or_404", "get_list_or_404"}:
            offenders.append(node.lineno)
    assert offenders == [], f"{path.name} queries models at lines {offenders}; use a selector"
