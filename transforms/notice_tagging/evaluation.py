"""Precision/recall of the tagging on the labelled notices (tests/transforms/data/notice_labels.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from transforms.notice_tagging.classify import classify
from transforms.notice_tagging.countries import extract_countries
from transforms.notice_tagging.hs_codes import extract_hs_codes
from transforms.notice_tagging.text import clean_text

LABELS_CSV = Path(__file__).resolve().parents[2] / "tests" / "transforms" / "data" / "notice_labels.csv"


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


@dataclass
class SetScore:
    """Micro-averaged precision/recall of predicted sets against expected sets."""

    true_positives: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, predicted: list[str], expected: list[str]) -> None:
        self.true_positives += len(set(predicted) & set(expected))
        self.predicted += len(set(predicted))
        self.expected += len(set(expected))

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


@dataclass
class Evaluation:
    rows: int = 0
    correct_types: int = 0
    hs: SetScore = field(default_factory=SetScore)
    countries: SetScore = field(default_factory=SetScore)
    errors: list[str] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.correct_types / self.rows if self.rows else 1.0


def tag_row(row: dict[str, str]) -> tuple[str, str, list[str], list[str]]:
    """(notice_type, rule_id, hs_codes, countries) of one labelled row, as staging would compute them."""
    title = clean_text(row["title"]) or ""
    summary = clean_text(row["summary"]) or ""
    notice_type, rule_id, _ = classify(title, summary, _split(row["labels"]), row["document_type"])
    text = f"{title}\n{summary}"
    return notice_type, rule_id, extract_hs_codes(text), extract_countries(text)


def evaluate(path: Path = LABELS_CSV) -> Evaluation:
    result = Evaluation()
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            result.rows += 1
            notice_type, rule_id, hs_codes, countries = tag_row(row)
            expected_hs, expected_countries = _split(row["hs_codes"]), _split(row["countries"])
            result.correct_types += notice_type == row["notice_type"]
            result.hs.add(hs_codes, expected_hs)
            result.countries.add(countries, expected_countries)
            if notice_type != row["notice_type"]:
                result.errors.append(f"{row['id']}: type {notice_type} ({rule_id}), expected {row['notice_type']}")
            if set(hs_codes) != set(expected_hs):
                result.errors.append(f"{row['id']}: hs_codes {hs_codes}, expected {expected_hs}")
            if set(countries) != set(expected_countries):
                result.errors.append(f"{row['id']}: countries {countries}, expected {expected_countries}")
    return result


def report(result: Evaluation) -> str:
    lines = [
        f"labelled notices: {result.rows}",
        f"notice type accuracy: {result.type_accuracy:.3f} ({result.correct_types}/{result.rows})",
        f"HS codes   precision {result.hs.precision:.3f}  recall {result.hs.recall:.3f}  "
        f"(tp {result.hs.true_positives}, predicted {result.hs.predicted}, expected {result.hs.expected})",
        f"countries  precision {result.countries.precision:.3f}  recall {result.countries.recall:.3f}  "
        f"(tp {result.countries.true_positives}, predicted {result.countries.predicted}, "
        f"expected {result.countries.expected})",
        f"rows with a difference: {len(result.errors)}",
    ]
    lines += [f"  {error}" for error in result.errors]
    return "\n".join(lines)
