"""The two tuning constants of the matching rules, shared by blocking, clustering and the evaluation.

The name score a pair needs and the days of slack allowed between two records' dates decide what
counts as one edition. Blocking (which pairs are compared), the rules, the cluster checks and
explain_pair must all use the same values, so they live in this module, which imports nothing, and
every module that needs them imports them from here.
"""

from __future__ import annotations

NAME_THRESHOLD = 90.0
"""Minimum name score (0-100) for a pair. 90 lets "hannover messe"/"hanover messe" (96) and a one-letter
typo in a long name through, while short names effectively need to be equal ("ifa"/"ifat" is 86)."""

DATE_SLACK_DAYS = 1
"""Dates count as overlapping when they overlap or touch within this many days: a source that turns a
local all-day date into UTC, or lists the build-up day, shifts a fair by one day. Two phases of the
Canton Fair are 3 days apart and a previous edition a year, so one day never joins those."""
