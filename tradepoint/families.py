"""How each family of sources flows through staging, checks and load: batch, rules, key, target, hooks.

The per-source SQL models follow naming conventions (transforms/sql/<layer>/…_<source>__…, or the
family's shared …_<family>__… models), so a new source of an existing family needs no code here —
only its spider and registry entry. Hooks are named "module:function" and imported when called, so
a family's Python steps (parsers, matchers) load only in the steps that need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from warehouse.suites import (
    EXCHANGE_RATE_KEY,
    EXCHANGE_RATE_RULES,
    MARKET_NOTICE_KEY,
    MARKET_NOTICE_RULES,
    TARIFF_MEASURE_KEY,
    TARIFF_MEASURE_RULES,
    TRADE_FAIR_KEY,
    TRADE_FAIR_RULES,
    Rule,
)


@dataclass(frozen=True)
class FamilyPlan:
    entity: str  # the intermediate model's entity: staging.int_<source>__<entity>
    rules: tuple[Rule, ...]
    key: tuple[str, ...]
    target: str  # core table merged into
    scope_entity: str  # staging model listing what the crawl covered: staging.stg_<source>__<scope_entity>
    scope_key: tuple[str, ...]
    marts: tuple[str, ...]  # transforms/sql/marts/<mart>.sql, the marts these rows feed
    landing_files: tuple[str, ...]  # the item types a landing run of the family holds (<type>.jsonl)
    preview_order: str  # ORDER BY of `tradepoint parse --staged`
    scope_target: str | None = None  # core table the scope entity is merged into, versioned (a dimension)
    prepare: str | None = None  # Python staging step, (con, source) -> counts, between staging and intermediate
    after_load: tuple[str, ...] = ()  # (con, source, run_id) -> counts, after the merge, in the same connection
    # (con, source, run_id, since) -> counts, instead of the load when the items equal run `since`'s
    on_unchanged: tuple[str, ...] = ()
    consolidate: str | None = None  # (con, run_id) -> counts, once after the family's sources loaded
    preview_mart: bool = False  # --staged prints the mart rows (True) or the batch rows (False)
    vanish_filter: str = "true"  # which current rows of the scope that the crawl did not return are closed
    # staging model whose rows are the batch's one to one with every column the target takes: a load of only
    # new rows inserts straight from it, keeping the crawl order (warehouse/history.py)
    rows_entity: str | None = None

    def batch(self, source: str) -> str:
        return f"staging.int_{source}__{self.entity}"

    def scope(self, source: str) -> str:
        return f"staging.stg_{source}__{self.scope_entity}"

    def rows(self, source: str) -> str | None:
        return f"staging.stg_{source}__{self.rows_entity}" if self.rows_entity else None


def call_hook(path: str, *args: Any) -> dict[str, Any]:
    """Call a "module:function" hook; its result is a dict of counts for the run report."""
    module, _, function = path.partition(":")
    return getattr(import_module(module), function)(*args) or {}


PLANS: dict[str, FamilyPlan] = {
    "tariffs": FamilyPlan(
        entity="tariff_rows",
        rules=TARIFF_MEASURE_RULES,
        key=TARIFF_MEASURE_KEY,
        target="core.tariff_measures",
        scope_entity="commodities",
        scope_key=("source", "reporter", "national_code", "producline_suffix"),
        marts=("tariffs",),
        landing_files=("commodity", "tariff_measure", "partner_group"),
        preview_order="national_code, measure_type, partner, measure_sid",
        scope_target="core.commodities",
        rows_entity="measures",
        prepare="transforms.duty_staging:stage_duty_table",
        after_load=("warehouse.validity:close_validity", "warehouse.dimensions:load_tariff_dimensions"),
        preview_mart=True,
    ),
    "trade_fairs": FamilyPlan(
        entity="fair_rows",
        rules=TRADE_FAIR_RULES,
        key=TRADE_FAIR_KEY,
        target="core.trade_fair_records",
        # an upcoming record that a feed crawled again no longer lists is closed (withdrawn); past
        # ones stay (calendars drop past fairs), core.trade_fair_seen says when they were last seen
        scope_entity="fair_feeds",
        scope_key=("source", "feed"),
        vanish_filter="t.end_date >= current_date",
        marts=("trade_fairs", "trade_fair_sources"),
        landing_files=("trade_fair",),
        preview_order="start_date, name, record_id",
        prepare="transforms.fair_normalise:stage_fair_tables",
        after_load=("warehouse.seen:record_seen",),
        on_unchanged=("warehouse.seen:record_seen_again",),
        consolidate="warehouse.fair_links:link_fair_records",
    ),
    "exchange_rates": FamilyPlan(
        entity="rate_rows",
        rules=EXCHANGE_RATE_RULES,
        key=EXCHANGE_RATE_KEY,
        target="core.exchange_rates",
        # rates of past days are never withdrawn: a 90-day file drops them as days pass
        scope_entity="rates",
        scope_key=("source",),
        vanish_filter="false",
        marts=("exchange_rates",),
        landing_files=("exchange_rate",),
        preview_order="rate_date desc, currency",
    ),
    "market_notices": FamilyPlan(
        entity="notice_rows",
        rules=MARKET_NOTICE_RULES,
        key=MARKET_NOTICE_KEY,
        target="core.market_notices",
        # never closed for vanishing: feeds drop old entries and date windows move on
        scope_entity="notice_feeds",
        scope_key=("source", "feed"),
        marts=("market_notices", "notice_products", "notice_countries"),
        landing_files=("market_notice",),
        preview_order="published desc nulls last, notice_id",
        prepare="transforms.notice_normalise:stage_notice_tables",
        vanish_filter="false",
    ),
}
