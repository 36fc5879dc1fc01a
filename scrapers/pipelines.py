"""Item pipeline writing the landing zone: what was fetched, untouched, one folder per crawl run.

A run's folder is written as `<run_id>.partial` and renamed when the spider closes: to `<run_id>`
if the crawl finished cleanly, to `<run_id>.failed` otherwise, so later steps never read a half
written or failed crawl. Files are made read-only: landing data is never modified, and everything
downstream can be rebuilt from it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy.crawler import Crawler

from tradepoint.config import landing_dir
from tradepoint.unchanged import item_digest

MANIFEST = "manifest.json"


def new_run_id() -> str:
    """Sortable, unique enough for one source: UTC time to the microsecond."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


class LandingPipeline:
    """Writes every item as one JSON line in `<item_type>.jsonl`, plus a manifest at close."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.root = Path(settings.get("LANDING_DIR") or landing_dir())
        self.run_id = settings.get("RUN_ID") or new_run_id()
        self.replay = settings.getbool("REPLAY")
        self.files: dict[str, IO[str]] = {}
        self.counts: Counter[str] = Counter()
        self.digest = 0  # sum of the items' digests mod 2**64 (tradepoint.unchanged.item_digest)
        self.responses: dict[str, dict[str, str]] = {}
        self.started_at = datetime.now(UTC).isoformat(timespec="seconds")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LandingPipeline:
        return cls(crawler)

    @property
    def partial_dir(self) -> Path:
        return self.root / self.source / f"{self.run_id}.partial"

    def open_spider(self) -> None:
        assert self.crawler.spider is not None
        self.source = self.crawler.spider.name
        self.partial_dir.mkdir(parents=True, exist_ok=False)
        # every item file of the family exists, empty if the crawl yields none of that kind (a tariff
        # without partner groups), so the raw SQL models always have a file to read
        from tradepoint.families import PLANS

        for kind in PLANS[self.crawler.spider.source.family].landing_files:
            (self.partial_dir / f"{kind}.jsonl").touch()

    def process_item(self, item: Any) -> Any:
        record = asdict(item)
        kind = record["item_type"]
        if kind not in self.files:
            self.files[kind] = (self.partial_dir / f"{kind}.jsonl").open("w", encoding="utf-8")
        self.files[kind].write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        self.counts[kind] += 1
        self.digest = (self.digest + item_digest(record)) % 2**64
        self.responses.setdefault(record["source_url"], {
            "url": record["source_url"], "fetched_at": record["fetched_at"], "sha256": record["content_hash"],
        })
        return item

    def close_spider(self, reason: str = "finished") -> None:
        for handle in self.files.values():
            handle.close()
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        errors = int(stats.get("log_count/ERROR", 0)) + int(stats.get("replay/missing", 0))
        ok = reason == "finished" and errors == 0
        manifest = {
            "run_id": self.run_id,
            "source": self.source,
            "mode": "replay" if self.replay else "live",
            "started_at": self.started_at,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "finish_reason": reason,
            "status": "ok" if ok else "failed",
            "errors": errors,
            "item_counts": dict(self.counts),
            "items_digest": f"{self.digest:016x}",
            "responses": sorted(self.responses.values(), key=lambda r: r["url"]),
            "unmapped_fields": {k.removeprefix("unmapped/"): v for k, v in sorted(stats.items())
                                if k.startswith("unmapped/")},
            "requests": int(stats.get("downloader/request_count", 0)),
            "retries": int(stats.get("retry/count", 0)),
        }
        (self.partial_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for path in self.partial_dir.iterdir():
            path.chmod(0o444)
        final = self.root / self.source / (self.run_id if ok else f"{self.run_id}.failed")
        self.partial_dir.rename(final)
        if self.crawler.spider is not None:
            self.crawler.spider.logger.info("landing %s: %s (%s)", manifest["status"], final, dict(self.counts))
