"""Check suites, in code: one list of rules per entity, each rule written once.

A rule yields both a SQL predicate (used to find and quarantine the failing rows of a batch, set
based, with the reason) and a Great Expectations expectation (used to validate the batch that is
about to be loaded, and to record the result per run). See warehouse/checks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import great_expectations.expectations as gxe

from transforms.models import sql_literal


@dataclass(frozen=True)
class Rule:
    """One row-level rule. `kind` is one of: not_null, regex, between, in_set, null, ordered, unique."""

    kind: str
    columns: tuple[str, ...]
    arg: Any = None

    def frame_sql(self, table: str, presence_only: bool = False) -> str:
        """The rows GX validates for this rule, equivalent to validating every row of `table`: the
        distinct values of its columns (a value rule holds for every row exactly when it holds for
        every distinct value); for uniqueness the distinct numbers of rows per key (all keys are
        unique exactly when that set is {1}); with `presence_only` (a column that only must not be
        null) a null if the column has one and one value if it has one."""
        if self.kind == "unique":
            return (f"select distinct count(*) as rows_per_key from {table} "
                    f"group by {', '.join(self.columns)}")
        if presence_only:
            col = self.columns[0]
            return (f"(select {col} from {table} where {col} is null limit 1) union all "
                    f"(select {col} from {table} where {col} is not null limit 1)")
        return f"select distinct {', '.join(self.columns)} from {table}"

    def violation_sql(self) -> str:
        """A SQL boolean that is true for a row breaking the rule (nulls pass all but not_null)."""
        col = self.columns[0]
        match self.kind:
            case "not_null":
                return f"{col} is null"
            case "regex":
                return f"{col} is not null and not regexp_full_match({col}, {sql_literal(self.arg)})"
            case "between":
                low, high = self.arg
                return f"{col} is not null and ({col} < {low} or {col} > {high})"
            case "in_set":
                values = ", ".join(sql_literal(v) if isinstance(v, str) else str(v) for v in self.arg)
                return f"{col} is not null and {col} not in ({values})"
            case "null":
                return f"{col} is not null"
            case "ordered":
                later = self.columns[1]
                return f"{col} is not null and {later} is not null and {later} < {col}"
            case "unique":  # a flag column the checks add to the batch (warehouse/checks.py: flag_duplicates)
                return self.duplicate_flag()
        raise ValueError(f"unknown rule kind {self.kind!r}")

    def duplicate_flag(self) -> str:
        """The name of the column that is true for a row whose key (this unique rule's columns) another row holds."""
        return "duplicate__" + "__".join(self.columns)

    def reason_sql(self) -> str:
        """A SQL string expression explaining the failure of one row, with the offending value."""
        col = self.columns[0]
        value = f"coalesce(cast({col} as varchar), 'NULL')"
        match self.kind:
            case "not_null":
                return sql_literal(f"{col} is missing")
            case "regex":
                return f"'{col} ' || {value} || {sql_literal(' does not match ' + self.arg)}"
            case "between":
                return f"'{col} ' || {value} || ' outside [{self.arg[0]}, {self.arg[1]}]'"
            case "in_set":
                return f"'{col} ' || {value} || ' not in the allowed set'"
            case "null":
                return f"'{col}: ' || {value}"
            case "ordered":
                return sql_literal(f"{self.columns[1]} before {col}")
            case "unique":
                return sql_literal(f"duplicate key ({', '.join(self.columns)})")
        raise ValueError(f"unknown rule kind {self.kind!r}")

    def expectation(self, mostly: float = 1.0) -> gxe.Expectation:
        """The same rule as a Great Expectations expectation."""
        col = self.columns[0]
        match self.kind:
            case "not_null":
                return gxe.ExpectColumnValuesToNotBeNull(column=col, mostly=mostly)
            case "regex":
                return gxe.ExpectColumnValuesToMatchRegex(column=col, regex=f"^(?:{self.arg})$", mostly=mostly)
            case "between":
                return gxe.ExpectColumnValuesToBeBetween(
                    column=col, min_value=self.arg[0], max_value=self.arg[1], mostly=mostly)
            case "in_set":
                return gxe.ExpectColumnValuesToBeInSet(column=col, value_set=list(self.arg), mostly=mostly)
            case "null":
                return gxe.ExpectColumnValuesToBeNull(column=col, mostly=mostly)
            case "ordered":
                return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=self.columns[1], column_B=col, or_equal=True,
                    ignore_row_if="either_value_is_missing", mostly=mostly)
            case "unique":
                # on the frame of `frame_sql`: every key has exactly one row
                return gxe.ExpectColumnValuesToBeInSet(column="rows_per_key", value_set=[1], mostly=mostly)
        raise ValueError(f"unknown rule kind {self.kind!r}")


# mfn: the rate open to every origin (UK third-country duty, US column 1 general, WITS MFN);
# non_mfn: the higher rate of countries without normal trade relations (US column 2)
REGIMES = ("mfn", "preferential", "preferential_quota", "non_mfn", "additional", "other")

TARIFF_MEASURE_KEY = ("source", "reporter", "national_code", "producline_suffix", "measure_sid")

TARIFF_MEASURE_RULES: tuple[Rule, ...] = (
    *(Rule("not_null", (c,)) for c in (*TARIFF_MEASURE_KEY, "measure_type", "partner", "valid_from",
                                       "source_url")),
    # national lines: UK 10 digits, US 8 or 10, WITS the HS6 subheading itself
    Rule("regex", ("national_code",), r"[0-9]{6}(?:[0-9]{2}){0,2}"),
    Rule("regex", ("hs6",), r"[0-9]{6}"),
    Rule("regex", ("reporter",), r"[A-Z]{2}"),
    # ISO-2, a UK 4-digit group, a US program code ("A", "AU", "COLUMN2"), "ALL"
    Rule("regex", ("partner",), r"[A-Z0-9]{1,10}"),
    Rule("in_set", ("regime",), REGIMES),
    Rule("in_set", ("partner_type",), ("all", "country", "group", "other")),
    Rule("between", ("ad_valorem_pct",), (0, 1000)),
    Rule("between", ("specific_amount",), (0, 1_000_000)),
    Rule("in_set", ("commodity_found",), (True,)),
    Rule("null", ("duty_parse_error",)),
    Rule("in_set", ("date_error",), (False,)),
    Rule("ordered", ("valid_from", "valid_to")),
    Rule("unique", TARIFF_MEASURE_KEY),
)

TRADE_FAIR_KEY = ("source", "record_id")

TRADE_FAIR_RULES: tuple[Rule, ...] = (
    *(Rule("not_null", (c,)) for c in (*TRADE_FAIR_KEY, "name", "source_url")),
    Rule("not_null", ("start_date",)),
    Rule("null", ("date_error",)),
    Rule("ordered", ("start_date", "end_date")),
    # plausible: a fair from 5 years before the crawl to 10 years after it
    Rule("between", ("years_from_fetch",), (-5, 10)),
    Rule("in_set", ("status_known",), (True,)),
    Rule("in_set", ("status",), ("scheduled", "cancelled", "postponed", "rescheduled", "moved_online")),
    Rule("in_set", ("country_known",), (True,)),
    Rule("regex", ("country",), r"[A-Z]{2}"),
    Rule("regex", ("url",), r"https?://[^\s]+"),
    Rule("unique", TRADE_FAIR_KEY),
)

EXCHANGE_RATE_KEY = ("source", "base_currency", "currency", "rate_date")

EXCHANGE_RATE_RULES: tuple[Rule, ...] = (
    *(Rule("not_null", (c,)) for c in (*EXCHANGE_RATE_KEY, "source_url")),
    Rule("regex", ("currency",), r"[A-Z]{3}"),
    Rule("regex", ("base_currency",), r"[A-Z]{3}"),
    Rule("in_set", ("rate_error",), (False,)),
    Rule("in_set", ("date_error",), (False,)),
    # plausible: set on or before the fetch's day (one day of slack for time zones), within 30 years
    Rule("between", ("days_from_fetch",), (-30 * 366, 1)),
    Rule("unique", EXCHANGE_RATE_KEY),
)

MARKET_NOTICE_KEY = ("source", "notice_id")

NOTICE_TYPES = ("tariff_change", "anti_dumping", "countervailing", "safeguard", "sps", "tbt", "quota", "licensing",
                "export_control", "customs_procedure", "other")

MARKET_NOTICE_RULES: tuple[Rule, ...] = (
    *(Rule("not_null", (c,)) for c in (*MARKET_NOTICE_KEY, "title", "url", "source_url")),
    Rule("in_set", ("notice_type",), NOTICE_TYPES),
    Rule("in_set", ("date_error",), (False,)),
    # plausible: published from 40 years before the crawl to 1 year after it
    Rule("between", ("years_from_fetch",), (-40, 1)),
    Rule("in_set", ("hs_all_valid",), (True,)),
    Rule("in_set", ("countries_all_known",), (True,)),
    Rule("regex", ("url",), r"https?://[^\s]+"),
    Rule("unique", MARKET_NOTICE_KEY),
)
