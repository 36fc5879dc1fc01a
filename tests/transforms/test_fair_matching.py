"""Tests for transforms.fair_matching: the labelled pairs, the keys, ids, blocking and clustering.

The labelled pairs (data/fair_pairs.csv, described in data/README.md) are real fairs with plausible
dates: shared fairs written differently, renamed editions, co-located shows, previous editions.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from transforms import fair_matching as fm
from transforms.fair_matching import city_key, evaluate, load_pairs, match_fairs, match_fairs_with_stats, name_key

FAIR_ID = re.compile(r"^tf_[0-9a-f]{12}(_\d+)?$")


def record(key: str, name: str, start: str, end: str, city: str | None = None, country: str | None = "DE",
           venue: str | None = None) -> dict[str, object]:
    return {"record_key": key, "source": key.split(":")[0], "name": name, "start_date": start, "end_date": end,
            "city": city, "country": country, "venue": venue}


def frame(*records: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(records))


def ids(result: pd.DataFrame) -> dict[str, str]:
    return dict(zip(result["record_key"], result["fair_id"], strict=True))


# ---------------------------------------------------------------------------------------------------
# The labelled set
# ---------------------------------------------------------------------------------------------------

def test_labelled_set_is_large_and_balanced() -> None:
    pairs = load_pairs()
    labels = [p["label"] for p in pairs]
    assert len(pairs) >= 60
    assert labels.count("1") >= 25 and labels.count("0") >= 25
    assert len({p["pair_id"] for p in pairs}) == len(pairs)
    assert all(p["source_a"] != p["source_b"] for p in pairs)  # same-source records never merge by design


def test_precision_and_recall_on_the_labelled_pairs() -> None:
    result = evaluate()
    assert result.precision >= 0.95, result.misclassified
    assert result.recall >= 0.95, result.misclassified
    # Every pair it gets wrong is one docs/dedup.md lists as a known miss.
    assert all(row["note"].startswith("KNOWN MISS") for row in result.misclassified), result.misclassified


def test_evaluate_command_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert fm.main(["--evaluate"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^precision: \d\.\d{3}$", out, re.M) and re.search(r"^recall: +\d\.\d{3}$", out, re.M)
    assert "F1:" in out and "misclassified pairs" in out


# ---------------------------------------------------------------------------------------------------
# name_key and city_key
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "key"), [
    ("HANNOVER MESSE 2027", "hannover fair"),
    ("Hannover Messe", "hannover fair"),
    ("Hanover Fair", "hanover fair"),
    ("Anuga 2027", "anuga"),
    ("Anuga FoodTec 2027", "anuga foodtec"),  # the distinguishing word stays
    ("China Import and Export Fair (Canton Fair), 141st session, phase 1", "china import export fair phase 1"),
    ("Canton Fair Phase II", "china import export fair phase 2"),  # a phase number is not an edition marker
    ("37th Arabian Travel Market", "arabian travel market"),
    ("XXV Salone Internazionale del Mobile", "salon mobile"),
    ("37. Internationale Eisenwarenmesse", "eisenwarenmesse"),
    ("Ecomondo – 29th edition", "ecomondo"),
    ("Maison&Objet Paris – January 2027", "maison objet paris"),
    ("Maison et Objet", "maison objet"),
    ("CES® 2027", "ces"),
    ("Consumer Electronics Show", "ces"),  # known alias
    ("Arab Health 2027", "world health expo"),  # known rename
    ("Mobile World Congress 2027", "mwc"),
    ("The Big 5 Global", "big 5 global"),  # numbers other than years stay
    ("Industrie 4.0 Summit", "industrie 4 0 summit"),
    ("Mix Expo", "mix expo"),  # a roman-numeral-looking word in title case is a word
    ("2027", ""),
    ("", ""),
])
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_name_key_same_for_variants_of_one_name() -> None:
    variants = ["FRUIT LOGISTICA 2027", "Fruit Logistica", "fruit-logistica", "Fruit  Logistica  (2027)"]
    assert {name_key(v) for v in variants} == {"fruit logistica"}
    assert name_key("Internationale Grüne Woche") == name_key("International Green Week")
    assert name_key("IFA 2026") != name_key("IFAT 2026")


@pytest.mark.parametrize(("one", "other"), [
    ("Köln", "Cologne"),
    ("München", "Munich"),
    ("Hannover", "Hanover"),
    ("Frankfurt am Main", "Frankfurt"),
    ("Düsseldorf", "Dusseldorf"),
    ("Düsseldorf", "Duesseldorf"),
    ("Nürnberg", "Nuremberg"),
    ("Wien", "Vienna"),
    ("Milano", "Milan"),
    ("Moskva", "Moscow"),
    ("Москва", "Moscow"),
    ("Guangzhou", "Canton"),
    ("Paris-Nord Villepinte", "Paris"),
    ("Villepinte (Paris)", "Paris"),
    ("Rho", "Milano"),
    ("Genève", "Geneva"),
    ("Praha", "Prague"),
    ("São Paulo", "Sao Paulo"),
])
def test_city_key_maps_names_of_one_city_together(one: str, other: str) -> None:
    assert city_key(one) == city_key(other) is not None


@pytest.mark.parametrize(("city", "country", "key"), [
    ("Köln", None, "koln"),
    ("Cologne", "DE", "koln"),
    ("Frankfurt", "DE", "frankfurt am main"),  # the larger Frankfurt
    ("Frankfurt (Oder)", "DE", "frankfurt oder"),
    ("Canton", None, "guangzhou"),  # without a country, the most populous city of the name
    ("Canton", "US", "canton"),  # with one, a city of that country
    ("Paris", "FR", "paris"),
    ("Nowhereville", None, "nowhereville"),  # unknown places are compared folded
    (None, None, None),
    ("   ", None, None),
])
def test_city_key(city: str | None, country: str | None, key: str | None) -> None:
    assert city_key(city, country) == key


def test_city_key_keeps_different_cities_apart() -> None:
    assert city_key("Frankfurt am Main") != city_key("Frankfurt (Oder)")
    assert city_key("Portland") != city_key("Houston")


# ---------------------------------------------------------------------------------------------------
# match_fairs: output, ids, determinism
# ---------------------------------------------------------------------------------------------------

def labelled_records() -> pd.DataFrame:
    """Every record of the labelled pairs as one input (148 records, many of them the same editions)."""
    return pd.concat([fm._pair_records(row) for row in load_pairs()], ignore_index=True)


def test_output_one_row_per_record_in_input_order() -> None:
    records = labelled_records()
    result = match_fairs(records)
    assert list(result.columns) == ["record_key", "fair_id", "matched_to", "name_score", "evidence"]
    assert result["record_key"].tolist() == records["record_key"].tolist()
    assert all(FAIR_ID.match(value) for value in result["fair_id"])
    linked = result[result["matched_to"].notna()]
    assert set(linked["matched_to"]) <= set(records["record_key"])
    assert linked["name_score"].between(fm.NAME_THRESHOLD, 100).all()
    assert result.loc[result["matched_to"].isna(), "name_score"].isna().all()
    assert all(value is None for value in result.loc[result["matched_to"].isna(), "matched_to"])


def test_fair_ids_are_deterministic_and_independent_of_order() -> None:
    records = labelled_records()
    first = match_fairs(records)
    again = match_fairs(records)
    shuffled = records.sample(frac=1, random_state=7).reset_index(drop=True)
    reshuffled = match_fairs(shuffled)
    pd.testing.assert_frame_equal(first, again)
    by_key = reshuffled.set_index("record_key").loc[first["record_key"]].reset_index()
    pd.testing.assert_frame_equal(first, by_key, check_dtype=False)


def test_fair_id_stays_when_a_source_is_added() -> None:
    """The id comes from (name without markers and city, country, year): one source alone gets it too."""
    ita = record("ita:1", "HANNOVER MESSE 2027", "2027-04-12", "2027-04-16", "Hannover")
    wp = record("wp:1", "Hannover Messe", "2027-04-12", "2027-04-16", "Hanover")
    alone = ids(match_fairs(frame(ita)))["ita:1"]
    together = ids(match_fairs(frame(ita, wp)))
    assert together == {"ita:1": alone, "wp:1": alone}


def test_evidence_and_matched_to() -> None:
    result = match_fairs(frame(
        record("ita:1", "HANNOVER MESSE 2027", "2027-04-12", "2027-04-16", "Hannover", venue="Messe Hannover"),
        record("wp:1", "Hannover Messe", "2027-04-12", "2027-04-16", "Hanover", venue="Messe  Hannover"),
        record("schema:1", "MEDICA 2026", "2026-11-16", "2026-11-19", "Düsseldorf"),
    )).set_index("record_key")
    assert result.loc["ita:1", "matched_to"] is None
    assert result.loc["ita:1", "evidence"] == "representative of 2 records"
    assert result.loc["wp:1", "matched_to"] == "ita:1"
    assert result.loc["wp:1", "name_score"] == 100.0
    assert result.loc["wp:1", "evidence"] == (
        "name 100 · dates overlap 5/5 days · same city hannover · same country DE · same venue")
    assert result.loc["schema:1", "evidence"] == "no match"


def test_rename_evidence_names_the_alias() -> None:
    result = match_fairs(frame(
        record("ita:1", "Arab Health 2027", "2027-01-25", "2027-01-28", "Dubai", "AE"),
        record("schema:1", "WHX Dubai 2027", "2027-01-25", "2027-01-28", "Dubai", "AE"),
    ))
    assert result["fair_id"].nunique() == 1
    assert "known alias arab health" in result["evidence"].str.cat()


def test_repeated_record_key_gets_the_same_answer() -> None:
    one = record("ita:1", "Anuga 2027", "2027-10-09", "2027-10-13", "Köln")
    other = record("wp:1", "ANUGA", "2027-10-09", "2027-10-13", "Cologne")
    result = match_fairs(frame(one, other, one))
    assert len(result) == 3
    assert result.iloc[0].equals(result.iloc[2])
    assert result["fair_id"].nunique() == 1


def test_empty_input_and_missing_columns() -> None:
    empty = match_fairs(pd.DataFrame(columns=list(fm.RECORD_COLUMNS)))
    assert empty.empty and list(empty.columns) == list(fm.OUTPUT_COLUMNS)
    with pytest.raises(ValueError, match="missing column"):
        match_fairs(pd.DataFrame({"record_key": ["a:1"], "name": ["x"]}))


def test_missing_dates_and_names_match_nothing() -> None:
    result = match_fairs(frame(
        record("ita:1", "Anuga", None, None, "Köln"),
        record("wp:1", "Anuga", None, None, "Köln"),
        record("ical:1", "", "2027-10-09", "2027-10-13", "Köln"),
        record("schema:1", None, "2027-10-09", "2027-10-13", "Köln"),
    ))
    assert result["fair_id"].nunique() == 4


# ---------------------------------------------------------------------------------------------------
# Clustering
# ---------------------------------------------------------------------------------------------------

def test_transitive_clustering_across_three_sources() -> None:
    """A and C are too far apart to match on their own; both match B, so all three are one edition."""
    a = record("ita:1", "Automechanika", "2026-09-08", "2026-09-12", "Frankfurt am Main")
    b = record("wp:1", "Automechanica 2026", "2026-09-08", "2026-09-12", "Frankfurt")
    c = record("schema:1", "Autmechanica", "2026-09-08", "2026-09-12", "Frankfurt")
    assert match_fairs(frame(a, c))["fair_id"].nunique() == 2
    result = match_fairs(frame(a, b, c)).set_index("record_key")
    assert result["fair_id"].nunique() == 1
    assert result["matched_to"].isna().sum() == 1  # one representative, the others linked towards it
    assert result.loc["wp:1", "matched_to"] is None  # the centre of the chain represents it
    assert result.loc["ita:1", "matched_to"] == result.loc["schema:1", "matched_to"] == "wp:1"


def test_same_source_records_never_merge() -> None:
    result = match_fairs(frame(
        record("ita:1", "MEDICA 2027", "2027-11-15", "2027-11-18", "Düsseldorf"),
        record("ita:2", "MEDICA 2027", "2027-11-15", "2027-11-18", "Düsseldorf"),
        record("wp:1", "Medica", "2027-11-15", "2027-11-18", "Dusseldorf"),
    ))
    found = ids(result)
    base = min(found["ita:1"], found["ita:2"])
    assert {found["ita:1"], found["ita:2"]} == {base, f"{base}_2"}  # same name, country, year: told apart
    assert found["wp:1"] in (found["ita:1"], found["ita:2"])


def test_whole_fair_listing_does_not_join_two_phases() -> None:
    result = ids(match_fairs(frame(
        record("ita:1", "Canton Fair 2027", "2027-04-15", "2027-05-05", "Guangzhou", "CN"),
        record("ical:1", "Canton Fair 2027 Phase 1", "2027-04-15", "2027-04-19", "Guangzhou", "CN"),
        record("schema:1", "Canton Fair 2027 Phase 2", "2027-04-23", "2027-04-27", "Canton", "CN"),
    )))
    assert result["ical:1"] != result["schema:1"]


def test_conflicting_countries_are_not_joined_through_a_record_without_one() -> None:
    result = ids(match_fairs(frame(
        record("ita:1", "Automechanika 2027", "2027-06-08", "2027-06-11", None, "TR"),
        record("ical:1", "Automechanika 2027", "2027-06-08", "2027-06-11", None, None),
        record("wp:1", "Automechanika 2027", "2027-06-08", "2027-06-11", None, "ZA"),
    )))
    assert result["ita:1"] != result["wp:1"]


# ---------------------------------------------------------------------------------------------------
# Blocking
# ---------------------------------------------------------------------------------------------------

def synthetic(n_fairs: int, seed: int, days: int = 1095) -> pd.DataFrame:
    """Fairs in 12 cities of 6 countries over `days` days, each in 1-4 sources with a few variants."""
    rng = random.Random(seed)
    places = [("DE", "Köln"), ("DE", "Cologne"), ("DE", "München"), ("DE", "Berlin"), ("FR", "Paris"),
              ("FR", "Lyon"), ("IT", "Milano"), ("IT", "Verona"), ("US", "Las Vegas"), ("US", "Chicago"),
              ("CN", "Guangzhou"), ("AE", "Dubai")]
    syllables = ["ag", "ro", "me", "di", "ca", "tec", "nor", "vi", "sol", "ar", "te", "lux", "pro", "ma"]
    rows, fair = [], 0
    while fair < n_fairs:
        name = "".join(rng.choice(syllables) for _ in range(3)).capitalize() + rng.choice([" Expo", " Fair", ""])
        country, city = rng.choice(places)
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(0, days))
        end = start + timedelta(days=rng.randrange(1, 5))
        for source in rng.sample(["ita", "ical", "schema", "wp"], rng.randrange(1, 5)):
            rows.append(record(f"{source}:{fair}", name.upper() if source == "ita" else f"{name} {start.year}",
                               start.isoformat(), end.isoformat(),
                               None if source == "schema" and rng.random() < 0.2 else city,
                               None if source == "ical" and rng.random() < 0.2 else country) | {"truth": fair})
        fair += 1
    return pd.DataFrame(rows)


def test_blocking_compares_far_fewer_pairs_than_all() -> None:
    records = synthetic(3000, seed=11)
    result, stats = match_fairs_with_stats(records.drop(columns="truth"))
    assert stats.records == len(records) > 7000
    assert stats.candidate_pairs < stats.all_pairs / 1000  # n² / 2 is ~30 million here
    assert stats.scored_pairs <= stats.candidate_pairs and stats.linked_pairs <= stats.scored_pairs
    # ... and yet every edition is found whole: blocking lost no true pair.
    found = result.set_index("record_key")["fair_id"]
    truth = records.set_index("record_key")["truth"]
    assert found.groupby(truth).nunique().max() == 1


def test_candidates_grow_with_records_not_their_square() -> None:
    """Four times the fairs over four times the calendar (as more sources and years bring): about four times
    the candidate pairs, where comparing all pairs would take sixteen times as many."""
    small = match_fairs_with_stats(synthetic(1000, seed=3, days=365).drop(columns="truth"))[1]
    large = match_fairs_with_stats(synthetic(4000, seed=3, days=1460).drop(columns="truth"))[1]
    records, candidates = large.records / small.records, large.candidate_pairs / small.candidate_pairs
    assert 3.5 < records <= 4  # the setup: ~4x the records (a quadratic method would compare ~16x the pairs)
    assert candidates < 1.5 * records


@pytest.mark.parametrize("use_probe", [False, True])
def test_window_pairs_finds_exactly_the_overlapping_pairs(use_probe: bool) -> None:
    """The sorted-window join against brute force on random blocks, dates and probes."""
    rng = np.random.default_rng(5)
    n = 400
    block = rng.integers(-1, 6, n)
    start = rng.integers(0, 200, n)
    end = start + rng.integers(0, 12, n)
    probe = rng.random(n) < 0.3 if use_probe else None
    a, b = fm._window_pairs(block, start, end, probe)
    found = set(zip(a.tolist(), b.tolist(), strict=True))
    expected = {
        (i, j) for i in range(n) for j in range(i + 1, n)
        if block[i] >= 0 and block[i] == block[j]
        and start[i] <= end[j] + fm.DATE_SLACK_DAYS and start[j] <= end[i] + fm.DATE_SLACK_DAYS
        and (probe is None or probe[i] or probe[j])
    }
    assert len(found) == len(a)  # no pair twice
    assert found == expected


# ---------------------------------------------------------------------------------------------------
# Tables and diagnostics
# ---------------------------------------------------------------------------------------------------

def test_every_place_alias_leads_to_a_geonames_city() -> None:
    gazetteer_keys = set(fm._gazetteer().key)
    for (place, country), target in fm.PLACE_ALIASES.items():
        assert city_key(place, country) in gazetteer_keys, place
        assert city_key(place, country) == city_key(target, country), place


def test_every_known_alias_maps_to_its_canonical_name() -> None:
    for alias, canonical in fm.KNOWN_ALIASES:
        assert name_key(alias) == name_key(canonical), alias


def test_explain_pair_names_the_failed_rules() -> None:
    text = fm.explain_pair(frame(
        record("ita:1", "MEDICA 2027", "2027-11-15", "2027-11-18", "Düsseldorf"),
        record("wp:1", "COMPAMED 2027", "2027-11-15", "2027-11-18", "Düsseldorf"),
    ))
    assert text.startswith("name ") and "same city dusseldorf" in text and text.endswith("fails: name below 90")
    text = fm.explain_pair(frame(
        record("ita:1", "MEDICA 2027", "2027-11-15", "2027-11-18", "Düsseldorf"),
        record("wp:1", "MEDICA 2026", "2026-11-16", "2026-11-19", "Düsseldorf"),
    ))
    assert "fails: dates do not overlap" in text
