"""Runs the SQL models of a source, layer by layer: raw → staging → intermediate.

Models are `.sql` files named `<layer>_<source>__<entity>.sql` under transforms/sql/<layer>/, each
with a header comment. A model may use `{{ name }}` placeholders; they are replaced by SQL string
literals (quoted, never spliced raw), since DuckDB takes no bind parameters in DDL.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).with_name("sql")
LAYERS = ("raw", "staging", "intermediate")
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def sql_literal(value: str) -> str:
    """A DuckDB string literal for `value`."""
    return "'" + value.replace("'", "''") + "'"


def render(sql: str, params: dict[str, str]) -> str:
    """Replace `{{ name }}` placeholders; a missing parameter is an error naming it."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise KeyError(f"SQL model needs parameter {name!r}")
        return sql_literal(params[name])

    return PLACEHOLDER.sub(substitute, sql)


def models(layer: str, source: str) -> list[Path]:
    """The source's models of one layer, in name order."""
    prefix = {"staging": "stg", "intermediate": "int"}.get(layer, layer)
    return sorted((SQL_DIR / layer).glob(f"{prefix}_{source}__*.sql"))


def run_model(con: duckdb.DuckDBPyConnection, path: Path, params: dict[str, str] | None = None) -> None:
    """Execute one model file; errors name the model."""
    try:
        con.execute(render(path.read_text(encoding="utf-8"), params or {}))
    except duckdb.Error as err:
        raise RuntimeError(f"SQL model {path.stem} failed: {err}") from err


def run_layer(con: duckdb.DuckDBPyConnection, layer: str, source: str, params: dict[str, str] | None = None
              ) -> list[str]:
    """Run every model of a layer for a source; returns the model names run."""
    paths = models(layer, source)
    for path in paths:
        run_model(con, path, params)
    return [path.stem for path in paths]
