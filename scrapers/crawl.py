"""Run one spider into the landing zone, in its own process (`python -m scrapers.crawl NAME`).

Twisted's reactor cannot be restarted inside one process, so the pipeline, the CLI and Airflow
tasks all crawl through this module in a child process. The last line printed on stdout is the
landing manifest as JSON; the exit code is 0 only for a clean crawl.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from scrapers.pipelines import MANIFEST, new_run_id
from scrapers.registry import get_source
from tradepoint.config import landing_dir


def crawl_settings(live: bool, run_id: str, landing: Path | None) -> Settings:
    """Project settings, switched to offline replay unless `live`."""
    settings = Settings()
    settings.setmodule("scrapers.settings", priority="project")
    settings.set("RUN_ID", run_id, priority="cmdline")
    if landing is not None:
        settings.set("LANDING_DIR", str(landing), priority="cmdline")
    if not live:
        for key, value in {"REPLAY": True, "ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False,
                           "HTTPCACHE_ENABLED": False}.items():
            settings.set(key, value, priority="cmdline")
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.crawl", description=__doc__)
    parser.add_argument("source", help="registry name of the source (= spider name)")
    parser.add_argument("--live", action="store_true", help="fetch from the real URLs (default: replay)")
    parser.add_argument("--run-id", default=None, help="landing run id (default: a new timestamp)")
    parser.add_argument("--landing-dir", type=Path, default=None, help="landing root (default: data dir)")
    parser.add_argument("-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE",
                        help="spider argument, e.g. -a chapters=01,10 or -a all=1")
    args = parser.parse_args(argv)
    get_source(args.source)
    run_id = args.run_id or new_run_id()
    settings = crawl_settings(args.live, run_id, args.landing_dir)
    process = CrawlerProcess(settings, install_root_handler=True)
    spider_args = dict(arg.split("=", 1) for arg in args.spider_args)
    process.crawl(args.source, **spider_args)
    process.start()
    landing = Path(settings.get("LANDING_DIR") or landing_dir()) / args.source
    folder = landing / run_id
    if not folder.is_dir():
        folder = landing / f"{run_id}.failed"
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["path"] = str(folder)
    print(json.dumps(manifest))
    return 0 if manifest["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
