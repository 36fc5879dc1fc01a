"""Every DAG file imports cleanly and follows the project's DAG policy."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

DAGS_DIR = Path(__file__).resolve().parents[2] / "dags"
DAG_FILES = sorted(DAGS_DIR.glob("*.py"))
# Modules the DAG processor must not import when it parses a DAG file: slow, or not needed to
# describe the DAG. Import them inside the task functions.
HEAVY_MODULES = ("scrapy", "duckdb", "pandas", "great_expectations", "pyarrow", "tradepoint.pipeline")


def test_dag_files_exist() -> None:
    assert DAG_FILES, f"no DAG files in {DAGS_DIR}"


def test_dagbag_imports_without_errors(dagbag: Any) -> None:
    assert not dagbag.import_errors, "\n\n".join(f"{path}:\n{err}" for path, err in dagbag.import_errors.items())
    assert dagbag.captured_warnings == {}, dagbag.captured_warnings
    assert "tariffs_uk" in dagbag.dag_ids


def test_every_dag_follows_the_policy(dagbag: Any) -> None:
    problems = []
    for dag_id, dag in dagbag.dags.items():
        if not dag.tags:
            problems.append(f"{dag_id}: no tags")
        if not (dag.doc_md or "").strip():
            problems.append(f"{dag_id}: no doc_md")
        if dag.catchup:
            problems.append(f"{dag_id}: catchup must be False")
        if (dag.default_args or {}).get("retries", 0) < 1:
            problems.append(f"{dag_id}: default_args must set retries >= 1")
        if dag.max_active_runs != 1:
            problems.append(f"{dag_id}: max_active_runs must be 1 (one writer of the DuckDB work file)")
        for task in dag.tasks:
            if (task.retries or 0) < 1:
                problems.append(f"{dag_id}.{task.task_id}: retries must be >= 1")
    assert not problems, "\n".join(problems)


def _top_level_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Modules imported when the file is parsed: module level, including under if/try/with."""
    found: list[tuple[int, str]] = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.extend((node.lineno, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((node.lineno, node.module))
                found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for field in ("body", "orelse", "finalbody"):
                    visit(getattr(node, field, []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)

    visit(tree.body)
    return found


def _is_heavy(module: str) -> bool:
    return any(module == heavy or module.startswith(heavy + ".") for heavy in HEAVY_MODULES)


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_no_heavy_imports_at_module_level(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    heavy = [f"{path.name}:{line}: {module}" for line, module in _top_level_imports(tree) if _is_heavy(module)]
    assert not heavy, "import these inside the task functions:\n" + "\n".join(heavy)


def test_dag_support_module_imports_nothing_heavy() -> None:
    """DAG files import tradepoint.dag_support at module level: it must stay light too."""
    code = ("import sys, tradepoint.dag_support; heavy = " + repr(HEAVY_MODULES) +
            "; print(','.join(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"tradepoint.dag_support imports {out.stdout.strip()} at module level"


def test_heavy_import_check_catches_offenders() -> None:
    tree = ast.parse("import duckdb\nfrom tradepoint import pipeline\ntry:\n    import pandas as pd\n"
                     "except ImportError:\n    pass\ndef f():\n    import scrapy\n")
    assert [m for _, m in _top_level_imports(tree) if _is_heavy(m)] == ["duckdb", "tradepoint.pipeline", "pandas"]


# --local parses the DAG folder now. Without it the command lists the errors the DAG processor
# stored in the metadata DB, which is empty here (no processor ran): that check would always pass.
LIST_IMPORT_ERRORS = ("dags", "list-import-errors", "--local", "-o", "json")


def _json_output(stdout: str) -> Any:
    """The JSON document: Airflow 3 CLI writes its log lines (e.g. a graphviz warning) to stdout too."""
    return json.loads(stdout.strip().splitlines()[-1])


def test_cli_lists_no_import_errors(airflow_cli: Any) -> None:
    proc = airflow_cli(*LIST_IMPORT_ERRORS)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert _json_output(proc.stdout) == []


def test_cli_reports_a_broken_dag(airflow_cli: Any, tmp_path: Path) -> None:
    """The check above is not vacuous: the same command fails on a DAG file that cannot import."""
    (tmp_path / "broken.py").write_text("from airflow.sdk import dag\nimport no_such_module\n", encoding="utf-8")
    proc = airflow_cli(*LIST_IMPORT_ERRORS, dags_folder=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr[-3000:]
    [error] = _json_output(proc.stdout)
    assert error["filepath"].endswith("broken.py") and "no_such_module" in error["error"]
