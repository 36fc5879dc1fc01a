"""The closed vocabularies of the parser: units, unit codes, component codes and qualifiers.

Each list holds only what a real published expression was seen to use (see
docs/duty_expressions.md and tests/transforms/duty_expressions_cases.csv). A free-form unit would
let any trailing garbage through as "a unit", so an unknown one is reported, never accepted: extend
these lists when a new one appears.
"""

from __future__ import annotations

# Measurement unit abbreviations (with qualifier where one exists) as the UK tariff prints them
# after "/" (the GB and the XI tariff alike). Source: the measurement unit abbreviation table of the
# UK Trade Tariff backend, plus "Retail Price" (the base of the tobacco excise ad valorem part).
KNOWN_UNITS: frozenset[str] = frozenset(
    {
        "% vol", "% vol/hl", "ct/l", "100 p/st", "c/k", "10 000 kg/polar", "kg DHS",
        "100 kg", "100 kg/net eda", "100 kg common wheat", "100 kg/br", "100 kg live weight",
        "100 kg/net mas", "100 kg std qual", "100 kg raw sugar", "100 kg/net/%sacchar.",
        "EUR", "gi F/S", "g", "GT", "hl", "100 m", "kg C₅H₁₄ClNO", "tonne KCl",
        "kg", "kg/tot/alc", "kg/net eda", "GKG", "kg/lactic matter", "kg/raw sugar",
        "kg/dry lactic matter", "1000 l", "kg methylamines", "KM", "kg N", "kg H₂O₂", "kg KOH",
        "kg K₂O", "kg P₂O₅", "kg 90% sdt", "kg NaOH", "kg U", "l alc. 100%", "l", "L total alc.",
        "1000 p/st", "1000 pa", "m²", "m³", "1000 m³", "m", "1000 kWh", "p/st", "b/f", "ce/el",
        "pa", "TJ", "1000 kg", "1000 kg/net eda", "1000 kg/biodiesel", "1000 kg/fuel content",
        "1000 kg/bioethanol", "1000 kg/net mas", "1000 kg std qual", "1000 kg/net/%saccha.",
        "Watt", "Retail Price",
    }
)  # fmt: skip

# TARIC measurement unit codes, printed by the EU's own TARIC extracts after the currency without a
# "/" ("30.900 EUR DTN"), optionally followed by a one-letter measurement unit qualifier
# ("10.400 % MIN 1.300 EUR DTN G", "0.075 EUR ASV X", "0.230 EUR KGM P").
TARIC_UNIT_CODES: frozenset[str] = frozenset(
    {
        "ASV", "CCT", "CEN", "CTM", "DAP", "DHS", "DTN", "GFI", "GRM", "GRT", "HLT", "HMT", "KAC",
        "KCC", "KCL", "KGM", "KLT", "KMA", "KMT", "KNI", "KNS", "KPH", "KPO", "KPP", "KSD", "KSH",
        "KUR", "LPA", "LTR", "MIL", "MTK", "MTQ", "MTR", "MWH", "NAR", "NCL", "NPR", "TJO", "TNE",
    }
)  # fmt: skip
TARIC_UNIT_QUALIFIERS: frozenset[str] = frozenset("ABCEFGIJKLMNPRSTXZ")

# Units of US HTS specific rates, as printed after "¢/" or "$/" ("pf." = proof; the HTS prints
# both "pf. liter" and "pf.liter"). "each" is printed without a slash ("0.9¢ each").
US_UNITS: frozenset[str] = frozenset({"kg", "clean kg", "liter", "pf. liter", "pf.liter", "doz.", "head"})
US_EACH = "each"

# Words after a US specific rate that narrow what the quantity is.
US_SPECIFIC_QUALIFIERS: tuple[str, ...] = ("on drained weight",)
# The sugar polarity scale of HTS 1701 ("... less 0.020668¢/kg for each degree under 100 degrees
# (and fractions of a degree in proportion) but not less than ..."): only after "less".
PER_DEGREE_QUALIFIER = "for each degree under 100 degrees (and fractions of a degree in proportion)"
# Words after a US ad valorem rate that say what the value is.
US_AD_VALOREM_QUALIFIERS: tuple[str, ...] = ("on the entire set",)

# Codes that stand for a whole component without an amount of their own: entry-price and
# Meursing-table components of the EU/XI tariff, and "NIHIL" (TARIC expression 37, "nothing").
AGRICULTURAL_CODES: tuple[str, ...] = ("EA", "EAR", "ADSZ", "ADSZR", "ADFM", "ADFMR", "NIHIL")

# Units whose quantity converts from a plain quantity: unit -> (dimension, how many base units).
# Used by duty_amount only; a unit absent here needs a quantity given in exactly that unit.
UNIT_SCALES: dict[str, tuple[str, float]] = {
    "kg": ("mass", 1.0), "KGM": ("mass", 1.0), "100 kg": ("mass", 100.0), "DTN": ("mass", 100.0),
    "1000 kg": ("mass", 1000.0), "TNE": ("mass", 1000.0), "g": ("mass", 0.001), "GRM": ("mass", 0.001),
    "l": ("volume", 1.0), "liter": ("volume", 1.0), "LTR": ("volume", 1.0), "hl": ("volume", 100.0),
    "HLT": ("volume", 100.0), "1000 l": ("volume", 1000.0), "KLT": ("volume", 1000.0),
    "p/st": ("items", 1.0), "each": ("items", 1.0), "NAR": ("items", 1.0), "head": ("items", 1.0),
    "doz.": ("items", 12.0),
    "100 p/st": ("items", 100.0), "CEN": ("items", 100.0), "1000 p/st": ("items", 1000.0),
    "MIL": ("items", 1000.0), "m": ("length", 1.0), "MTR": ("length", 1.0), "100 m": ("length", 100.0),
    "m²": ("area", 1.0), "MTK": ("area", 1.0), "m³": ("volume_m3", 1.0), "MTQ": ("volume_m3", 1.0),
    "1000 m³": ("volume_m3", 1000.0),
}  # fmt: skip
# Names a caller may give the quantity in, besides the units above.
QUANTITY_ALIASES: dict[str, str] = {
    "litre": "l", "liters": "l", "litres": "l", "L": "l", "item": "p/st", "items": "p/st",
    "pcs": "p/st", "No.": "p/st", "t": "1000 kg", "tonne": "1000 kg", "m2": "m²", "m3": "m³",
}  # fmt: skip
