"""The notice-type vocabulary and the ordered classification rules.

Each rule is (id, notice type, pattern, explanation). The first rule whose pattern matches the notice's
text (title, summary, source labels and document type) decides; order matters: trade-remedy words come
before tariff words, "tariff-rate quota" before "tariff rate", WTO document symbols first of all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

NOTICE_TYPES: tuple[str, ...] = (
    "tariff_change", "anti_dumping", "countervailing", "safeguard", "sps", "tbt", "quota", "licensing",
    "export_control", "customs_procedure", "other",
)


class Rule(NamedTuple):
    rule_id: str
    notice_type: str
    pattern: re.Pattern[str]
    explanation: str


def _rule(rule_id: str, notice_type: str, pattern: str, explanation: str) -> Rule:
    return Rule(rule_id, notice_type, re.compile(pattern, re.IGNORECASE), explanation)


# R00, before the text rules: a WTO notification's own area (ePing's "area" is the document type)
# names its agreement, whether or not the title carries the G/SPS/N/ or G/TBT/N/ symbol.
WTO_AREAS: dict[str, str] = {"SPS": "sps", "TBT": "tbt"}
AREA_RULE_ID = "R00"
AREA_EXPLANATION = "a WTO notification under the SPS or TBT agreement, by the source's document type"

RULES: tuple[Rule, ...] = (
    _rule("R01", "sps", r"\bG/SPS/N/", "WTO document symbol G/SPS/N/...: an SPS notification"),
    _rule("R02", "tbt", r"\bG/TBT/N/", "WTO document symbol G/TBT/N/...: a TBT notification"),
    _rule("R03", "anti_dumping",
          r"anti-?\s?dumping|dumping margin|dumped imports|less[- ]than[- ]fair[- ]value|\bdumping\b",
          "anti-dumping words (antidumping, dumping margin, less than fair value): a trade-remedy case, "
          "before any tariff wording it also contains"),
    _rule("R04", "countervailing", r"countervailing|anti-?\s?subsidy|\bsubsid(?:y|ies|ised|ized|isation|ization)\b",
          "countervailing duty or subsidy wording: a countervailing (anti-subsidy) case"),
    _rule("R05", "safeguard", r"safeguard|section\s+201\b",
          "safeguard measure or US Section 201 (global safeguard)"),
    _rule("R06", "export_control",
          r"export\s+controls?|export\s+administration\s+regulations|\bEAR\b|entity\s+list|sanction|embargo|"
          r"dual[- ]use|export\s+licen[cs]|export\s+ban|restrictive\s+measures",
          "export control or sanctions wording (EAR, Entity List, sanctions, dual-use, export licence)"),
    _rule("R07", "sps",
          r"sanitary|phytosanitary|maximum\s+residue\s+limit|\bMRLs?\b|pesticide\s+residue|plant\s+health|"
          r"animal\s+health|veterinary|food\s+safety|avian\s+influenza|foot-and-mouth|pest\s+risk",
          "sanitary or phytosanitary subject matter (residue limits, plant or animal health) without a WTO symbol"),
    _rule("R08", "tbt",
          r"technical\s+regulations?|conformity\s+assessment|technical\s+barriers\s+to\s+trade|"
          r"labell?ing\s+requirements?|marking\s+requirements?|product\s+standards?|energy\s+efficiency\s+standards?",
          "technical regulation, standard, labelling or conformity-assessment subject matter"),
    _rule("R09", "quota", r"tariff[- ]rate\s+quota|\bTRQs?\b|\bquotas?\b",
          "tariff-rate quota or quota: before the tariff rule, whose 'tariff rate' it contains"),
    _rule("R10", "tariff_change",
          r"section\s+301|section\s+232|tariff\s+rates?|dut(?:y|ies)\s+rates?|rates?\s+of\s+duty|"
          r"HTSUS\s+modification|modif\w*\s+(?:of\s+)?(?:the\s+)?(?:HTSUS|harmoni[sz]ed\s+tariff\s+schedule)|"
          r"additional\s+(?:ad\s+valorem\s+)?dut(?:y|ies)|tariff\s+(?:increase|reduction|suspension|change|"
          r"elimination|preference|concession)s?|(?:suspen\w+|reduc\w+|increas\w+)\s+(?:of\s+)?(?:customs\s+|import\s+)?"
          r"(?:dut(?:y|ies)|tariffs?)|\btariffs?\s+on\b|generali[sz]ed\s+system\s+of\s+preferences|\bGSP\b",
          "tariff or duty-rate change (Section 301/232 actions, HTSUS modifications, duty suspensions)"),
    _rule("R11", "licensing", r"licen[cs]e|licensing",
          "import licence or licensing requirement (export licences were taken by R06)"),
    _rule("R12", "customs_procedure",
          r"customs|\bCBP\b|entry\s+procedures?|rules?\s+of\s+origin|country\s+of\s+origin|\borigin\b|"
          r"classification\s+ruling|drawback|declaration|\bACE\b|de\s+minimis",
          "customs procedure, entry, origin or classification wording"),
)
OTHER_RULE_ID = "R99"
OTHER_EXPLANATION = "no rule matched: other"
