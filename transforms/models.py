"""Runs the SQL models of a source, layer by layer: raw → staging → intermediate.

Models are `.sql` files named `<prefix>_<source>__<entity>.sql` under transforms/sql/<layer>/ (prefix
raw, stg or int), each with a header comment. Sources whose spiders yield a family's shared item
(the trade-fair calendars) share the family's models instead, `<prefix>_<family>__<entity>.sql`,
written once for all of them; a source's own model of an entity replaces the shared one. The tariff
sources share every model: what differs (their code maps) is registry data (`measure_codes`), passed to
the staging models as a `{{ measure_codes }}` parameter.

Placeholders: `{{ name }}` becomes an SQL string literal (quoted, never spliced raw), since DuckDB
takes no bind parameters in DDL; `[[ source ]]` becomes the source's name as an identifier part
(checked to be snake_case), so a shared model writes per-source tables (`staging.stg_[[ source ]]__x`).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).with_name("sql")
LAYERS = ("raw", "staging", "intermediate")
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
SOURCE_PLACEHOLDER = re.compile(r"\[\[\s*source\s*\]\]")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def sql_literal(value: str) -> str:
    """A DuckDB string literal for `value`."""
    return "'" + value.replace("'", "''") + "'"


def render(sql: str, params: dict[str, str], source: str | None = None) -> str:
    """Replace `{{ name }}` and `[[ source ]]` placeholders; a missing parameter is an error naming it."""
    if source is not None:
        if not IDENTIFIER.fullmatch(source):
            raise ValueError(f"source name {source!r} is not a snake_case identifier")
        sql = SOURCE_PLACEHOLDER.sub(source, sql)

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise KeyError(f"SQL model needs parameter {name!r}")
        return sql_literal(params[name])

    return PLACEHOLDER.sub(substitute, sql)


def models(layer: str, source: str, family: str | None = None) -> list[Path]:
    """The models of one layer for a source, in name order: the family's shared models, except where the
    source has its own model of the same entity (`…__<entity>.sql`), which replaces the shared one."""
    prefix = {"staging": "stg", "intermediate": "int"}.get(layer, layer)
    own = {path.name.split("__", 1)[1]: path for path in (SQL_DIR / layer).glob(f"{prefix}_{source}__*.sql")}
    shared = {path.name.split("__", 1)[1]: path
              for path in (SQL_DIR / layer).glob(f"{prefix}_{family}__*.sql")} if family else {}
    return sorted({**shared, **own}.values(), key=lambda path: path.name.split("__", 1)[1])


def run_model(con: duckdb.DuckDBPyConnection, path: Path, params: dict[str, str] | None = None,
              source: str | None = None) -> None:
    """Execute one model file; errors name the model (and the source, for a shared model)."""
    try:
        con.execute(render(path.read_text(encoding="utf-8"), params or {}, source))
    except duckdb.Error as err:
        raise RuntimeError(f"SQL model {path.stem}{f' ({source})' if source else ''} failed: {err}") from err


def run_layer(con: duckdb.DuckDBPyConnection, layer: str, source: str, params: dict[str, str] | None = None,
              family: str | None = None) -> list[str]:
    """Run every model of a layer for a source; returns the model names run."""
    paths = models(layer, source, family)
    for path in paths:
        run_model(con, path, params, source)
    return [path.stem for path in paths]
