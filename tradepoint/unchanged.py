"""Skip a landing run whose items equal those of the source's last load: an unchanged rerun is cheap.

A daily crawl of a source that did not change would otherwise re-stage, re-check and re-merge every
row to insert nothing. The landing pipeline writes `items_digest` into each manifest: an
order-independent digest of every item without its fetch metadata (`fetched_at`, `content_hash`), so
two crawls of the same content agree whatever the order of responses. The fingerprint of a landing run
is that digest, the item counts, the source's check thresholds (registry `assertions`), the registry
values its staging models read (`measure_codes`) and a digest of the staging and checking code
(transforms/ and warehouse/): after a code change (a better parser), a new threshold or a new code map
the next run is processed in full.

`stage` compares the fingerprint with the source's last load (meta.loaded_landings); when equal it
leaves a marker (`staging.unchanged_<source>`) instead of staging, and `check` and `load` report
"unchanged since run X" without touching the batch. A landing run without a digest is never skipped.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("transforms", "warehouse")
CODE_SUFFIXES = (".py", ".sql", ".yaml", ".csv", ".json")
DIGEST_EXCLUDES = ("fetched_at", "content_hash")  # fetch metadata: differs between crawls of the same content


def item_digest(record: dict[str, Any]) -> int:
    """64-bit hash of one item without its fetch metadata; the landing digest is their sum mod 2**64."""
    kept = {name: value for name, value in record.items() if name not in DIGEST_EXCLUDES}
    line = json.dumps(kept, ensure_ascii=False, sort_keys=True)
    return int(hashlib.sha256(line.encode("utf-8")).hexdigest()[:16], 16)


@cache
def code_fingerprint() -> str:
    """Digest of the code that stages and checks rows (file names and contents)."""
    digest = hashlib.sha256()
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def landing_fingerprint(source: str, landing_path: str) -> str | None:
    """The landing run's fingerprint, or None if its manifest has no items digest."""
    from scrapers.registry import get_source

    manifest = json.loads((Path(landing_path) / "manifest.json").read_text(encoding="utf-8"))
    if "items_digest" not in manifest:
        return None
    entry = get_source(source)
    parts = [manifest["items_digest"], json.dumps(manifest.get("item_counts", {}), sort_keys=True), code_fingerprint(),
             json.dumps(entry.assertions.model_dump(), sort_keys=True),
             json.dumps(entry.staging_params(), sort_keys=True)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def marker(source: str) -> str:
    return f"staging.unchanged_{source}"


def pending(source: str) -> str:
    return f"staging.fingerprint_{source}"


def prepare(con: Any, source: str, landing_path: str) -> str | None:
    """Before staging: the run id of the last load if this landing run is unchanged since (a marker is
    left for check and load), else None (the fingerprint waits in staging for load to remember)."""
    fingerprint = landing_fingerprint(source, landing_path)
    last = con.execute("select fingerprint, run_id from meta.loaded_landings where source = ? "
                       "order by loaded_at desc limit 1", [source]).fetchone()
    con.execute(f"drop table if exists {marker(source)}")
    con.execute(f"create or replace table {pending(source)} as select ?::varchar as fingerprint", [fingerprint])
    if fingerprint is not None and last is not None and last[0] == fingerprint:
        con.execute(f"create table {marker(source)} as select ?::varchar as run_id", [last[1]])
        return last[1]
    return None


def unchanged_since(con: Any, source: str) -> str | None:
    """The run whose load this landing run repeats, if stage found it unchanged."""
    exists = con.execute("select count(*) from duckdb_tables() where schema_name = 'staging' and table_name = ?",
                         [f"unchanged_{source}"]).fetchone()[0]
    return con.execute(f"select run_id from {marker(source)}").fetchone()[0] if exists else None


def remember(con: Any, source: str, run_id: str) -> None:
    """After a load: this run's fingerprint is the one the next run compares with."""
    con.execute(f"""
        insert into meta.loaded_landings
        select ?, fingerprint, ?, now() from {pending(source)} where fingerprint is not null
    """, [source, run_id])
