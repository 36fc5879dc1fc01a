"""The duty a parsed expression levies on one consignment, in the currency of its customs value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .model import DutyComponent, DutyExpression
from .parser import parse_duty_expression
from .units import PER_DEGREE_QUALIFIER, QUANTITY_ALIASES, UNIT_SCALES


class DutyAmountError(ValueError):
    """The expression cannot be evaluated with what was given (quantity, unit, currency, table)."""


def _label(component: DutyComponent) -> str:
    """The quantity a specific component needs, e.g. "100 kg" or "kg on drained weight"."""
    return f"{component.unit} {component.qualifier}" if component.qualifier else str(component.unit)


Quantity = float | Mapping[str, float] | None


def _converted(component: DutyComponent, quantity: float, unit: str) -> float | None:
    """`quantity` `unit` in the component's unit, or None if it does not convert."""
    if unit == _label(component):
        return quantity
    given = QUANTITY_ALIASES.get(unit, unit)
    if not component.qualifier and given in UNIT_SCALES and component.unit in UNIT_SCALES:
        given_dimension, given_scale = UNIT_SCALES[given]
        target_dimension, target_scale = UNIT_SCALES[component.unit]
        if given_dimension == target_dimension:
            return quantity * given_scale / target_scale
    return None


def _quantity_in(component: DutyComponent, quantity: Quantity, unit: str | None) -> float:
    label = _label(component)
    if isinstance(quantity, Mapping):
        candidates = list(quantity.items())
    elif quantity is None or unit is None:
        raise DutyAmountError(f"the specific part needs a quantity in {label!r}: pass quantity= and unit=")
    else:
        candidates = [(unit, quantity)]
    for given_unit, given_quantity in candidates:
        converted = _converted(component, float(given_quantity), given_unit)
        if converted is not None:
            return converted
    given = ", ".join(repr(u) for u, _ in candidates) or "none"
    raise DutyAmountError(f"the specific part needs a quantity in {label!r}; given {given}, which do not convert to it")


def _term(component: DutyComponent, value: float, quantity: Quantity, unit: str | None, currency: str | None) -> float:
    if component.kind == "free" or component.code == "NIHIL":
        return 0.0
    if component.kind == "base":
        raise DutyAmountError(
            "the duty is stacked on the duty of the line the goods are classified in (US chapter 99): "
            "compute that line's duty and add the rest of this one"
        )
    if component.kind == "agricultural":
        raise DutyAmountError(
            f"component {component.code} is set by the entry price / Meursing table, which is not applied here"
        )
    if component.kind == "ad_valorem":
        if component.unit is not None:
            raise DutyAmountError(
                f"the ad valorem part {component.rate_pct}% / {component.unit} is levied on the {component.unit}, "
                "not on the customs value"
            )
        return value * float(component.rate_pct or 0.0) / 100
    if component.qualifier == PER_DEGREE_QUALIFIER:
        raise DutyAmountError("the rate scales with the sugar polarity (degrees), which duty_amount does not take")
    if currency is None:
        raise DutyAmountError(f"the specific part is in {component.currency}: pass currency= (the customs value's)")
    if component.currency != currency:
        raise DutyAmountError(
            f"the specific part is in {component.currency}, the customs value in {currency}: convert first"
        )
    return float(component.amount or 0.0) * _quantity_in(component, quantity, unit)


def _split(components: list[DutyComponent], operators: set[str]) -> list[list[DutyComponent]]:
    """Runs of components, a new run starting at each component whose operator is in `operators`."""
    runs: list[list[DutyComponent]] = []
    for component in components:
        if not runs or component.operator in operators:
            runs.append([])
        runs[-1].append(component)
    return runs


def duty_amount(
    expression: DutyExpression | str,
    customs_value: float,
    quantity: Quantity = None,
    unit: str | None = None,
    currency: str | None = None,
) -> float:
    """The duty on goods of `customs_value` (in `currency`) and `quantity` (in `unit`).

    Ad valorem: value x rate. Specific: amount x quantity, the quantity converted when its unit and
    the rate's differ only by scale (kg / 100 kg / 1000 kg / DTN / TNE, l / hl / 1000 l, p/st /
    100 p/st / 1000 p/st, ...); any other unit must be given exactly as the rate states it (e.g.
    "% vol/hl", "pf. liter", "kg on drained weight"). An expression that needs two quantities (beer:
    "0.50 GBP / % vol/hl + 2.60 GBP / hl") takes ``quantity`` as a mapping {unit: quantity}, and
    ``unit`` is then unused. "+" and "-" add and subtract; "MAX x" caps and
    "MIN x" floors what precedes it, x being everything up to the next MAX/MIN (TARIC's reading);
    OR_HIGHER / OR_LOWER take the higher / lower alternative. Free and NIHIL are 0.

    Raises DutyAmountError when a needed quantity or unit is missing or does not convert, when a
    specific part's currency differs from `currency` (conversion is done elsewhere), and for parts
    that need outside data (entry price EA/ADSZ..., sugar polarity).
    """
    parsed = expression if isinstance(expression, DutyExpression) else parse_duty_expression(expression)
    if not parsed.components:
        raise DutyAmountError(f"{parsed.text!r} is an empty expression: there is no duty to compute")
    results: list[float] = []
    for alternative in _split(list(parsed.components), {"OR_HIGHER", "OR_LOWER"}):
        total = 0.0
        for index, run in enumerate(_split(alternative, {"MAX", "MIN"})):
            run_total = 0.0
            for position, component in enumerate(run):
                amount = _term(component, customs_value, quantity, unit, currency)
                run_total += -amount if position and component.operator == "-" else amount
            if index == 0:
                total = run_total
            elif run[0].operator == "MAX":
                total = min(total, run_total)
            else:
                total = max(total, run_total)
        results.append(total)
    lower = any(c.operator == "OR_LOWER" for c in parsed.components)
    return min(results) if lower else max(results)


def in_currency(parsed: DutyExpression, currency: str, rates: Mapping[str, float]) -> DutyExpression:
    """The expression with every specific amount converted into `currency`.

    `rates[code]` is how many units of `currency` one unit of `code` buys (the caller picks the dated
    reference rate, e.g. marts.fx_rate). Amounts already in `currency` stay; a currency without a rate
    raises DutyAmountError naming it. The text stays as published.
    """
    def converted(component: DutyComponent) -> DutyComponent:
        if component.currency is None or component.currency == currency:
            return component
        if component.currency not in rates:
            raise DutyAmountError(f"no exchange rate from {component.currency} to {currency}")
        return replace(component, amount=component.amount * rates[component.currency], currency=currency)

    components = tuple(converted(component) for component in parsed.components)
    first = next((c for c in components if c.kind == "specific"), None)
    return replace(parsed, components=components, specific_amount=first.amount if first else None,
                   specific_currency=first.currency if first else None)
