"""Parse one saved response with a source's spider, offline, like `scrapy parse` without network.

`tradepoint parse NAME FILE` prints the items; with `--staged` the items go through the same
staging models and mart SQL as a pipeline run (in an in-memory DuckDB), so anyone can see what a
page becomes in the warehouse.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from scrapy.http import Request, TextResponse
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader


def load_spider(source: str) -> Any:
    settings = Settings()
    settings.setmodule("scrapers.settings", priority="project")
    return SpiderLoader.from_settings(settings).load(source)()


def parse_file(source: str, path: Path, url: str | None = None) -> list[dict[str, Any]]:
    """The items the source's spider extracts from one saved response (follow-up requests dropped)."""
    url = url or path.resolve().as_uri()
    response = TextResponse(url=url, body=path.read_bytes(), encoding="utf-8", request=Request(url))
    return [asdict(out) for out in load_spider(source).parse(response) if is_dataclass(out)]


def write_landing(items: list[dict[str, Any]], folder: Path) -> None:
    """Write items as a landing run does: one JSON Lines file per item type, and an empty file for each
    other item type of the items' family."""
    from scrapers.registry import get_source
    from tradepoint.families import PLANS

    by_type: dict[str, list[str]] = {}
    for source in {item["source"] for item in items}:
        for kind in PLANS[get_source(source).family].landing_files:
            (folder / f"{kind}.jsonl").touch()
    for item in items:
        by_type.setdefault(item["item_type"], []).append(json.dumps(item, ensure_ascii=False, sort_keys=True))
    for kind, lines in by_type.items():
        (folder / f"{kind}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def staged_rows(source: str, items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The rows these items become, unchecked: the mart rows (tariffs: staging, duty parsing, merge and
    the mart's SQL) or the staged batch rows (trade fairs, whose marts group several sources)."""
    from scrapers.registry import get_source
    from tradepoint.pipeline import merge_batch, plan_for, stage_into
    from warehouse.database import connect_work
    from warehouse.publish import MART_DIR

    plan = plan_for(get_source(source))
    with tempfile.TemporaryDirectory() as tmp, connect_work(":memory:") as con:
        write_landing(items, Path(tmp))
        for kind in plan.landing_files:  # a response that yields nothing still stages
            (Path(tmp) / f"{kind}.jsonl").touch()
        stage_into(con, source, tmp)
        batch = plan.batch(source)
        rows = batch
        if plan.preview_mart:
            merge_batch(con, source, "parse", batch=batch, seen=batch)
            rows = f"({(MART_DIR / f'{plan.marts[0]}.sql').read_text(encoding='utf-8')})"
        cursor = con.execute(f"select * from {rows} order by {plan.preview_order}")
        names = [column[0] for column in cursor.description]
        for row in cursor.fetchall():
            yield dict(zip(names, row, strict=True))
