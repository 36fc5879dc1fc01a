"""The end-of-run summary printed by `tradepoint run` (and `make run`)."""

from __future__ import annotations

from typing import Any


def format_summary(summary: dict[str, Any]) -> str:
    """One line per source, then where the warehouse is and how to query it."""
    lines = [f"Trade Point run {summary['run_id']} ({summary['mode']})", ""]
    header = f"{'source':<20} {'status':<8} {'crawled':>8} {'staged':>8} {'loaded':>8} {'quarant.':>8} {'checks':>9}"
    lines += [header, "-" * len(header)]
    for name, result in summary["sources"].items():
        crawl, checks = result.get("crawl", {}), result.get("check", {})
        crawled = sum(crawl.get("item_counts", {}).values()) if crawl else "-"
        loaded = checks.get("rows_clean", "-") if result["status"] == "loaded" else 0
        if checks.get("unchanged_since"):
            verdict = "unchanged"
        elif checks:
            verdict = f"{checks['checks_passed']}/{checks['checks_passed'] + checks['checks_failed']}"
        else:
            verdict = "-"
        staged = result.get("stage", {}).get("rows_staged", "-")
        lines.append(f"{name:<20} {result['status']:<8} {crawled:>8} {staged:>8} {loaded:>8} "
                     f"{checks.get('rows_quarantined', '-'):>8} {verdict:>9}")
        if result.get("message"):
            lines.append(f"  ! {result['message'][:300]}")
        unmapped = crawl.get("unmapped_fields") or {}
        if unmapped:
            lines.append(f"  unmapped source fields (reported, not loaded): {len(unmapped)} kinds, see {crawl['path']}"
                         "/manifest.json")
        if result.get("load", {}).get("unchanged_since"):
            lines.append(f"  unchanged since run {result['load']['unchanged_since']}: same items, not staged again")
        elif result.get("load"):
            lines.append(f"  merge: {result['load']['inserted']} new versions, {result['load']['superseded']} closed")
    for family, result in summary.get("consolidate", {}).items():
        if "error" in result:
            lines.append(f"{family}: consolidate FAILED (previous links kept): {result['error'][:300]}")
        elif result:
            lines.append(f"{family}: {result['records_linked']} records linked to {result['fairs']} fairs "
                         f"({result['records_merged']} merged from several records)")
    published = summary["publish"]
    tables = published.get("tables") or {}
    lines += ["", f"published: {published['path']}",
              "  " + (", ".join(f"{table}: {count} rows" for table, count in tables.items())
                      or f"left as it was: {published.get('skipped')}"),
              f"report: {summary.get('report', '-')}",
              'query:  tradepoint sql "select count(*) from marts.tariffs"']
    return "\n".join(lines)
