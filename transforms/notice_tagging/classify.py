"""Notice type of one notice, by the first matching rule of :data:`transforms.notice_tagging.rules.RULES`."""

from __future__ import annotations

from collections.abc import Iterable

from transforms.notice_tagging.rules import (
    AREA_EXPLANATION,
    AREA_RULE_ID,
    OTHER_EXPLANATION,
    OTHER_RULE_ID,
    RULES,
    WTO_AREAS,
)


def _text(title: str | None, summary: str | None, labels: str | Iterable[str] | None,
          document_type: str | None) -> str:
    if labels is None:
        label_text = ""
    elif isinstance(labels, str):
        label_text = labels
    else:
        label_text = " ; ".join(labels)
    return " \n ".join(part for part in (title, summary, label_text, document_type) if part)


def classify(title: str | None, summary: str | None = None, labels: str | Iterable[str] | None = None,
             document_type: str | None = None) -> tuple[str, str, str]:
    """(notice_type, rule_id, explanation) of a notice. Title, summary, the source's own labels and
    document type are all read; the labels themselves are not changed (staging keeps them as they are)."""
    area = WTO_AREAS.get((document_type or "").strip().upper())
    if area:
        return area, AREA_RULE_ID, f"{AREA_EXPLANATION} (document type {document_type!r})"
    text = _text(title, summary, labels, document_type)
    for rule in RULES:
        match = rule.pattern.search(text)
        if match:
            return rule.notice_type, rule.rule_id, f"{rule.explanation} (matched {match.group(0)!r})"
    return "other", OTHER_RULE_ID, OTHER_EXPLANATION
