"""Evaluation on the labelled pairs: precision and recall, explain_pair, and the ``--evaluate`` command.

The rules are tuned against tests/transforms/data/fair_pairs.csv; this module loads that set, runs
match_fairs on each pair on its own, counts true and false matches, and explains every misclassified
pair rule by rule, so a change to the rules shows its effect in one command
(``python -m transforms.fair_matching --evaluate``).
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from transforms.fair_matching.evidence import _evidence
from transforms.fair_matching.match import match_fairs
from transforms.fair_matching.prepare import _prepare
from transforms.fair_matching.scoring import _score_pairs
from transforms.fair_matching.thresholds import DATE_SLACK_DAYS, NAME_THRESHOLD

DEFAULT_PAIRS = Path(__file__).resolve().parents[2] / "tests" / "transforms" / "data" / "fair_pairs.csv"


@dataclass(frozen=True)
class EvaluationResult:
    """Precision and recall of match_fairs on labelled pairs (label 1 = the same edition)."""

    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    misclassified: tuple[dict[str, str], ...]  # the CSV row plus "predicted" and "evidence"

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_pairs(path: Path = DEFAULT_PAIRS) -> list[dict[str, str]]:
    """The labelled pairs CSV as dicts (columns: see tests/transforms/data/README.md)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pair_records(row: dict[str, str]) -> pd.DataFrame:
    """The two records of a labelled pair, as match_fairs takes them (empty cells are None)."""
    def value(side: str, column: str) -> str | None:
        return (row.get(f"{column}_{side}") or "").strip() or None

    return pd.DataFrame([{
        "record_key": f"{value(side, 'source') or side}:{row['pair_id']}{side}",
        "source": value(side, "source") or side,
        "name": value(side, "name"),
        "start_date": value(side, "start_date"),
        "end_date": value(side, "end_date"),
        "city": value(side, "city"),
        "country": value(side, "country"),
        "venue": value(side, "venue"),
    } for side in ("a", "b")])


def explain_pair(records: pd.DataFrame) -> str:
    """Why two records are or are not one edition: the name score and every rule, blocking aside.

    For reading the misclassified labelled pairs; match_fairs itself never scores pairs that
    blocking rules out.
    """
    p = _prepare(records)
    a, b = np.array([0]), np.array([1])
    score, how = _score_pairs(p, a, b)
    failed = []
    if score[0] < NAME_THRESHOLD:
        failed.append(f"name below {NAME_THRESHOLD:.0f}")
    if p.source[0] == p.source[1]:
        failed.append("same source")
    if p.numbers[0] and p.numbers[1] and p.numbers[0] != p.numbers[1]:
        failed.append(f"numbers differ ({p.numbers[0]} / {p.numbers[1]})")
    if not (p.dated[0] and p.dated[1]):
        failed.append("a date is missing")
    elif max(p.start[0], p.start[1]) > min(p.end[0], p.end[1]) + DATE_SLACK_DAYS:
        failed.append("dates do not overlap")
    for label, codes in (("cities", p.city_code), ("countries", p.country_code)):
        if codes[0] >= 0 and codes[1] >= 0 and codes[0] != codes[1]:
            failed.append(f"{label} differ")
    text = _evidence(p, a, b, score, how)[0]
    return text + (f" \u2014 fails: {', '.join(failed)}" if failed else "")


def evaluate(path: Path = DEFAULT_PAIRS) -> EvaluationResult:
    """Run match_fairs on each labelled pair on its own; a pair is predicted same when both get one fair_id."""
    counts: Counter[str] = Counter()
    wrong = []
    for row in load_pairs(path):
        result = match_fairs(_pair_records(row))
        same = result["fair_id"].iloc[0] == result["fair_id"].iloc[1]
        label = row["label"].strip() == "1"
        counts[("t" if same == label else "f") + ("p" if same else "n")] += 1
        if same != label:
            wrong.append({**row, "predicted": str(int(same)), "evidence": explain_pair(_pair_records(row))})
    return EvaluationResult(counts["tp"], counts["fp"], counts["fn"], counts["tn"], tuple(wrong))


def _print_evaluation(result: EvaluationResult, path: Path) -> None:
    total = result.true_positives + result.false_positives + result.false_negatives + result.true_negatives
    try:
        shown = path.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = path
    print(f"labelled pairs: {total} ({shown})")
    print(f"tp {result.true_positives}  fp {result.false_positives}  fn {result.false_negatives}  "
          f"tn {result.true_negatives}")
    print(f"precision: {result.precision:.3f}")
    print(f"recall:    {result.recall:.3f}")
    print(f"F1:        {result.f1:.3f}")
    if not result.misclassified:
        print("misclassified pairs: none")
        return
    print(f"misclassified pairs: {len(result.misclassified)}")
    for row in result.misclassified:
        kind = "false match" if row["predicted"] == "1" else "missed match"
        print(f"  [{row['pair_id']}] {kind}: {row['name_a']!r} ({row['city_a'] or '-'}, {row['start_date_a']}) vs "
              f"{row['name_b']!r} ({row['city_b'] or '-'}, {row['start_date_b']})")
        print(f"      note: {row['note']}")
        print(f"      evidence: {row['evidence']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transforms.fair_matching",
                                     description="Trade-fair deduplication: evaluate on the labelled pairs.")
    parser.add_argument("--evaluate", action="store_true", help="print precision, recall, F1 and the misclassified")
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="labelled pairs CSV (default %(default)s)")
    args = parser.parse_args(argv)
    if not args.evaluate:
        parser.print_help()
        return 2
    _print_evaluation(evaluate(args.pairs), args.pairs)
    return 0
