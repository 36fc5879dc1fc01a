"""Versioned merge of a checked batch into a core table: set-based, idempotent, history kept.

Rows are matched on a natural key. In one transaction:
1. a current row whose key arrives with a different `row_hash` is closed (superseded_*);
2. a current row whose scope was crawled but whose key no longer appears is closed too;
3. batch rows with no current row of the same key (new, or just closed) are inserted.
Running the same batch again changes nothing. Set-based SQL over whole batches — no per-row
statements and no ART index (primary keys would slow large merges); key uniqueness is a check.

When every staged row is to be inserted (a first load, or a crawl that changed every row) and the
caller names the staged table (`rows`), the rows are inserted straight from it: DuckDB keeps the order
of a statement without a join (a join lets it write rows in any order), so the target's row groups
follow the crawl, one reporter after another, and the lookup's zone maps skip other reporters' groups.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb


@dataclass
class MergeCounts:
    inserted: int
    superseded: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def key_match(key: tuple[str, ...], left: str, right: str) -> str:
    """SQL: the rows aliased `left` and `right` have the same key."""
    return " and ".join(f"{left}.{c} = {right}.{c}" for c in key)


def merge_versions(con: duckdb.DuckDBPyConnection, *, target: str, batch: str, seen: str, scope: str,
                   key: tuple[str, ...], scope_key: tuple[str, ...], run_id: str,
                   incoming: str | None = None, rows: str | None = None, vanish_filter: str = "true"
                   ) -> MergeCounts:
    """Merge `batch` (checked rows) into `target`; batch columns the target lacks (check flags) stay behind.

    `incoming` holds (row_id, key, row_hash) of the batch's rows — a narrow table, so that comparing
    with the target does not recompute a batch that is a view; it defaults to `batch`. The full
    rows are read once, for the insert. `seen` holds the keys of every row the crawl returned
    (quarantined ones too, so a row that fails a check keeps its last good version); `scope` lists
    the `scope_key` values the crawl covered, so rows outside it are never closed by a partial crawl;
    `vanish_filter` (SQL over the target row `t`) narrows which unlisted rows are closed (trade fairs:
    only upcoming ones — calendars drop past fairs). `rows` is the staged table the batch's rows come
    from one to one, holding every column the batch gives the target (tariffs: the staged measures).
    """
    incoming = incoming or batch
    current = "t.superseded_run_id is null"
    batch_columns = {row[0] for row in con.execute(f"describe {batch}").fetchall()}
    loaded = [row[0] for row in con.execute(f"describe {target}").fetchall() if row[0] in batch_columns]
    con.execute("begin transaction")
    try:
        changed = con.execute(f"""
            update {target} t set superseded_run_id = $run, superseded_at = now()
            from {incoming} b where {current} and {key_match(key, 't', 'b')} and t.row_hash <> b.row_hash
        """, {"run": run_id}).fetchone()[0]
        vanished = con.execute(f"""
            update {target} t set superseded_run_id = $run, superseded_at = now()
            where {current}
              and {vanish_filter}
              and exists (select 1 from {scope} s where {key_match(scope_key, 't', 's')})
              and not exists (select 1 from {seen} k where {key_match(key, 't', 'k')})
        """, {"run": run_id}).fetchone()[0]
        # the batch's rows without a current version, found once: both insert paths read them
        con.execute(f"""
            create or replace temp table merge_new_rows as
            select i.row_id from {incoming} i
            where not exists (select 1 from {target} t where {current} and {key_match(key, 't', 'i')})""")
        new_rows = "select row_id from merge_new_rows"
        inserted = (insert_all(con, target=target, rows=rows, loaded=loaded, new_rows=new_rows, run_id=run_id)
                    if rows else None)
        if inserted is None:
            inserted = con.execute(f"""
                insert into {target} by name
                select {', '.join(f'b.{column}' for column in loaded)}, $run as loaded_run_id, now() as loaded_at
                from {batch} b
                where b.row_id in ({new_rows})
            """, {"run": run_id}).fetchone()[0]
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return MergeCounts(inserted=inserted, superseded=changed + vanished)


def insert_all(con: duckdb.DuckDBPyConnection, *, target: str, rows: str, loaded: list[str], new_rows: str,
               run_id: str) -> int | None:
    """Insert every row of the staged table `rows`, if every one of them is new (`new_rows` lists the batch's
    passing rows without a current version: all of them means none was quarantined or is loaded); else
    None, and the caller inserts the new rows through the batch. No join: the rows keep the staged order."""
    missing = set(loaded) - {row[0] for row in con.execute(f"describe {rows}").fetchall()}
    if missing:
        raise ValueError(f"{rows} lacks {sorted(missing)}, which the batch loads into {target}")
    new, staged = con.execute(f"select (select count(*) from ({new_rows})), (select count(*) from {rows})").fetchone()
    if new != staged:
        return None
    return con.execute(f"""
        insert into {target} by name
        select {', '.join(loaded)}, $run as loaded_run_id, now() as loaded_at from {rows}
    """, {"run": run_id}).fetchone()[0]
