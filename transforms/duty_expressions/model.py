"""The parsed shape of a duty expression: components, the expression, the error it raises."""

from __future__ import annotations

from dataclasses import dataclass

# Component kinds and the tag each contributes to DutyExpression.structure.
# "base" stands for another line's duty that the expression is stacked on (US chapter 99: "The duty
# provided in the applicable subheading + 25%"); it is always the first component.
KIND_TAGS = {"ad_valorem": "AV", "specific": "SP", "agricultural": "AG", "free": "FREE", "base": "BASE"}

# Operators between components. "" for the first one; "OR_HIGHER"/"OR_LOWER" separate alternatives
# ("5% or 2¢/kg, whichever is higher") and bind more loosely than everything else.
OPERATORS = ("", "+", "-", "MAX", "MIN", "OR_HIGHER", "OR_LOWER")


@dataclass(frozen=True)
class DutyComponent:
    """One term of a duty expression, in the order published.

    ``amount`` of a US specific rate is in dollars with ``currency`` "USD", whether the HTS printed
    cents or dollars: ``2.2¢/kg`` becomes amount 0.022, ``$1.035/kg`` amount 1.035. The published
    form stays in :attr:`DutyExpression.text`. A "Free" rate is one component of kind "free" with
    ``rate_pct`` 0.0.
    """

    kind: str  # "ad_valorem" | "specific" | "agricultural" | "free" | "base"
    operator: str  # one of OPERATORS
    rate_pct: float | None  # ad valorem rate in percent (0.0 for "free")
    amount: float | None  # specific amount per unit, in `currency` (US cents converted to dollars)
    currency: str | None  # ISO 4217 code of a specific amount (TARIC's "EUC" kept as printed)
    unit: str | None  # measurement unit as published, e.g. "100 kg/net mas", "DTN G", "pf. liter"
    code: str | None  # agricultural / code-only component ("EA", "ADSZ", "NIHIL"); for "base" the words naming it
    qualifier: str | None = None  # published words that narrow the base, e.g. "on drained weight"


@dataclass(frozen=True)
class DutyExpression:
    """A parsed duty expression plus the headline figures most consumers need."""

    text: str  # the input with whitespace normalised (a WITS number: its repr)
    structure: str  # e.g. "AV + SP MAX AV", "FREE", "AV OR_HIGHER SP"; "" for an empty expression
    components: tuple[DutyComponent, ...]
    # set only when the expression is purely ad valorem (or Free); stacked on a base ("BASE + AV"): the
    # percentage it adds (0.0 for a bare "BASE": no additional duty)
    ad_valorem_pct: float | None
    specific_amount: float | None  # first specific component's amount ...
    specific_currency: str | None  # ... its currency ...
    specific_unit: str | None  # ... and its unit


@dataclass(frozen=True)
class SpecialRate:
    """One group of a US HTS "special" column: a rate and the program codes it applies to.

    ``expression`` is None when the group is a cross-reference (``reference``, e.g.
    "See 9822.04.25"): the rate is in another heading, and is not guessed here.
    """

    programs: tuple[str, ...]  # e.g. ("A+", "AU", "BH")
    expression: DutyExpression | None
    reference: str | None


class UnparseableDutyExpression(ValueError):
    """Raised for any text that is not entirely a well-formed duty expression.

    ``reason`` says what was expected and what was found where (a 0-based position in the
    whitespace-normalised text, which is also the ``text`` quoted), so that a report of failures
    (see :func:`parse_distinct`) can be acted on without re-running the parser.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot parse duty expression {text!r}: {reason}")
