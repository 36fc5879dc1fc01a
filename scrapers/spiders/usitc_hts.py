"""USITC Harmonized Tariff Schedule of the United States (HTSUS): the rates of every tariff line.

Walk: one REST export per range in the registry's params (`chapters`: "04" is the whole chapter,
from=0401&to=0499; "0401-0402" a range of headings; "2901" one heading), each answered with a JSON
array of rows (`htsno`, `indent`, `description`, `superior`, `units`, `general`, `special`, `other`,
`footnotes`, `quotaQuantity`, `additionalDuties`, `addiitionalDuties`). One callback reads any such
document, so `tradepoint parse usitc_hts FILE` works on a saved export or on a per-revision
`hts_YYYY_revision_N_json.json` file. Evidence for the format: scrapers/recorded/usitc_hts/README.md.

What becomes of a row (details and reasons in the README):
* hierarchy from `indent` (a stack); rows without `htsno` (`superior` "true") are headers: they
  group lines but are no line themselves. Every numbered line of 6, 8 or 10 digits is a
  CommodityItem (national_code = the digits, goods_nomenclature_sid = htsno as published,
  parent_sid = the nearest numbered line above it, description = the row's own text, units = the
  row's own units); 4-digit headings are only parents. A line is declarable (leaf) when no numbered
  line hangs under it.
* rates: a line without rates takes them from the nearest numbered line above it that has some (the
  8-digit rate line above its 10-digit statistical lines). Each declarable line gets one measure per
  column: "general" (partner ALL), "special" one per program code of the special text, "other"
  (column 2, partner COLUMN2), all valid from the revision's effective date (registry params).
* chapter 99: a footnote naming a 9903.xx.xx line gives an "additional" measure; its duty text is the
  9903 line's text in the footnote's column (`general`, or `other` for a column-2 footnote) when the
  crawl included that line (params `chapter99` ranges), else "". Its partner is the one country the
  9903 line's description names ("articles the product of China" -> CN), else ALL (or COLUMN2).
* programs: members as the registry lists them; `members: column1` (K, L: "the product of a country
  eligible for tariff treatment under column 1") expands to every ISO 3166 country outside column 2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pycountry
import scrapy
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import CommodityItem, PartnerGroupItem, TariffMeasureItem
from transforms.countries import country_code

ENDPOINT = "https://hts.usitc.gov/reststop/exportList"
# Row keys the spider maps; `quotaQuantity`, `additionalDuties` and the misspelt `addiitionalDuties`
# have no item field and are counted as unmapped when they carry a value.
ROW_FIELDS = frozenset({"htsno", "indent", "description", "superior", "units", "general", "special", "other",
                        "footnotes"})
RATE_COLUMNS = ("general", "special", "other")
DECLARABLE_SUFFIX = "80"
ALL = "ALL"
COLUMN2 = "COLUMN2"
MEASURE_TYPES = {
    "general": "Column 1 general rate of duty",
    "special": "Column 1 special rate of duty",
    "other": "Column 2 rate of duty",
    "additional": "Chapter 99 additional duty",
}
GENERAL_PARTNER_NAME = "Column 1 general (normal trade relations)"
ALL_ORIGINS = "All origins (the chapter 99 line names the origins it covers)"
# One group of a special text: the program codes in parentheses ("(A+,AU, BH)"), with the rate text
# published before it ("Free", "7.7¢/liter", "11¢/kg + 1.4%", "See 9822.04.05").
PROGRAM_GROUP = re.compile(r"\(\s*([A-Z]{1,2}[*+]?(?:\s*,\s*[A-Z]{1,2}[*+]?)*)\s*\)")
CHAPTER99_REF = re.compile(r"\b(9903\.\d{2}\.\d{2})\b")
# The origin a 9903 line names: "articles the product of China, as provided ...", "Articles the product of
# the Russian Federation, as ...", "Aluminum articles that are the product of Russia, or where ...".
CHAPTER99_ORIGIN = re.compile(r"\bproducts? of (?:the )?([A-Z][^,;:\[]*?)(?=\s*[,;:\[]| as |$)")
COLUMN1 = "column1"  # registry `members` of a program open to every origin eligible for column 1
RANGE = re.compile(r"^(\d{2}|\d{4}(?:\.\d{2}){0,3})(?:-(\d{4}(?:\.\d{2}){0,3}))?$")


def export_range(entry: str) -> tuple[str, str]:
    """A registry `chapters` entry as the export's (from, to): "04" -> ("0401", "0499"),
    "0401-0402" -> ("0401", "0402"), "2901" -> ("2901", "2901"), "9903.88-9903.89" likewise."""
    match = RANGE.match(entry.strip())
    if match is None:
        raise ValueError(f"usitc_hts: range {entry!r} is not a chapter (04), a heading (0401) or a range (0401-0402)")
    start, end = match.groups()
    if len(start) == 2:
        if end is not None:
            raise ValueError(f"usitc_hts: range {entry!r}: a chapter takes no end")
        return f"{start}01", f"{start}99"
    return start, end or start


def export_url(start: str, end: str) -> str:
    return f"{ENDPOINT}?from={start}&to={end}&format=JSON&styles=false"


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


@dataclass
class Line:
    """One numbered row of a document, placed in the hierarchy."""

    row: dict[str, Any]
    htsno: str
    indent: int
    parent: Line | None
    children: int = 0
    notes: list[tuple[frozenset[str], str]] = field(default_factory=list)

    @property
    def digits(self) -> str:
        return re.sub(r"\D", "", self.htsno)

    @property
    def has_rates(self) -> bool:
        return any(text(self.row.get(column)) for column in RATE_COLUMNS)

    @property
    def declarable(self) -> bool:
        return self.children == 0 and not text(self.row.get("description")).endswith(":")

    def rate_line(self) -> Line | None:
        """This line if it publishes rates, else the nearest numbered line above it that does."""
        line: Line | None = self
        while line is not None and not line.has_rates:
            line = line.parent
        return line


class UsitcHtsSpider(TradePointSpider):
    """Crawls the HTSUS rates of duty (`reporter` US) from the USITC REST export."""

    name = "usitc_hts"

    def __init__(self, chapters: str | None = None, chapter99: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        self.reporter = str(params.get("reporter", "US")).upper()
        self.chapters = [export_range(entry) for entry in
                         (chapters.split(",") if isinstance(chapters, str) else params.get("chapters", []))]
        self.chapter99 = [export_range(entry) for entry in
                          (chapter99.split(",") if isinstance(chapter99, str) else params.get("chapter99", []))]
        self.revision = params.get("revision")
        self.revision_effective = str(params["revision_effective"])
        self.programs: dict[str, dict[str, Any]] = params.get("programs", {})
        self.column2: dict[str, Any] = params.get("column2", {})
        self.chapter99_lines: dict[str, dict[str, Any]] = {}  # 9903 htsno -> row, from any document read
        self.pending99 = 0

    async def start(self) -> Any:
        """Chapter 99 ranges first (their lines give the additional duties' rates), then the chapters."""
        if self.chapter99:
            self.pending99 = len(self.chapter99)
            for start, end in self.chapter99:
                yield scrapy.Request(export_url(start, end), callback=self.parse, errback=self.chapter99_failed,
                                     meta={"chapter99": True})
            return
        for request in self.chapter_requests():
            yield request

    def chapter_requests(self) -> Iterator[scrapy.Request]:
        for start, end in self.chapters:
            yield scrapy.Request(export_url(start, end), callback=self.parse)

    def chapter99_done(self) -> Iterator[scrapy.Request]:
        self.pending99 -= 1
        if self.pending99 == 0:
            yield from self.chapter_requests()

    def chapter99_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        self.logger.error("usitc_hts: chapter 99 range failed, additional duties keep an empty rate: %s", failure)
        yield from self.chapter99_done()

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any export document: a JSON array of HTS rows."""
        try:
            rows = json.loads(response.body)
        except ValueError as err:
            raise ValueError(f"usitc_hts: {response.url}: not a JSON document ({err})") from err
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ValueError(f"usitc_hts: {response.url}: expected a JSON array of HTS rows, got {type(rows).__name__}")
        base = {**self.provenance(response), "reporter": self.reporter}
        for row in rows:
            if text(row.get("htsno")).startswith("99"):
                self.chapter99_lines[text(row.get("htsno"))] = row
        yield from self.parse_rows(rows, base)
        meta = response.request.meta if response.request is not None else {}
        if meta.get("chapter99"):
            yield from self.chapter99_done()

    def parse_rows(self, rows: list[dict[str, Any]], base: dict[str, str]) -> Iterator[Any]:
        lines = list(self.hierarchy(rows))
        codes_seen: dict[str, None] = {}
        column2_seen = False
        for line in lines:
            if line.digits.startswith("99"):
                continue  # chapter 99 lines are read for their rates only (see parse)
            if len(line.digits) < 6:
                continue  # chapters and headings are parents only
            commodity = self.commodity_item(line, base)
            yield commodity
            if not line.declarable:
                continue
            for measure in self.measures(line, commodity, base):
                if measure.measure_type == "special":
                    codes_seen[measure.partner] = None
                column2_seen = column2_seen or measure.partner == COLUMN2
                yield measure
        yield from self.partner_groups(codes_seen, column2_seen, base)

    def hierarchy(self, rows: list[dict[str, Any]]) -> Iterator[Line]:
        """Numbered rows with their parent (nearest numbered row of lower indent); headers only group."""
        stack: list[tuple[int, Line | None]] = []
        for row in rows:
            self.report_unmapped("row", [key for key, value in row.items() if value not in (None, "", [])], ROW_FIELDS)
            indent = int(text(row.get("indent")) or 0)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            htsno = text(row.get("htsno"))
            if not htsno:
                stack.append((indent, None))
                continue
            parent = next((line for _, line in reversed(stack) if line is not None), None)
            line = Line(row=row, htsno=htsno, indent=indent, parent=parent, notes=self.footnotes(row))
            if parent is not None:
                parent.children += 1
            stack.append((indent, line))
            yield line

    def footnotes(self, row: dict[str, Any]) -> list[tuple[frozenset[str], str]]:
        """(columns, text) of each footnote, text stripped of the padding it is published with."""
        notes = []
        for note in row.get("footnotes") or []:
            self.report_unmapped("footnote", note, frozenset({"columns", "value", "type", "marker"}))
            value = text(note.get("value"))
            if value:
                notes.append((frozenset(note.get("columns") or []), value))
        return notes

    def commodity_item(self, line: Line, base: dict[str, str]) -> CommodityItem:
        return CommodityItem(
            **base,
            national_code=line.digits,
            producline_suffix=DECLARABLE_SUFFIX,
            description=text(line.row.get("description")),
            number_indents=line.indent,
            declarable=line.declarable,
            leaf=line.declarable,
            goods_nomenclature_sid=line.htsno,
            parent_sid=line.parent.htsno if line.parent is not None else None,
            units=[text(unit) for unit in line.row.get("units") or [] if text(unit)],
        )

    def measures(self, line: Line, commodity: CommodityItem, base: dict[str, str]) -> Iterator[TariffMeasureItem]:
        rated = line.rate_line()
        if rated is None:
            self.count("usitc_hts/declarable_without_rate")
            return
        notes = list(dict.fromkeys([*rated.notes, *(line.notes if rated is not line else [])]))

        def measure(measure_type: str, partner: str, partner_name: str | None, duty_text: str, column: str | None,
                    sid_part: str | None = None, additional_code: str | None = None,
                    extra_notes: Iterable[str] = (), description: str | None = None) -> TariffMeasureItem:
            return TariffMeasureItem(
                **base,
                national_code=commodity.national_code,
                producline_suffix=commodity.producline_suffix,
                measure_sid=f"{line.htsno}:{measure_type}:{sid_part or partner}",
                measure_type=measure_type,
                measure_type_description=description or MEASURE_TYPES[measure_type],
                partner=partner,
                partner_name=partner_name,
                duty_text=duty_text,
                valid_from=self.revision_effective,
                valid_to=None,
                additional_code=additional_code,
                footnotes=[*(self.notes_for(notes, column) if column else []), *extra_notes],
            )

        general = text(rated.row.get("general"))
        if general:
            yield measure("general", ALL, GENERAL_PARTNER_NAME, general, "general")
        yield from self.special_measures(text(rated.row.get("special")), line, measure)
        other = text(rated.row.get("other"))
        if other:
            yield measure("other", COLUMN2, self.column2.get("name"), other, "other")
        yield from self.additional_measures(notes, measure)

    @staticmethod
    def notes_for(notes: list[tuple[frozenset[str], str]], column: str) -> list[str]:
        """The footnotes of one rate column, plus those of the line as a whole (description, units)."""
        return [value for columns, value in notes if column in columns or not columns & set(RATE_COLUMNS)]

    def special_measures(self, special: str, line: Line, measure: Any) -> Iterator[TariffMeasureItem]:
        """One measure per program code of the special column; each group's rate applies to its codes.
        A cross-reference ("See 9822.04.05 (AU)") publishes no rate here: empty duty, reference kept."""
        if not special:
            return
        position, seen = 0, set()
        for match in PROGRAM_GROUP.finditer(special):
            rate = special[position:match.start()].strip()
            position = match.end()
            cross_reference = rate.startswith("See ")
            for code in (part.strip() for part in match.group(1).split(",")):
                if code in seen:
                    self.count("usitc_hts/special_duplicate_code")
                    continue
                seen.add(code)
                partner = code.rstrip("*+")
                program = self.programs.get(partner)
                if program is None:
                    self.count(f"usitc_hts/unknown_program/{partner}")
                variant = (program or {}).get("variants", {}).get(code)
                yield measure("special", partner, program.get("name") if program else None,
                              "" if cross_reference else rate, "special", sid_part=code,
                              additional_code=code[len(partner):] or None,
                              extra_notes=[f"{rate} ({code})"] if cross_reference else [],
                              description=f"{MEASURE_TYPES['special']} ({code}: {variant})" if variant else None)
        if special[position:].strip() or not seen:
            self.count("usitc_hts/special_text_not_understood")
            self.logger.warning("usitc_hts: %s: special text not fully read: %r", line.htsno, special)

    def additional_measures(self, notes: list[tuple[frozenset[str], str]], measure: Any) -> Iterator[TariffMeasureItem]:
        """An "additional" measure per chapter-99 line a rate footnote names: on the one country the 9903
        line names, else on ALL origins, or on the column-2 countries when only the column-2 rate carries
        the footnote (its rate then comes from the 9903 line's column 2). `measure_sid` keeps the column's
        partner, so the id does not depend on whether the crawl read the 9903 line."""
        done = set()
        for columns, value in notes:
            for ref in CHAPTER99_REF.findall(value):
                column = "other" if columns and columns <= {"other"} else "general"
                partner = COLUMN2 if column == "other" else ALL
                if (ref, partner) in done:
                    continue
                done.add((ref, partner))
                line99 = self.chapter99_lines.get(ref) or {}
                origin = self.origin_of(ref, text(line99.get("description"))) if line99 else None
                extra = [value] + ([f"{ref}: {text(line99.get('description'))}"] if line99 else [])
                name = origin[1] if origin else ALL_ORIGINS if partner == ALL else self.column2.get("name")
                yield measure("additional", origin[0] if origin else partner, name, text(line99.get(column)), None,
                              sid_part=f"{partner}:{ref}", additional_code=ref, extra_notes=extra)

    def origin_of(self, ref: str, description: str) -> tuple[str, str] | None:
        """(ISO-2, name as published) of the one country a 9903 line's description names as the origin
        of the goods it covers; None (counted) when it names none, several, or one not known to ISO."""
        names = {name.strip() for name in CHAPTER99_ORIGIN.findall(description)}
        codes = {country_code(name) for name in names}
        if len(names) == 1 and None not in codes:
            return codes.pop(), names.pop()
        self.count("usitc_hts/chapter99_origin_not_read")
        self.logger.info("usitc_hts: %s: no single origin country in its description: %r", ref, description[:120])
        return None

    def partner_groups(self, codes: dict[str, None], column2: bool, base: dict[str, str]) -> Iterator[PartnerGroupItem]:
        """The special programs named by this document's measures, and column 2, with their members as
        listed in the registry (params `programs`, `column2`: data with its evidence, not code)."""
        for code in codes:
            program = self.programs.get(code, {})
            members = program.get("members", [])
            if members == COLUMN1:
                excluded = set(self.column2.get("members", []))
                members = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in excluded)
            yield PartnerGroupItem(**base, group_id=code, group_name=program.get("name"), members=list(members))
        if column2:
            yield PartnerGroupItem(**base, group_id=COLUMN2, group_name=self.column2.get("name"),
                                   members=list(self.column2.get("members", [])))

    def count(self, key: str) -> None:
        stats = self.crawler.stats if hasattr(self, "crawler") else None
        if stats is not None:
            stats.inc_value(key)
