"""How each family of sources flows through checks and load: batch, rules, key, target, scope.

The per-source SQL models follow naming conventions (transforms/sql/<layer>/…_<source>__…), so a
new source of an existing family needs no code here — only its models and registry entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.suites import TARIFF_MEASURE_KEY, TARIFF_MEASURE_RULES, Rule


@dataclass(frozen=True)
class FamilyPlan:
    entity: str  # the intermediate model's entity: staging.int_<source>__<entity>
    rules: tuple[Rule, ...]
    key: tuple[str, ...]
    target: str  # core table merged into
    scope_entity: str  # staging model listing what the crawl covered: staging.stg_<source>__<scope_entity>
    scope_key: tuple[str, ...]
    mart: str  # transforms/sql/marts/<mart>.sql, the mart these rows feed
    scope_target: str | None = None  # core table the scope entity is merged into, versioned (a dimension)
    duty_texts_from: str | None = None  # staging entity whose duty_text column gets parsed

    def batch(self, source: str) -> str:
        return f"staging.int_{source}__{self.entity}"

    def scope(self, source: str) -> str:
        return f"staging.stg_{source}__{self.scope_entity}"


PLANS: dict[str, FamilyPlan] = {
    "tariffs": FamilyPlan(
        entity="tariff_rows",
        rules=TARIFF_MEASURE_RULES,
        key=TARIFF_MEASURE_KEY,
        target="core.tariff_measures",
        scope_entity="commodities",
        scope_key=("source", "reporter", "national_code", "producline_suffix"),
        mart="tariffs",
        scope_target="core.commodities",
        duty_texts_from="measures",
    ),
}
