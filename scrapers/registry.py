"""The source registry: per-source metadata in one YAML file, validated into pydantic models.

Everything that differs between sources (where, what format, under which terms, when, who owns it,
and what a healthy crawl looks like) lives here, so that code never carries per-source constants and
a bad entry fails fast at load time instead of half way through a run.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

REGISTRY_FILE = Path(__file__).with_name("sources.yaml")
RECORDED_DIR = Path(__file__).with_name("recorded")


class Assertions(BaseModel):
    """What a healthy run of the source looks like; a run outside these bounds is not published."""

    model_config = ConfigDict(extra="forbid")
    min_rows: int = Field(ge=0)
    max_quarantined_share: float = Field(default=0.01, ge=0, le=1)


# The regimes a tariff measure type can map to; a type the registry does not map is "other"
# (warehouse/suites.py REGIMES: these and "other").
Regime = Literal["mfn", "preferential", "preferential_quota", "non_mfn", "additional"]


class MeasureCodes(BaseModel):
    """How a tariff source's own measure types and partner ids map to the warehouse's regimes and partner
    types. The shared staging model transforms/sql/staging/stg_tariffs__measures.sql reads it (as JSON), so
    a new tariff source brings its codes here and needs no SQL of its own."""

    model_config = ConfigDict(extra="forbid")
    regimes: dict[str, Regime]  # measure type as published -> regime
    no_duty_types: list[str] = []  # measure types that publish no duty (UK supplementary units: a unit)
    all_partners: list[str] = Field(min_length=1)  # partner ids meaning every origin ("1011", "ALL")
    group_measure_types: list[str] = []  # measure types whose partner is always a group (US special, column 2)
    group_partners: str | None = None  # regex: partner ids that are groups by their form (UK: 4 digits)
    # regex: partner ids that are neither a published group nor an ISO country but still a group (WITS)
    other_partners_are_groups: str | None = None

    @field_validator("group_partners", "other_partners_are_groups")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        try:
            return value if value is None else re.compile(value).pattern
        except re.error as err:
            raise ValueError(f"not a regular expression: {err}") from err


class Source(BaseModel):
    """One public source and everything the pipeline needs to know about it."""

    model_config = ConfigDict(extra="forbid")
    name: str
    title: str
    family: Literal["tariffs", "trade_fairs", "market_notices", "exchange_rates"]
    publisher: str
    access_url: HttpUrl
    docs_url: HttpUrl | None = None
    format: str
    auth: str = Field(description="'none' or the name of the Airflow Connection holding the credentials")
    licence: str
    terms_url: HttpUrl
    schedule: str
    owner: str
    dag: str
    marts: list[str]
    params: dict[str, Any] = Field(default_factory=dict)
    measure_codes: MeasureCodes | None = None  # tariff sources only
    evidence: list[str] = Field(min_length=1)
    assertions: Assertions

    @model_validator(mode="after")
    def _tariff_codes(self) -> Source:
        if (self.family == "tariffs") != (self.measure_codes is not None):
            raise ValueError("measure_codes: required for a tariff source, and only for one")
        return self

    def staging_params(self) -> dict[str, str]:
        """What the source's staging models read from the registry, as `{{ name }}` parameters (JSON)."""
        return {"measure_codes": self.measure_codes.model_dump_json()} if self.measure_codes else {}

    @field_validator("name")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not value.replace("_", "").isalnum() or value.lower() != value:
            raise ValueError(f"source name {value!r} must be snake_case")
        return value

    @property
    def recorded_dir(self) -> Path:
        """Where the recorded responses for the offline replay of this source live."""
        return RECORDED_DIR / self.name


class UnknownSource(KeyError):
    """Raised for a source name that is not in the registry; the message lists the known ones."""


@cache
def load_registry(path: Path = REGISTRY_FILE) -> dict[str, Source]:
    """Load and validate every entry; any error names the entry and the field."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {name: Source(name=name, **entry) for name, entry in raw.items()}


def get_source(name: str) -> Source:
    """The registry entry for one source, or a clear error listing the sources that exist."""
    registry = load_registry()
    if name not in registry:
        raise UnknownSource(f"unknown source {name!r}; known sources: {', '.join(sorted(registry))}")
    return registry[name]
