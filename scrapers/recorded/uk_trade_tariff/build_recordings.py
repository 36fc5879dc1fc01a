"""Build the recorded UK Trade Tariff API v2 responses used to replay the spider offline.

Two tariffs, one builder: the GB tariff (``/api/v2/``, chapters 01, 10, 18, 22) and the Northern Ireland
tariff (``/xi/api/v2/``, reporter XI, chapter 10; files ``xi_*.json``). ``WALK`` lists the chapters of each,
as the registry's ``params.reporters`` does.

The documents are *constructed*: no live answer is copied. Every document shape mirrors a real
response or the API's own serializer/spec, and values follow the real UK Global Tariff (GB) or the EU
tariff applied in Northern Ireland (XI) where known.

Evidence per document shape (see README.md for the full list with commits):

* XI ``commodities/{10 digits}`` -- ``../shared/samples/uk_trade_tariff/ni_commodities_api_v2_response_
  1006101000.json``, a newer serializer generation than the GB samples: measure attributes
  ``reduction_indicator``, ``meursing``, ``resolved_duty_expression``, ``universal_waiver_applies``,
  ``resolved_measure_components``, measure ``meta.duty_calculator`` (source "xi", scheme_code), measure types
  in the long form, legal acts with ``description``, measure conditions with action codes and guidance,
  components with empty ``relationships``, ``meta.duty_calculator.source`` "xi". The sample is only read
  for its format: every XI line, 1006101000 included, is constructed (EU CN rates, agreements and controls
  from the reference tables, seeded measure and condition ids), none is transcribed from it.

* ``commodities/{10 digits}`` -- the GB commodity document, 2021/22 serializer generation:
  ``../shared/samples/uk_trade_tariff/gb_commodities_api_v2_response_1006101000.json`` (data attributes,
  relationships, meta.duty_calculator, every ``included`` type: measure, duty_expression, measure_type,
  legal_act, measure_condition, measure_component, geographical_area with children_geographical_areas,
  footnote, order_number + definition, additional_code) and the order in which ``included`` is emitted
  (dependencies of each measure first, then the measure, each object once).
* ``headings/{4 digits}`` (non-declarable) -- ``gb_headings_api_v2_response_1103.json`` and
  ``gb_commodities_api_v2_response_0101000000.json``: commodity tree (number_indents, leaf, parent_sid,
  producline_suffix), abbreviated overview measures, measure_type with the long attribute set.
* ``headings/{4 digits}`` (declarable heading) -- futureborders/hmrc-trade-tariff-api-client
  ``src/test/resources/gb_commodities_api_v2_response_1109000000.json`` (data.type "heading" with
  import_measures/export_measures and meta.duty_calculator) and trade-tariff-backend
  ``app/serializers/api/v2/headings/declarable_heading_serializer.rb``.
* ``chapters/{2 digits}`` -- ``gb_commodities_api_v2_response_6300000000.json`` (chapter document:
  relationships section/guides/headings, included section/guide/headings) and trade-tariff-backend
  ``app/serializers/api/v2/chapters/chapter_serializer.rb``.
* ``sections`` and ``sections/{position}`` -- trade-tariff-backend ``app/controllers/api/v2/
  sections_controller.rb`` + ``app/serializers/api/v2/sections/section_serializer.rb``,
  bitzesty/trade-tariff-backend ``app/serializers/api/v2/sections/section_list_serializer.rb`` and the
  examples in trade-tariff/trade-tariff-api-docs ``source/v2/openapi.yaml``.
* ``duty_expression.base`` / ``formatted_base`` -- built from the measure components exactly like
  trade-tariff-backend ``app/formatters/duty_expression_formatter.rb`` (components joined by " ").
  Checked against published strings: "428.00 GBP / 1000 kg", "223.00 GBP / 1000 kg" (samples),
  "16.00 GBP / hl", "28.74 GBP / l alc. 100%" (stw-trade-tariff-api tax_duty.feature),
  "0.50 GBP / % vol/hl + 2.60 GBP / hl" and its formatted form (trade-tariff-duty-calculator specs),
  "<span>35.10</span> EUR / <abbr title='Hectokilogram'>100 kg</abbr>", "... MIN 7.20 EUR / hl".

Rates: UK Global Tariff specific duties are the EU CET amounts converted at EUR 1 = GBP 0.83687 and
rounded down (to the pound per 1000 kg, to 10p otherwise); ad valorem rates are rounded down to the
UKGT bands. That rule reproduces every specific rate in the samples (1103: 223/155/144/143/137/115/82;
1109: 428) and the published 16.00 GBP / hl and 0.50 GBP / % vol/hl + 2.60 GBP / hl. Rates that come
from that rule and not from a published UK document are listed as unverified in README.md.

Run: ``.venv/bin/python scrapers/recorded/uk_trade_tariff/build_recordings.py`` (deterministic: the
same files byte for byte on every run; ``--verify`` only checks the existing files).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
SITE = "https://www.trade-tariff.service.gov.uk"
API_ROOTS = {"GB": f"{SITE}/api/v2/", "XI": f"{SITE}/xi/api/v2/"}
API = API_ROOTS["GB"]
# reporter -> chapters recorded (the registry's params.reporters, scrapers/sources.yaml)
WALK = {"GB": ["01", "10", "18", "22"], "XI": ["10"]}
FILE_PREFIX = {"GB": "", "XI": "xi_"}
BTI_URL = "https://www.gov.uk/guidance/check-what-youll-need-to-get-a-legally-binding-decision-on-a-commodity-code"


def ts(day: str) -> str:
    return f"{day}T00:00:00.000Z"


def te(day: str) -> str:
    return f"{day}T23:59:59.000Z"


def ref(obj_type: str, obj_id: str) -> dict:
    return {"id": obj_id, "type": obj_type}


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------

COUNTRIES = {
    'AD': 'Andorra', 'AE': 'United Arab Emirates', 'AF': 'Afghanistan', 'AG': 'Antigua and Barbuda',
    'AI': 'Anguilla', 'AL': 'Albania', 'AM': 'Armenia', 'AO': 'Angola', 'AR': 'Argentina',
    'AT': 'Austria', 'AU': 'Australia', 'AZ': 'Azerbaijan', 'BA': 'Bosnia and Herzegovina',
    'BB': 'Barbados', 'BD': 'Bangladesh', 'BE': 'Belgium', 'BF': 'Burkina Faso', 'BG': 'Bulgaria',
    'BH': 'Bahrain', 'BI': 'Burundi', 'BJ': 'Benin', 'BM': 'Bermuda', 'BO': 'Bolivia',
    'BR': 'Brazil', 'BS': 'The Bahamas', 'BT': 'Bhutan', 'BW': 'Botswana', 'BY': 'Belarus',
    'BZ': 'Belize', 'CA': 'Canada', 'CD': 'Congo (Democratic Republic)',
    'CF': 'Central African Republic', 'CG': 'Congo', 'CH': 'Switzerland', 'CI': 'Ivory Coast',
    'CK': 'Cook Islands', 'CL': 'Chile', 'CM': 'Cameroon', 'CN': 'China', 'CO': 'Colombia',
    'CR': 'Costa Rica', 'CV': 'Cabo Verde', 'CY': 'Cyprus', 'CZ': 'Czechia', 'DE': 'Germany',
    'DJ': 'Djibouti', 'DK': 'Denmark', 'DM': 'Dominica', 'DO': 'Dominican Republic',
    'DZ': 'Algeria', 'EC': 'Ecuador', 'EE': 'Estonia', 'EG': 'Egypt', 'ER': 'Eritrea',
    'ES': 'Spain', 'ET': 'Ethiopia', 'EU': 'European Union', 'FI': 'Finland', 'FJ': 'Fiji',
    'FK': 'Falkland Islands', 'FM': 'Micronesia', 'FO': 'Faroe Islands', 'FR': 'France',
    'GB': 'United Kingdom', 'GD': 'Grenada', 'GE': 'Georgia', 'GH': 'Ghana', 'GM': 'The Gambia',
    'GN': 'Guinea', 'GR': 'Greece', 'GS': 'South Georgia and South Sandwich Islands',
    'GT': 'Guatemala', 'GW': 'Guinea-Bissau', 'GY': 'Guyana', 'HK': 'Hong Kong', 'HN': 'Honduras',
    'HR': 'Croatia', 'HT': 'Haiti', 'HU': 'Hungary', 'ID': 'Indonesia', 'IE': 'Ireland',
    'IL': 'Israel', 'IN': 'India', 'IO': 'British Indian Ocean Territory', 'IQ': 'Iraq',
    'IR': 'Iran', 'IS': 'Iceland', 'IT': 'Italy', 'JM': 'Jamaica', 'JO': 'Jordan', 'JP': 'Japan',
    'KE': 'Kenya', 'KG': 'Kyrgyzstan', 'KH': 'Cambodia', 'KI': 'Kiribati', 'KM': 'Comoros',
    'KN': 'St Kitts and Nevis', 'KR': 'South Korea', 'KW': 'Kuwait', 'KY': 'Cayman Islands',
    'KZ': 'Kazakhstan', 'LA': 'Laos', 'LB': 'Lebanon', 'LC': 'St Lucia', 'LI': 'Liechtenstein',
    'LK': 'Sri Lanka', 'LR': 'Liberia', 'LS': 'Lesotho', 'LT': 'Lithuania', 'LU': 'Luxembourg',
    'LV': 'Latvia', 'LY': 'Libya', 'MA': 'Morocco', 'MD': 'Moldova', 'ME': 'Montenegro',
    'MG': 'Madagascar', 'MK': 'North Macedonia', 'ML': 'Mali', 'MM': 'Myanmar (Burma)',
    'MN': 'Mongolia', 'MR': 'Mauritania', 'MS': 'Montserrat', 'MT': 'Malta', 'MU': 'Mauritius',
    'MW': 'Malawi', 'MX': 'Mexico', 'MY': 'Malaysia', 'MZ': 'Mozambique', 'NA': 'Namibia',
    'NE': 'Niger', 'NG': 'Nigeria', 'NI': 'Nicaragua', 'NL': 'Netherlands', 'NO': 'Norway',
    'NP': 'Nepal', 'NU': 'Niue', 'NZ': 'New Zealand', 'OM': 'Oman', 'PA': 'Panama', 'PE': 'Peru',
    'PG': 'Papua New Guinea', 'PH': 'Philippines', 'PK': 'Pakistan', 'PL': 'Poland',
    'PN': 'Pitcairn, Henderson, Ducie and Oeno Islands', 'PS': 'Occupied Palestinian Territories',
    'PT': 'Portugal', 'PY': 'Paraguay', 'QA': 'Qatar', 'RO': 'Romania', 'RU': 'Russia',
    'RW': 'Rwanda', 'SA': 'Saudi Arabia', 'SB': 'Solomon Islands', 'SC': 'Seychelles',
    'SD': 'Sudan', 'SE': 'Sweden', 'SG': 'Singapore',
    'SH': 'Saint Helena, Ascension and Tristan da Cunha', 'SI': 'Slovenia', 'SK': 'Slovakia',
    'SL': 'Sierra Leone', 'SM': 'San Marino', 'SN': 'Senegal', 'SO': 'Somalia', 'SR': 'Suriname',
    'SS': 'South Sudan', 'ST': 'Sao Tome and Principe', 'SV': 'El Salvador', 'SY': 'Syria',
    'SZ': 'Eswatini', 'TC': 'Turks and Caicos Islands', 'TD': 'Chad', 'TG': 'Togo',
    'TH': 'Thailand', 'TJ': 'Tajikistan', 'TL': 'East Timor', 'TN': 'Tunisia', 'TR': 'Turkey',
    'TT': 'Trinidad and Tobago', 'TV': 'Tuvalu', 'TW': 'Taiwan', 'TZ': 'Tanzania', 'UA': 'Ukraine',
    'UG': 'Uganda', 'US': 'United States', 'UY': 'Uruguay', 'UZ': 'Uzbekistan', 'VC': 'St Vincent',
    'VE': 'Venezuela', 'VG': 'British Virgin Islands', 'VN': 'Vietnam', 'VU': 'Vanuatu',
    'WS': 'Samoa', 'XC': 'Ceuta', 'XK': 'Kosovo', 'XL': 'Melilla', 'XS': 'Serbia', 'YE': 'Yemen',
    'ZA': 'South Africa', 'ZM': 'Zambia', 'ZW': 'Zimbabwe',
}

EU_MEMBERS = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "EU", "FI", "FR", "GR", "HR", "HU", "IE",
              "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]

# Geographical area groups (ids and descriptions as the UK tariff publishes them). Children of 1011 are
# the countries listed above (a realistic subset of the ~250 members).
GROUPS = {
    "1011": ("ERGA OMNES", sorted(COUNTRIES)),
    "1006": ("UK-Canada agreement: re-imported goods", ["GB"]),
    "1013": ("European Union", EU_MEMBERS),
    "1033": ("CARIFORUM", ["AG", "BB", "BS", "BZ", "DM", "DO", "GD", "GY", "JM", "KN", "LC", "SR", "TT", "VC"]),
    "1034": ("Eastern and Southern Africa States", ["MU", "SC", "ZW"]),
    "1035": ("SADC EPA", ["BW", "LS", "MZ", "NA", "SZ"]),
    "2005": ("GSP \u2013 Least Developed Countries",
             ["AF", "AO", "BD", "BF", "BI", "BJ", "BT", "CD", "CF", "DJ", "ER", "ET", "GM", "GN", "GW", "HT",
              "KH", "KI", "KM", "LA", "LR", "LS", "MG", "ML", "MM", "MR", "MW", "MZ", "NE", "NP", "RW", "SB",
              "SD", "SL", "SN", "SO", "SS", "ST", "TD", "TG", "TL", "TV", "TZ", "UG", "VU", "YE", "ZM"]),
    "2020": ("GSP \u2013 General Framework", ["CG", "CK", "FM", "ID", "IN", "NG", "NU", "SY", "TJ"]),
    "2027": ("GSP \u2013 Enhanced Framework", ["BO", "CV", "KG", "LK", "MN", "PH", "PK", "UZ"]),
    "2080": ("OCTs (Overseas Countries and Territories)",
             ["AI", "BM", "FK", "GS", "IO", "KY", "MS", "PN", "SH", "TC", "VG"]),
    "2200": ("Central America", ["CR", "GT", "HN", "NI", "PA", "SV"]),
}

# id -> (description, measure type series)
MEASURE_TYPES = {
    "103": ("Third country duty", "C"),
    "105": ("Non preferential duty under authorised use", "C"),
    "109": ("Supplementary unit", "O"),
    "122": ("Non preferential tariff quota", "C"),
    "123": ("Non preferential tariff quota under authorised use", "C"),
    "142": ("Tariff preference", "C"),
    "143": ("Preferential tariff quota", "C"),
    "305": ("Value added tax", "P"),
    "306": ("Excises", "Q"),
    "350": ("Animal Health Certificate", "B"),
    "360": ("Phytosanitary Certificate (import)", "B"),
    "750": ("Import control of organic products", "B"),
}

# (measurement unit code, qualifier) -> (abbreviation, description used as <abbr title>)
UNITS = {
    ("TNE", None): ("1000 kg", "Tonne"),
    ("DTN", None): ("100 kg", "Hectokilogram"),
    ("HLT", None): ("hl", "Hectolitre"),
    ("ASV", "X"): ("% vol/hl", "%vol"),
    ("LPA", None): ("l alc. 100%", "Litre pure (100 %) alcohol"),
    ("NAR", None): ("p/st", "Number of items"),
}
ABBR_TO_UNIT = {abbr: key for key, (abbr, _title) in UNITS.items()}

# duty expression id -> (description, abbreviation)
DUTY_EXPRESSIONS = {
    "01": ("% or amount", "%"),
    "04": ("+ % or amount", "+"),
    "15": ("Minimum", "MIN"),
    "17": ("Maximum", "MAX"),
    "19": ("+ % or amount", "+"),
    "20": ("+ % or amount", "+"),
    "99": ("Supplementary unit", None),
}

# meta.duty_calculator.applicable_measure_units entries. TNE, HLT and LPA are as published (1109000000 and
# 2207100090 responses); DTN and ASV follow the same pattern (unverified wording).
APPLICABLE_UNITS = {
    "TNE": {"measurement_unit_code": "TNE", "measurement_unit_qualifier_code": "", "abbreviation": "1,000 kg",
            "unit_question": "What is the weight of the goods you will be importing?",
            "unit_hint": "Enter the value in tonnes (1,000 kg)", "unit": "tonnes"},
    "DTN": {"measurement_unit_code": "DTN", "measurement_unit_qualifier_code": "", "abbreviation": "100 kg",
            "unit_question": "What is the weight of the goods you will be importing?",
            "unit_hint": "Enter the value in decitonnes (100 kg)", "unit": "x 100 kg"},
    "HLT": {"measurement_unit_code": "HLT", "measurement_unit_qualifier_code": "", "abbreviation": "hl",
            "unit_question": "What is the volume of the goods that you will be importing?",
            "unit_hint": "Enter the value in hectolitres (100 litres)", "unit": "x 100 litres"},
    "ASV": {"measurement_unit_code": "ASV", "measurement_unit_qualifier_code": "X", "abbreviation": "% vol",
            "unit_question": "What is the alcohol percentage (%) of the goods you are importing?",
            "unit_hint": "Enter the alcohol by volume (ABV) percentage", "unit": "percent"},
    "LPA": {"measurement_unit_code": "LPA", "measurement_unit_qualifier_code": "", "abbreviation": "l alc. 100%",
            "unit_question": "What is the volume of pure alcohol in the goods you will be importing?",
            "unit_hint": "Enter the value in litres", "unit": "litres"},
}


def _eurlex(year: int) -> str:
    return (f"http://eur-lex.europa.eu/search.html?whOJ=NO_OJ%3D,YEAR_OJ%3D{year},PAGE_FIRST%3D0001"
            "&DB_COLL_OJ=oj-1&type=advanced&lang=en")


def _legal_act(act_id: str, start: str, published: str, code: str, oj: bool = True) -> dict:
    year = int(published[:4])
    if oj:
        journal = {"officialjournal_number": "1", "officialjournal_page": 1}
        url = _eurlex(year)
    else:
        journal = {"officialjournal_number": None, "officialjournal_page": None}
        url = ("http://eur-lex.europa.eu/search.html?instInvStatus=ALL&or0=DN%3D32019V70AT*,"
               "DN-old%3D32019V70AT*&DTC=false&type=advanced")
    return {"id": act_id, "type": "legal_act", "attributes": {
        "validity_start_date": ts(start), "validity_end_date": None, **journal,
        "published_date": published, "regulation_code": code, "regulation_url": url}}


LEGAL_ACTS = {a["id"]: a for a in [
    _legal_act("C2100001", "2021-01-01", "2021-01-01", "C0000/21"),   # UK Global Tariff (103)
    _legal_act("C2100002", "2021-01-01", "2021-01-01", "C0000/21"),   # GSP
    _legal_act("C2100003", "2021-01-01", "2021-01-01", "C0000/21"),   # authorised use
    _legal_act("C2100006", "2021-01-01", "2021-01-01", "C0000/21"),   # preferences, preferential quotas
    _legal_act("C2100010", "2021-01-01", "2021-01-01", "C0001/21"),   # phytosanitary
    _legal_act("C2100270", "2021-01-01", "2021-01-01", "C0027/21"),   # animal health
    _legal_act("C2100011", "2021-01-01", "2021-01-01", "C0001/21"),   # supplementary units
    _legal_act("Q2014320", "2021-01-01", "2020-12-15", "Q1432/20"),   # WTO quotas
    _legal_act("X1906930", "2021-01-01", "2019-03-26", "X0693/19"),   # organic
    _legal_act("P2102410", "2021-03-05", "2021-03-03", "P0241/21"),   # UK-Ghana
    _legal_act("P2103010", "2021-03-01", "2021-02-25", "P0301/21"),   # UK-Kenya
    _legal_act("P2104650", "2021-05-01", "2021-04-28", "P0465/21"),   # UK-Albania, UK-Jordan
    _legal_act("P2105200", "2021-05-20", "2021-05-18", "P0520/21"),   # UK-Serbia
    _legal_act("V1970ATZ", "1970-01-01", "1970-01-01", "V70AT/19", oj=False),   # VAT zero rate
    _legal_act("V1970ATS", "1970-01-01", "1970-01-01", "V70AT/19", oj=False),   # VAT standard rate
    _legal_act("X1970EXC", "1970-01-01", "1970-01-01", "X70EX/19", oj=False),   # excise
]}


def _footnote(fid: str, code: str, text: str) -> dict:
    return {"id": fid, "type": "footnote",
            "attributes": {"code": code, "description": text, "formatted_description": text}}


FOOTNOTES = {f["id"]: f for f in [
    _footnote("701", "TN701",
              "According to the Council Regulation (EU) No 692/2014 (OJ L183, p. 9) it shall be prohibited to "
              "import into European Union goods originating in Crimea or Sevastopol.<br>The prohibition shall "
              "not apply in respect of: <br>(a) the execution until 26 September 2014, of trade contracts "
              "concluded before 25 June 2014, or of ancillary contracts necessary for the execution of such "
              "contracts, provided that the natural or legal persons, entity or body seeking to perform the "
              "contract have notified, at least 10 working days in advance, the activity or transaction to the "
              "competent authority of the Member State in which they are established. <br>(b) goods originating "
              "in Crimea or Sevastopol which have been made available to the Ukrainian authorities for "
              "examination, for which compliance with the conditions conferring entitlement to preferential "
              "origin has been verified and for which a certificate of origin has been issued in accordance with "
              "Regulation (EU) No 978/2012 and Regulation (EU) No 374/2014 or in accordance with the "
              "EU-Ukraine Association Agreement."),
    _footnote("CD727", "CD727",
              "Eligibility to benefit from this preference is subject to the presentation of an origin "
              "declaration stating the European Union origin of the goods, in the context of the "
              "Canada-European Union Comprehensive Economic and Trade Agreement (CETA)."),
    _footnote("03026", "03026", "UK VAT zero rate"),
    _footnote("PR009", "PR009",
              "Contact Details for lead Government Department are as follows: <P> <P>Plant and Plant products "
              "<P>Plant Health and Seeds Inspectorate <P>Defra <P>Foss House , <P>Kings Pool <P>1-2 Peasholme "
              "Green <P>York . <P>YO1 7PX <P>Telephone: 01904 455174 <P>Email: planthealth.info&#64;defra.gsi.gov.uk"),
    _footnote("CD808", "CD808",
              "If goods bear a reference to organic production in the labelling, advertising or accompanying "
              "documents, the declarant has to present the certificate of inspection C644 as referred to in the "
              "Article 33(1)(d) of the Regulation (EC) No 834/2007 (equivalent products). If the goods are not "
              "equivalent products, code Y929 must be declared.<br>"),
]}

ADDITIONAL_CODES = {
    "VATZ": ("-1009206007", "VAT zero rate"),
    "2600": ("14402", "The product I am importing is COVID-19 critical"),
    "2601": ("14403", "The product I am importing is not COVID-19 critical"),
    "X451": ("-1009205451", "451 - Spirits other than UK-produced whisky"),
}


def additional_code_obj(code: str) -> dict:
    sid, text = ADDITIONAL_CODES[code]
    return {"id": sid, "type": "additional_code",
            "attributes": {"code": code, "description": text, "formatted_description": text}}


# Measure condition templates: (condition code, document code, requirement, action)
COND_LABEL = {"B": "B: Presentation of a certificate/licence/document",
              "Q": "Q: Presentation of an endorsed certificate/licence"}
CONDITIONS = {
    "ceta": [("Q", "U088", "Proofs of origin: Origin declaration stating European Union origin, in the "
              "context of the Canada-European Union Comprehensive Economic and Trade Agreement (CETA)",
              "Apply the mentioned duty"),
             ("Q", "", None, "Measure not applicable")],
    "phyto": [("B", "N851", "UN/EDIFACT certificates: Phytosanitary certificate",
               "Entry into free circulation allowed"),
              ("B", "", None, "The entry into free circulation is not allowed")],
    "organic": [("B", "C644", "Other certificates: Certificate of inspection for organic products",
                 "Import/export allowed after control"),
                ("B", "Y929", "Particular provisions: Goods not concerned by Regulation (EC) No 834/2007 "
                 "(organic products)", "Import/export allowed after control"),
                ("B", "", None, "Import/export not allowed after control")],
    "animal": [("B", "C640", "Other certificates: Common Health Entry Document for Animals (CHED-A)",
                "Import/export allowed after control"),
               ("B", "", None, "Import/export not allowed after control")],
}

GUIDES = {
    "9": ("Herbal medicines, tonics and supplements",
          "https://www.gov.uk/guidance/classifying-herbal-medicines-supplements-tonics"),
    "17": ("Rice", "https://www.gov.uk/guidance/classifying-rice"),
    "23": ("Classification of goods", "https://www.gov.uk/government/collections/classification-of-goods"),
}


def guide_obj(gid: str) -> dict:
    title, url = GUIDES[gid]
    return {"id": gid, "type": "guide", "attributes": {"title": title, "url": url}}


# --------------------------------------------------------------------------------------------
# Sections and chapters
# --------------------------------------------------------------------------------------------

PELLETS_NOTE = ("1. In this section the term 'pellets' means products which have been agglomerated either "
                "directly by compression or by the addition of a binder in a proportion not exceeding 3% by "
                "weight.\r\n")

# position: (numeral, title, chapter_from, chapter_to, section_note_id, section_note)
SECTIONS = {
    1: ("I", "Live animals; animal products", "01", "05", 5,
        "1. Any reference in this section to a particular genus or species of an animal, except where the "
        "context otherwise requires, includes a reference to the young of that genus or species.\r\n\r\n"
        "2. Except where the context otherwise requires, throughout the classification any reference to "
        "'dried' products also covers products which have been dehydrated, evaporated or freeze-dried.\r\n"),
    2: ("II", "Vegetable products", "06", "14", 6, PELLETS_NOTE),
    3: ("III", "Animal or vegetable fats and oils and their cleavage products; prepared edible fats; animal "
        "or vegetable waxes", "15", "15", None, None),
    4: ("IV", "Prepared foodstuffs; beverages, spirits and vinegar; tobacco and manufactured tobacco "
        "substitutes", "16", "24", 7, PELLETS_NOTE),
    5: ("V", "Mineral products", "25", "27", None, None),
    6: ("VI", "Products of the chemical or allied industries", "28", "38", 8, None),
    7: ("VII", "Plastics and articles thereof; rubber and articles thereof", "39", "40", 9, None),
    8: ("VIII", "Raw hides and skins, leather, furskins and articles thereof; saddlery and harness; travel "
        "goods, handbags and similar containers; articles of animal gut (other than silk-worm gut)",
        "41", "43", None, None),
    9: ("IX", "Wood and articles of wood; wood charcoal; cork and articles of cork; manufactures of straw, "
        "of esparto or of other plaiting materials; basketware and wickerwork", "44", "46", None, None),
    10: ("X", "Pulp of wood or of other fibrous cellulosic material; recovered (waste and scrap) paper or "
         "paperboard; paper and paperboard and articles thereof", "47", "49", None, None),
    11: ("XI", "Textiles and textile articles", "50", "63", 10, None),
    12: ("XII", "Footwear, headgear, umbrellas, sun umbrellas, walking sticks, seat-sticks, whips, "
         "riding-crops and parts thereof; prepared feathers and articles made therewith; artificial "
         "flowers; articles of human hair", "64", "67", None, None),
    13: ("XIII", "Articles of stone, plaster, cement, asbestos, mica or similar materials; ceramic products; "
         "glass and glassware", "68", "70", None, None),
    14: ("XIV", "Natural or cultured pearls, precious or semi-precious stones, precious metals, metals clad "
         "with precious metal, and articles thereof; imitation jewellery; coin", "71", "71", None, None),
    15: ("XV", "Base metals and articles of base metal", "72", "83", 11, None),
    16: ("XVI", "Machinery and mechanical appliances; electrical equipment; parts thereof; sound recorders "
         "and reproducers, television image and sound recorders and reproducers, and parts and accessories "
         "of such articles", "84", "85", 12, None),
    17: ("XVII", "Vehicles, aircraft, vessels and associated transport equipment", "86", "89", 13, None),
    18: ("XVIII", "Optical, photographic, cinematographic, measuring, checking, precision, medical or "
         "surgical instruments and apparatus; clocks and watches; musical instruments; parts and "
         "accessories thereof", "90", "92", None, None),
    19: ("XIX", "Arms and ammunition; parts and accessories thereof", "93", "93", None, None),
    20: ("XX", "Miscellaneous manufactured articles", "94", "96", None, None),
    21: ("XXI", "Works of art, collectors' pieces and antiques", "97", "97", None, None),
}

# chapter: (goods_nomenclature_sid, description, headings_from, headings_to, section, guides)
CHAPTERS = {
    "01": (27623, "LIVE ANIMALS", "0101", "0106", 1, ["23"]),
    "02": (27809, "MEAT AND EDIBLE MEAT OFFAL", "0201", "0210", 1, ["23"]),
    "03": (28373, "FISH AND CRUSTACEANS, MOLLUSCS AND OTHER AQUATIC INVERTEBRATES", "0301", "0309", 1, ["23"]),
    "04": (29656, "DAIRY PRODUCE; BIRDS' EGGS; NATURAL HONEY; EDIBLE PRODUCTS OF ANIMAL ORIGIN, NOT ELSEWHERE "
           "SPECIFIED OR INCLUDED", "0401", "0410", 1, ["23"]),
    "05": (30173, "PRODUCTS OF ANIMAL ORIGIN, NOT ELSEWHERE SPECIFIED OR INCLUDED", "0501", "0511", 1, ["23"]),
    "06": (30376, "LIVE TREES AND OTHER PLANTS; BULBS, ROOTS AND THE LIKE; CUT FLOWERS AND ORNAMENTAL FOLIAGE",
           "0601", "0604", 2, ["23"]),
    "07": (30470, "EDIBLE VEGETABLES AND CERTAIN ROOTS AND TUBERS", "0701", "0714", 2, ["23"]),
    "08": (30880, "EDIBLE FRUIT AND NUTS; PEEL OF CITRUS FRUIT OR MELONS", "0801", "0814", 2, ["23"]),
    "09": (31400, "COFFEE, TEA, MAT\u00c9 AND SPICES", "0901", "0910", 2, ["23"]),
    "10": (31794, "CEREALS", "1001", "1008", 2, ["17"]),
    "11": (31943, "PRODUCTS OF THE MILLING INDUSTRY; MALT; STARCHES; INULIN; WHEAT GLUTEN", "1101", "1109", 2,
           ["23"]),
    "12": (32116, "OIL SEEDS AND OLEAGINOUS FRUITS; MISCELLANEOUS GRAINS, SEEDS AND FRUIT; INDUSTRIAL OR "
           "MEDICINAL PLANTS; STRAW AND FODDER", "1201", "1214", 2, ["23"]),
    "13": (32617, "LAC; GUMS, RESINS AND OTHER VEGETABLE SAPS AND EXTRACTS", "1301", "1302", 2, ["23"]),
    "14": (32693, "VEGETABLE PLAITING MATERIALS; VEGETABLE PRODUCTS NOT ELSEWHERE SPECIFIED OR INCLUDED",
           "1401", "1404", 2, ["23"]),
    "16": (33130, "PREPARATIONS OF MEAT, OF FISH OR OF CRUSTACEANS, MOLLUSCS OR OTHER AQUATIC INVERTEBRATES",
           "1601", "1605", 4, ["23"]),
    "17": (33540, "SUGARS AND SUGAR CONFECTIONERY", "1701", "1704", 4, ["23"]),
    "18": (33702, "COCOA AND COCOA PREPARATIONS", "1801", "1806", 4, ["23"]),
    "19": (33820, "PREPARATIONS OF CEREALS, FLOUR, STARCH OR MILK; PASTRYCOOKS' PRODUCTS", "1901", "1905", 4,
           ["23"]),
    "20": (34010, "PREPARATIONS OF VEGETABLES, FRUIT, NUTS OR OTHER PARTS OF PLANTS", "2001", "2009", 4, ["23"]),
    "21": (34480, "MISCELLANEOUS EDIBLE PREPARATIONS", "2101", "2106", 4, ["23"]),
    "22": (34628, "BEVERAGES, SPIRITS AND VINEGAR", "2201", "2209", 4, ["9"]),
    "23": (35050, "RESIDUES AND WASTE FROM THE FOOD INDUSTRIES; PREPARED ANIMAL FODDER", "2301", "2309", 4,
           ["23"]),
    "24": (35160, "TOBACCO AND MANUFACTURED TOBACCO SUBSTITUTES", "2401", "2403", 4, ["23"]),
}

CHAPTER_NOTES = {
    "01": "1. This chapter covers all live animals except:\r\n\r\n    a) fish and crustaceans, molluscs and other "
          "aquatic invertebrates, of heading 0301, 0306, 0307 or 0308;\r\n\r\n    b) cultures of "
          "micro-organisms and other products of heading 3002; and\r\n\r\n    c) animals of heading 9508.\r\n",
    "10": "1. (A) The products specified in the headings of this chapter are to be classified in those headings "
          "only if grains are present, whether or not in the ear or on the stalk.\r\n\r\n   (B) The chapter "
          "does not cover grains which have been hulled or otherwise worked. However, rice, husked, milled, "
          "polished, glazed, parboiled or broken remains classified in heading 1006. Similarly, quinoa from "
          "which the pericarp has been wholly or partly removed in order to separate the saponin, but which "
          "has not undergone any other processes, remains classified in heading 1008.\r\n\r\n2. Heading 1005 "
          "does not cover sweetcorn (Chapter 7).\r\n\r\n### Subheading note\r\n\r\n1. The term 'durum wheat' "
          "means wheat of the Triticum durum species and the hybrids derived from the inter-specific crossing "
          "of Triticum durum which have the same number (28) of chromosomes as that species.\r\n",
    "18": "1. This chapter does not cover:\r\n\r\n    a) food preparations containing more than 20 % by weight of "
          "sausage, meat, meat offal, blood, insects, fish or crustaceans, molluscs or other aquatic "
          "invertebrates, or any combination thereof (Chapter 16);\r\n\r\n    b) preparations of heading 0403, "
          "1901, 1902, 1904, 1905, 2105, 2202, 2208, 3003 or 3004.\r\n\r\n2. Heading 1806 includes sugar "
          "confectionery containing cocoa and, subject to note 1 to this chapter, other food preparations "
          "containing cocoa.\r\n",
    "22": "1. This chapter does not cover:\r\n\r\n    - a. products of this chapter (other than those of heading "
          "2209) prepared for culinary purposes and thereby rendered unsuitable for consumption as beverages "
          "(generally heading 2103);\r\n    \r\n    - b. sea water (heading 2501);\r\n    \r\n    - c. distilled "
          "or conductivity water or water of similar purity (heading 2853);\r\n    \r\n    - d. acetic acid of a "
          "concentration exceeding 10% by weight of acetic acid (heading 2915);\r\n    \r\n    - e. medicaments "
          "of heading 3003 or 3004; or\r\n    \r\n    - f. perfumery or toilet preparations (Chapter 33).\r\n\r\n"
          "2. For the purposes of this chapter and of Chapters 20 and 21, the alcoholic strength by volume "
          "shall be determined at a temperature of 20\u00b0C.\r\n\r\n3. For the purposes of heading 2202, the "
          "term 'non-alcoholic beverages' means beverages of an alcoholic strength by volume not exceeding "
          "0.5% vol. Alcoholic beverages are classified in headings 2203 to 2206 or heading 2208 as "
          "appropriate.\r\n\r\n### Subheading note\r\n\r\n1. For the purposes of subheading 2204 10, the "
          "expression 'sparkling wine' means wine which, when kept at a temperature of 20\u00b0C in closed "
          "containers, has an excess pressure of not less than 3 bar.\r\n",
}


def formatted(desc: str) -> str:
    return desc[0] + desc[1:].lower()


# --------------------------------------------------------------------------------------------
# Nomenclature covered (real descriptions; a subset of the lines of each heading)
# --------------------------------------------------------------------------------------------


def L(mfn: str, profile: str, vat: str, **opts) -> dict:
    """Spec of a declarable line: third-country duty, preference profile, VAT rate ('Z' zero, 'S' 20 %)."""
    return {"mfn": mfn, "profile": profile, "vat": vat, **opts}


CALF = "10.00 % + 77.90 GBP / 100 kg"          # EU 10.2 % + 93.1 EUR / 100 kg
RICE_PADDY = "176.00 GBP / 1000 kg"          # EU 211 EUR / 1000 kg
RICE_HUSKED = "54.00 GBP / 1000 kg"          # EU 65 EUR / 1000 kg
RICE_MILLED = "146.00 GBP / 1000 kg"         # EU 175 EUR / 1000 kg
WHEAT = "79.00 GBP / 1000 kg"                # EU 95 EUR / 1000 kg
DURUM = "123.00 GBP / 1000 kg"               # EU 148 EUR / 1000 kg
RUM_SMALL = "0.50 GBP / % vol/hl + 2.60 GBP / hl"   # published (2208401100, 2208403900)

# quota: (measure type, geographical area, order number, duty expression)
Q_RICE_HUSK = ("122", "1011", "050083", "0.00 %")
Q_RICE_MILLED = ("122", "1011", "050084", "0.00 %")
Q_RICE_BROKEN = ("122", "1011", "050086", "0.00 %")

HEADINGS = [
    # ---------------------------------------------------------------- chapter 01
    {"chapter": "01", "code": "0101", "sid": 27624, "desc": "Live horses, asses, mules and hinnies",
     "controls": ["animal"], "su": True, "nodes": [
         ("0101210000", "10", 1, "Horses", 93797, None),
         ("0101210000", "80", 2, "Pure-bred breeding animals", 93796, L("0.00 %", "zero", "S")),
         ("0101290000", "80", 2, "Other", 93798, None),
         ("0101291000", "80", 3, "For slaughter", 93799, L("10.00 %", "live", "S", authorised="0.00 %")),
         ("0101299000", "80", 3, "Other", 93800, L("10.00 %", "live", "S")),
         ("0101300000", "80", 1, "Asses", 93801, L("6.00 %", "live", "S")),
         ("0101900000", "80", 1, "Other", 72763, L("10.00 %", "live", "S")),
     ]},
    {"chapter": "01", "code": "0102", "sid": 27633, "desc": "Live bovine animals",
     "controls": ["animal"], "su": True, "nodes": [
         ("0102210000", "10", 1, "Cattle", 93803, None),
         ("0102210000", "80", 2, "Pure-bred breeding animals", 93804, None),
         ("0102211000", "80", 3, "Heifers (female bovines that have never calved)", 93805, L("0.00 %", "zero", "Z")),
         ("0102290000", "80", 2, "Other", 93808, None),
         ("0102290500", "80", 3, "Of the subgenus Bibos or of the subgenus Poephagus", 93809, L(CALF, "live", "Z")),
         ("0102291000", "10", 3, "Other", 93810, None),
         ("0102291000", "80", 4, "Of a weight not exceeding 80 kg", 93811, L(CALF, "live", "Z")),
         ("0102310000", "10", 1, "Buffalo", 93830, None),
         ("0102390000", "80", 2, "Other", 93832, None),
         ("0102391000", "80", 3, "Domestic species", 93833, L(CALF, "live", "Z")),
     ]},
    # ---------------------------------------------------------------- chapter 10
    {"chapter": "10", "code": "1001", "sid": 31795, "desc": "Wheat and meslin",
     "controls": ["phyto", "organic"], "nodes": [
         ("1001110000", "10", 1, "Durum wheat", 93866, None),
         ("1001110000", "80", 2, "Seed", 93867, L(DURUM, "cereal", "Z")),
         ("1001190000", "80", 2, "Other", 93868, L(DURUM, "cereal", "Z")),
         ("1001910000", "10", 1, "Other", 93869, None),
         ("1001910000", "80", 2, "Seed", 93870, None),
         ("1001911000", "80", 3, "Spelt", 93871, L("12.00 %", "cereal", "Z")),
         ("1001912000", "80", 3, "Common wheat and meslin", 93872, L(WHEAT, "cereal", "Z")),
         ("1001990000", "80", 2, "Other", 93874, L(WHEAT, "cereal", "Z", quotas=[
             ("122", "1011", "050076", "0.00 %"), ("123", "1011", "050120", "0.00 %"),
             ("143", "UA", "057602", "0.00 %"), ("143", "CA", "058108", "0.00 %")])),
     ]},
    {"chapter": "10", "code": "1006", "sid": 31827, "desc": "Rice", "controls": ["phyto", "organic"],
     "nodes": [
         ("1006100000", "80", 1, "Rice in the husk (paddy or rough)", 31828, None),
         ("1006101000", "80", 2, "For sowing", 31829, L("6.00 %", "cereal", "Z", overrides={"SG": "3.80 %"},
                                                         trade_defence=True)),
         ("1006103000", "10", 2, "Other", 31830, None),
         ("1006103000", "80", 3, "Round grain", 31831, L(RICE_PADDY, "cereal", "Z", quotas=[Q_RICE_HUSK])),
         ("1006107100", "10", 3, "Long grain", 31834, None),
         ("1006107900", "80", 4, "Of a length/width ratio equal to or greater than 3", 31837,
          L(RICE_PADDY, "cereal", "Z", quotas=[Q_RICE_HUSK, ("143", "EG", "051950", "0.00 %")])),
         ("1006200000", "80", 1, "Husked (brown) rice", 31838, None),
         ("1006209200", "10", 2, "Other", 31847, None),
         ("1006209200", "80", 3, "Round grain", 31848, L(RICE_HUSKED, "cereal", "Z", quotas=[Q_RICE_HUSK])),
         ("1006300000", "80", 1, "Semi-milled or wholly milled rice, whether or not polished or glazed", 31856,
          None),
         ("1006306100", "10", 2, "Wholly milled rice", 31867, None),
         ("1006306100", "10", 3, "Parboiled", 31868, None),
         ("1006306100", "80", 4, "Round grain", 31869, L(RICE_MILLED, "cereal", "Z", quotas=[Q_RICE_MILLED])),
         ("1006309200", "10", 3, "Other", 31874, None),
         ("1006309600", "10", 4, "Long grain", 31877, None),
         ("1006309600", "80", 5, "Of a length/width ratio greater than 2 but less than 3", 31878,
          L(RICE_MILLED, "cereal", "Z", quotas=[Q_RICE_MILLED, ("143", "VN", "057225", "0.00 %")])),
         ("1006309800", "80", 5, "Of a length/width ratio equal to or greater than 3", 31879,
          L(RICE_MILLED, "cereal", "Z", quotas=[Q_RICE_MILLED, ("143", "VN", "057225", "0.00 %")])),
         ("1006400000", "80", 1, "Broken rice", 31880, L(RICE_HUSKED, "cereal", "Z", quotas=[Q_RICE_BROKEN])),
     ]},
    {"chapter": "10", "code": "1008", "sid": 31883,
     "desc": "Buckwheat, millet and canary seed; other cereals", "controls": ["phyto", "organic"], "nodes": [
         ("1008100000", "80", 1, "Buckwheat", 31884, L("30.00 GBP / 1000 kg", "cereal", "Z")),
         ("1008210000", "10", 1, "Millet", 93880, None),
         ("1008290000", "80", 2, "Other", 93882, L("46.00 GBP / 1000 kg", "cereal", "Z")),
         ("1008300000", "80", 1, "Canary seed", 31887, L("0.00 %", "zero", "Z")),
         ("1008500000", "80", 1, "Quinoa (Chenopodium quinoa)", 93884, L("30.00 GBP / 1000 kg", "cereal", "Z")),
     ]},
    # ---------------------------------------------------------------- chapter 18
    {"chapter": "18", "code": "1801", "sid": 33703, "desc": "Cocoa beans, whole or broken, raw or roasted",
     "controls": ["phyto", "organic"], "declarable": L("0.00 %", "zero", "Z")},
    {"chapter": "18", "code": "1803", "sid": 33705, "desc": "Cocoa paste, whether or not defatted",
     "controls": ["organic"], "nodes": [
         ("1803100000", "80", 1, "Not defatted", 33706, L("8.00 %", "cocoa", "Z")),
     ]},
    {"chapter": "18", "code": "1804", "sid": 33708, "desc": "Cocoa butter, fat and oil", "controls": ["organic"],
     "declarable": L("6.00 %", "cocoa", "Z")},
    {"chapter": "18", "code": "1805", "sid": 33709,
     "desc": "Cocoa powder, not containing added sugar or other sweetening matter", "controls": ["organic"],
     "declarable": L("8.00 %", "cocoa", "Z")},
    {"chapter": "18", "code": "1806", "sid": 33710, "desc": "Chocolate and other food preparations containing cocoa",
     "controls": ["organic"], "nodes": [
         ("1806100000", "80", 1, "Cocoa powder, containing added sugar or other sweetening matter", 33711, None),
         ("1806101500", "80", 2, "Containing no sucrose or containing less than 5 % by weight of sucrose "
          "(including invert sugar expressed as sucrose) or isoglucose expressed as sucrose", 33712,
          L("8.00 %", "cocoa", "Z")),
         ("1806102000", "80", 2, "Containing 5 % or more but less than 65 % by weight of sucrose (including "
          "invert sugar expressed as sucrose) or isoglucose expressed as sucrose", 33713,
          L("8.00 % + 21.00 GBP / 100 kg", "choc", "Z")),
         ("1806200000", "80", 1, "Other preparations in blocks, slabs or bars weighing more than 2 kg or in "
          "liquid, paste, powder, granular or other bulk form in containers or immediate packings, of a "
          "content exceeding 2 kg", 33716, None),
         ("1806201000", "80", 2, "Containing 31 % or more by weight of cocoa butter or containing a combined "
          "weight of 31 % or more of cocoa butter and milk fat", 33717,
          L("8.00 % + 23.60 GBP / 100 kg MAX 18.70 % + 4.50 GBP / 100 kg", "choc", "S")),
         ("1806310000", "10", 1, "Other, in blocks, slabs or bars", 33724, None),
         ("1806310000", "80", 2, "Filled", 33725,
          L("8.00 % + 25.80 GBP / 100 kg MAX 18.70 % + 7.60 GBP / 100 kg", "choc", "S")),
         ("1806320000", "80", 2, "Not filled", 33726, None),
         ("1806321000", "80", 3, "With added cereal, fruit or nuts", 33727,
          L("8.00 % + 22.40 GBP / 100 kg MAX 18.70 % + 7.00 GBP / 100 kg", "choc", "S",
            quotas=[("143", "MA", "051912", "0.00 %")])),
         ("1806900000", "80", 1, "Other", 33729, None),
         ("1806901100", "10", 2, "Chocolate and chocolate products", 33730, None),
         ("1806901100", "10", 3, "Chocolates, whether or not filled", 33731, None),
         ("1806901900", "80", 4, "Other", 33733,
          L("8.00 % + 27.10 GBP / 100 kg MAX 18.70 % + 8.40 GBP / 100 kg", "choc", "S")),
         ("1806906000", "80", 2, "Spreads containing cocoa", 33739,
          L("8.00 % + 19.40 GBP / 100 kg MAX 18.70 % + 6.20 GBP / 100 kg", "choc", "Z")),
         ("1806909000", "80", 2, "Other", 33743,
          L("8.00 % + 18.90 GBP / 100 kg MAX 18.70 % + 5.80 GBP / 100 kg", "choc", "S",
            quotas=[("143", "MX", "058702", "0.00 %")])),
     ]},
    # ---------------------------------------------------------------- chapter 22
    {"chapter": "22", "code": "2202", "sid": 34650,
     "desc": "Waters, including mineral waters and aerated waters, containing added sugar or other sweetening "
             "matter or flavoured, and other non-alcoholic beverages, not including fruit or vegetable juices "
             "of heading 2009", "controls": ["organic"], "nodes": [
         ("2202100000", "80", 1, "Waters, including mineral waters and aerated waters, containing added sugar or "
          "other sweetening matter or flavoured", 34651, L("8.00 %", "bev", "S")),
         ("2202910000", "10", 1, "Other", 96412, None),
         ("2202990000", "80", 2, "Other", 96414, None),
         ("2202991100", "10", 3, "Not containing products of headings 0401 to 0404 or fat obtained from products "
          "of headings 0401 to 0404", 96415, None),
         ("2202991900", "80", 4, "Other", 96418, L("8.00 %", "bev", "S")),
         ("2202999100", "10", 3, "Other, containing products of headings 0401 to 0404 or fat obtained from "
          "products of headings 0401 to 0404", 96419, None),
         ("2202999100", "80", 4, "Containing less than 0.2 % by weight of fat obtained from the products of "
          "headings 0401 to 0404", 96420, L("6.00 % + 11.40 GBP / 100 kg", "choc", "S")),
         ("2202999900", "80", 4, "Containing 2 % or more by weight of fat obtained from the products of "
          "headings 0401 to 0404", 96422, L("4.00 % + 17.70 GBP / 100 kg", "choc", "S")),
     ]},
    {"chapter": "22", "code": "2206", "sid": 34945,
     "desc": "Other fermented beverages (for example, cider, perry, mead, sake); mixtures of fermented beverages "
             "and mixtures of fermented beverages and non-alcoholic beverages, not elsewhere specified or "
             "included", "controls": ["organic"], "nodes": [
         ("2206001000", "80", 1, "Piquette", 34946, L("1.00 GBP / % vol/hl MIN 6.00 GBP / hl", "bev", "S")),
         ("2206003100", "10", 1, "Other", 34947, None),
         ("2206003100", "10", 2, "Sparkling", 34948, None),
         ("2206003100", "80", 3, "Cider and perry", 34949, L("16.00 GBP / hl", "bev", "S")),
         ("2206005100", "10", 2, "Still, in containers holding", 34951, None),
         ("2206005100", "10", 3, "2 litres or less", 34952, None),
         ("2206005100", "80", 4, "Cider and perry", 34953, L("6.40 GBP / hl", "bev", "S")),
         ("2206008100", "10", 3, "More than 2 litres", 34955, None),
         ("2206008100", "80", 4, "Cider and perry", 34956, L("4.80 GBP / hl", "bev", "S")),
     ]},
    {"chapter": "22", "code": "2207", "sid": 34966,
     "desc": "Undenatured ethyl alcohol of an alcoholic strength by volume of 80 % vol or higher; ethyl alcohol "
             "and other spirits, denatured, of any strength", "controls": [], "nodes": [
         ("2207100000", "80", 1, "Undenatured ethyl alcohol of an alcoholic strength by volume of 80 % vol or "
          "higher", 34967, None),
         ("2207100090", "80", 2, "Other", 34973,
          L("16.00 GBP / hl", "bev", "S", excise=True, mfn_additional_codes=[("2600", "0.00 %"), ("2601", None)])),
         ("2207200000", "80", 1, "Ethyl alcohol and other spirits, denatured, of any strength", 34974,
          L("8.50 GBP / hl", "bev", "S")),
     ]},
    {"chapter": "22", "code": "2208", "sid": 34976,
     "desc": "Undenatured ethyl alcohol of an alcoholic strength by volume of less than 80 % vol; spirits, "
             "liqueurs and other spirituous beverages", "controls": [], "nodes": [
         ("2208300000", "80", 1, "Whiskies", 34990, None),
         ("2208303000", "10", 2, "Scotch whisky", 93961, None),
         ("2208303000", "80", 3, "Single malt whisky", 93962, L("0.00 %", "zero", "S", excise=True)),
         ("2208400000", "80", 1, "Rum and other spirits obtained by distilling fermented sugar-cane products",
          35003, None),
         ("2208401100", "10", 2, "In containers holding 2 litres or less", 35004, None),
         ("2208401100", "80", 3, "Rum with a content of volatile substances other than ethyl and methyl alcohol "
          "equal to or exceeding 225 grams per hectolitre of pure alcohol (with a 10 % tolerance)", 35005,
          L(RUM_SMALL, "bev", "S", excise=True, overrides={"SG": "0.10 GBP / % vol/hl + 0.80 GBP / hl"})),
         ("2208403100", "10", 3, "Other", 35006, None),
         ("2208403900", "80", 4, "Other", 35008, L(RUM_SMALL, "bev", "S", excise=True)),
         ("2208500000", "80", 1, "Gin and Geneva", 35013, None),
         ("2208501100", "10", 2, "Gin, in containers holding", 35014, None),
         ("2208501100", "80", 3, "2 litres or less", 35015, L("0.00 %", "zero", "S", excise=True)),
         ("2208900000", "80", 1, "Other", 35034, None),
         ("2208909100", "10", 2, "Undenatured ethyl alcohol of an alcoholic strength by volume of less than "
          "80 % vol, in containers holding", 35052, None),
         ("2208909100", "80", 3, "2 litres or less", 35053,
          L("0.80 GBP / % vol/hl + 5.30 GBP / hl", "bev", "S", excise=True)),
         ("2208909900", "80", 3, "More than 2 litres", 35054, L("0.80 GBP / % vol/hl", "bev", "S", excise=True)),
     ]},
]

# order number -> (definition id, initial volume, balance, status, last allocation date)
ORDER_NUMBERS = {
    "050076": ("22431", "2000000.0", "1288420.0", "Open", "2022-05-24"),
    "050083": ("22437", "7000000.0", "3911540.0", "Open", "2022-05-24"),
    "050084": ("22438", "13000000.0", "8460095.0", "Open", "2022-05-24"),
    "050086": ("22440", "1000000.0", "0.0", "Exhausted", "2022-04-12"),
    "050120": ("22452", "306000.0", "306000.0", "Open", None),
    "051912": ("22503", "1100000.0", "742310.0", "Open", "2022-05-10"),
    "051950": ("22511", "500000.0", "500000.0", "Open", None),
    "057225": ("22618", "13000000.0", "10874360.0", "Open", "2022-05-24"),
    "057602": ("22654", "100000000.0", "64120500.0", "Open", "2022-05-24"),
    "058108": ("22702", "100000000.0", "100000000.0", "Open", None),
    "058702": ("22744", "4000000.0", "3395600.0", "Open", "2022-05-03"),
}


# --------------------------------------------------------------------------------------------
# Duty expressions (mirrors trade-tariff-backend DutyExpressionFormatter)
# --------------------------------------------------------------------------------------------

_TERM = re.compile(r"^(\d+\.\d{2}) (?:(%)|(GBP|EUR) / (.+))$")


def prettify(amount: float) -> str:
    text = f"{amount:.4f}".rstrip("0")
    whole, _, dec = text.partition(".")
    return f"{whole}.{dec.ljust(2, '0')}"


def parse_duty(expr: str) -> list[tuple]:
    """'8.00 % + 21.00 GBP / 100 kg MAX 18.70 %' -> measure components (id, amount, money, unit, qualifier)."""
    tokens = re.split(r" (\+|MAX|MIN) ", expr)
    comps, mode = [], None
    for i, text in enumerate(tokens[::2]):
        if i == 0:
            deid = "01"
        else:
            op = tokens[2 * i - 1]
            if op == "MAX":
                deid, mode = "17", "max"
            elif op == "MIN":
                deid, mode = "15", "min"
            else:
                deid = {None: "04", "max": "19", "min": "20"}[mode]
        match = _TERM.match(text)
        if not match:
            raise ValueError(f"cannot parse duty term {text!r} in {expr!r}")
        amount = float(match.group(1))
        if match.group(2):
            comps.append((deid, amount, None, None, None))
        else:
            unit, qualifier = ABBR_TO_UNIT[match.group(4)]
            comps.append((deid, amount, match.group(3), unit, qualifier))
    if format_duty(comps) != expr:
        raise ValueError(f"round trip failed for {expr!r}: {format_duty(comps)!r}")
    return comps


def format_component(comp: tuple, html: bool) -> str:
    deid, amount, money, unit, qualifier = comp
    _desc, abbr = DUTY_EXPRESSIONS[deid]
    unit_text = None
    if unit:
        unit_abbr, title = UNITS[(unit, qualifier)]
        if deid == "99":
            return f"<abbr title='{title}'>{unit_abbr}</abbr>" if html else unit_abbr
        unit_text = f"/ <abbr title='{title}'>{unit_abbr}</abbr>" if html else f"/ {unit_abbr}"
    amount_text = f"<span>{prettify(amount)}</span>" if html else prettify(amount)
    # '04', '15', '17', '19', '20': abbreviation first ("+ 2.60 GBP", "MAX 18.70 %"); '01': "8.00 %", "16.00 GBP"
    out = [abbr, amount_text, money or "%"] if deid in ("04", "15", "17", "19", "20") else [amount_text, money or abbr]
    if unit_text:
        out.append(unit_text)
    return " ".join(out)


def format_duty(comps: list[tuple], html: bool = False) -> str:
    return " ".join(format_component(c, html) for c in comps)


def floor10(value: float) -> float:
    return int(value * 10 + 1e-6) / 10


# --------------------------------------------------------------------------------------------
# Preferences
# --------------------------------------------------------------------------------------------

PARTNER_GROUPS = ["1013", "1033", "1034", "1035", "2005", "2020", "2027", "2080", "2200"]
PARTNER_COUNTRIES = ["AL", "CA", "CH", "CI", "CL", "CM", "CO", "EC", "EG", "FJ", "FO", "GE", "GH", "IL", "IS",
                     "JO", "JP", "KE", "KR", "LB", "MA", "MD", "MK", "MX", "NO", "PE", "PG", "PS", "SB", "SG",
                     "SM", "TN", "TR", "UA", "VN", "WS", "XC", "XK", "XL", "XS"]
# geographical area -> (start date, legal act) where it differs from 2021-01-01 / C2100006
PARTNER_START = {"AL": ("2021-05-01", "P2104650"), "JO": ("2021-05-01", "P2104650"),
                 "GH": ("2021-03-05", "P2102410"), "KE": ("2021-03-01", "P2103010"),
                 "XS": ("2021-05-20", "P2105200"), "2005": ("2021-01-01", "C2100002"),
                 "2020": ("2021-01-01", "C2100002"), "2027": ("2021-01-01", "C2100002")}
# staged reductions: the staging year in force on 2022-06-01 (start, end)
STAGING = {"SG": ("2021-11-21", "2022-11-20"), "VN": ("2022-01-01", "2022-12-31"),
           "JP": ("2022-04-01", "2023-03-31"), "KR": ("2022-01-01", "2022-12-31"),
           "CA": ("2022-01-01", "2022-12-31")}
FIXED_END = {"EG": "2026-12-31"}
ALWAYS = {"1013", "1033", "1034", "1035", "2005", "2080", "2200"}

PROFILES = {
    "zero": None,
    "live": {"2020": "gsp", "TR": None, "JP": 0.55, "VN": 0.4},
    "cereal": {"2020": None, "2027": None, "TR": None, "CH": None, "JP": 0.8, "SG": 0.63, "VN": 0.7,
               "CA": 0.5, "IS": 0.5, "NO": 0.5},
    "cocoa": {"2020": "gsp", "TR": None, "JP": 0.45, "VN": 0.5},
    "choc": {"2020": "gsp", "TR": "efta", "IS": "efta", "NO": "efta", "CH": "efta", "KR": "efta", "CA": "efta",
             "MX": "efta", "IL": "efta", "MA": "efta", "EG": "efta", "TN": "efta", "JO": "efta", "LB": "efta",
             "PS": "efta", "JP": 0.55, "VN": 0.5},
    "bev": {"2020": "gsp", "TR": None, "JP": 0.6, "SG": 0.3, "VN": 0.5},
}

FREE = [("01", 0.0, None, None, None)]


def treat(mfn: list[tuple], rule) -> list[tuple]:
    if rule == "free":
        return FREE
    if isinstance(rule, float):  # staged: a share of the third-country duty
        comps = [(d, floor10(a * rule), m, u, q) for d, a, m, u, q in mfn]
    elif rule == "gsp":  # GSP general framework: ad valorem less 3.5 points, or specific less 30 %
        if mfn[0][2] is None:
            comps = [(mfn[0][0], max(0.0, round(mfn[0][1] - 3.5, 2)), None, None, None), *mfn[1:]]
        else:
            comps = [(d, floor10(a * 0.7), m, u, q) for d, a, m, u, q in mfn]
    elif rule == "efta":  # industrial (ad valorem) element removed, agricultural element kept
        if mfn[0][2] is not None or len(mfn) == 1:
            return FREE
        comps = [(mfn[0][0], 0.0, None, None, None), *mfn[1:]]
    else:
        raise ValueError(rule)
    return FREE if all(c[1] == 0 for c in comps) else comps


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------


class Ids:
    """Deterministic id sequences shaped like the real ones: measure sids rising by random steps, national
    (UK) measure sids negative and falling, like VAT's, and condition ids counting up. Seeded, so a rebuild
    writes the same files."""

    def __init__(self, seed: str, measure: int, measure_steps: tuple[int, int], national: int,
                 national_steps: tuple[int, int], condition: int) -> None:
        self.rng = random.Random(seed)
        self.measure_id, self.measure_steps = measure, measure_steps
        self.national_id, self.national_steps = national, national_steps
        self.condition_id = condition

    def measure(self) -> str:
        self.measure_id += self.rng.randint(*self.measure_steps)
        return str(self.measure_id)

    def national(self) -> str:
        self.national_id -= self.rng.randint(*self.national_steps)
        return str(self.national_id)

    def condition(self) -> str:
        self.condition_id += 1
        return str(self.condition_id)

    def conditions(self, template: str) -> list[dict]:
        """The GB measure_condition objects of a template (CONDITIONS), with new ids."""
        out = []
        for code, document, requirement, action in CONDITIONS[template]:
            out.append({"id": self.condition(), "type": "measure_condition", "attributes": {
                "condition_code": code, "condition": COND_LABEL[code], "document_code": document,
                "requirement": requirement, "action": action, "duty_expression": "", "condition_duty_amount": None,
                "condition_monetary_unit_code": None, "monetary_unit_abbreviation": None,
                "condition_measurement_unit_code": None, "condition_measurement_unit_qualifier_code": None},
                "relationships": {"measure_condition_components": {"data": []}}})
        return out


IDS = Ids("uk_trade_tariff measure ids", 20140000, (3, 150), -1009507300, (1, 40), 20190000)


def new_measure(mtype: str, geo: str, comps: list[tuple], legal: str, start: str = "2021-01-01",
                end: str | None = None, **extra) -> dict:
    national = mtype in ("305", "306")
    return {"id": IDS.national() if national else IDS.measure(), "type": mtype, "geo": geo, "comps": comps,
            "legal": [legal], "start": start, "end": end, "origin": "uk" if national else "eu",
            "export": extra.pop("export", False), "conditions": extra.pop("conditions", []),
            "footnotes": extra.pop("footnotes", []), "excluded": extra.pop("excluded", []),
            "addcode": extra.pop("addcode", None), "order": extra.pop("order", None)}


def control_measure(kind: str) -> dict:
    if kind == "animal":
        return new_measure("350", "1011", [], "C2100270", conditions=IDS.conditions("animal"))
    if kind == "phyto":
        return new_measure("360", "1011", [], "C2100010", conditions=IDS.conditions("phyto"), footnotes=["PR009"])
    return new_measure("750", "1011", [], "X1906930", conditions=IDS.conditions("organic"), footnotes=["CD808"])


class HeadingContext:
    """Measures defined once for a whole heading and inherited by its lines (VAT, controls, units)."""

    def __init__(self, heading: dict) -> None:
        self.heading = heading
        self.vat: dict[str, dict] = {}
        self.excise: dict | None = None
        self.su = new_measure("109", "1011", [("99", None, None, "NAR", None)], "C2100011",
                              export=True) if heading.get("su") else None
        self.controls = [control_measure(kind) for kind in heading.get("controls", [])]

    def vat_measure(self, rate: str) -> dict:
        if rate not in self.vat:
            if rate == "Z":
                self.vat[rate] = new_measure("305", "1011", parse_duty("0.00 %"), "V1970ATZ", start="2019-09-01",
                                             footnotes=["03026"], addcode="VATZ")
            else:
                self.vat[rate] = new_measure("305", "1011", parse_duty("20.00 %"), "V1970ATS", start="2019-09-01")
        return self.vat[rate]

    def excise_measure(self) -> dict:
        if self.excise is None:
            self.excise = new_measure("306", "1011", parse_duty("28.74 GBP / l alc. 100%"), "X1970EXC",
                                      start="2020-03-11", addcode="X451")
        return self.excise


def preference_measures(code: str, spec: dict, mfn: list[tuple]) -> list[dict]:
    rules = PROFILES[spec["profile"]]
    if rules is None:
        return []
    rng = random.Random(f"preferences {code}")
    overrides = spec.get("overrides", {})
    out = []
    if spec["profile"] == "cereal":
        out.append(new_measure("142", "1006", FREE, "C2100006", export=True, conditions=IDS.conditions("ceta"),
                               footnotes=["CD727"]))
    for geo in PARTNER_GROUPS + PARTNER_COUNTRIES:
        rule = rules.get(geo, "free")
        if rule is None or (geo not in ALWAYS and rng.random() < 0.12):
            continue
        start, legal = PARTNER_START.get(geo, ("2021-01-01", "C2100006"))
        end = FIXED_END.get(geo)
        comps = parse_duty(overrides[geo]) if geo in overrides else treat(mfn, rule)
        if geo in STAGING and (geo in overrides or isinstance(rule, float)):
            start, end = STAGING[geo]
        excluded = ["IN"] if geo == "2020" and spec["profile"] in ("choc", "bev") else []
        out.append(new_measure("142", geo, comps, legal, start=start, end=end, excluded=excluded))
    for mtype, geo, order, duty in spec.get("quotas", []):
        if mtype == "143":
            out.append(new_measure("143", geo, parse_duty(duty), "C2100006", start="2022-01-01",
                                   end="2022-12-31", order=order))
    out.sort(key=lambda m: (m["geo"], m["type"]))
    return out


def line_measures(code: str, spec: dict, ctx: HeadingContext) -> tuple[list[dict], list[dict], list[str]]:
    """Import measures, export measures and overview measure ids of one declarable line."""
    mfn = parse_duty(spec["mfn"])
    third = []
    if spec.get("mfn_additional_codes"):
        for addcode, duty in spec["mfn_additional_codes"]:
            comps = parse_duty(duty) if duty else mfn
            third.append(new_measure("103", "1011", comps, "C2100001", addcode=addcode))
    else:
        third.append(new_measure("103", "1011", mfn, "C2100001"))
    authorised = []
    if spec.get("authorised"):
        authorised.append(new_measure("105", "1011", parse_duty(spec["authorised"]), "C2100003"))
    quotas = [new_measure(mtype, geo, parse_duty(duty), "Q2014320", start="2022-01-01", end="2022-12-31",
                          order=order, excluded=list(EU_MEMBERS))
              for mtype, geo, order, duty in spec.get("quotas", []) if mtype in ("122", "123")]
    taxes = [ctx.vat_measure(spec["vat"])]
    if spec.get("excise"):
        taxes.append(ctx.excise_measure())
    units = [ctx.su] if ctx.su else []
    imports = third + authorised + quotas + taxes + units + ctx.controls + preference_measures(code, spec, mfn)
    overview = [m["id"] for m in (authorised or third)] + [m["id"] for m in units] + [taxes[0]["id"]]
    return imports, units, overview


# --------------------------------------------------------------------------------------------
# The Northern Ireland (XI) tariff: the EU's measures, applied by the UK service under /xi/api/v2/
# --------------------------------------------------------------------------------------------
# Reference data of the EU tariff as the XI service publishes it: legal acts, area names and groups, measure
# types, footnotes, measure condition templates, the chapter note, agreements and controls. The object shapes
# follow the format of ../shared/samples/uk_trade_tariff/ni_commodities_api_v2_response_1006101000.json (read,
# not copied); every XI measure, with its id, duty and conditions, is constructed below.

# id -> (validity start, official journal number, page, published date, description) of the EU legal acts;
# regulation_code and regulation_url follow from them (_xi_legal_act).
XI_LEGAL_ACT_DATA = {
    'D1700370': ('2017-09-21', 'L 11', 1, '2017-01-14',
                 'Comprehensive Economic and Trade Agreement (CETA) Canada'),
    'R9922040': ('2000-01-01', 'L 278', 1, '1999-10-28',
                 'NC 2000 - mes. 103'),
    'R8726580': ('1988-01-01', 'L 256', 1, '1987-09-07',
                 'NC - 1988'),
    'D1108840': ('2012-01-12', 'L 343', 140, '2011-12-23',
                 ('Emergency measures regarding unauthorised genetically modified rice in rice products '
                  'originating from China and repealing Decision 2008/289/EC')),
    'R2123060': ('2022-01-01', 'L 461', 13, '2021-12-27',
                 ('supplementing Regulation (EU) 2018/848 of the European Parliament and of the Council with '
                  'rules on the official controls in respect of consignments of organic products and '
                  'in-conversion products intended for import into the Union and on the certificate of '
                  'inspection')),
    'R1610760': ('2016-07-28', 'L 185', 1, '2016-07-08',
                 'Repeal of No 1528/2007 (ACP), recast'),
    'D0808050': ('2008-12-29', 'L 289', 1, '2008-10-30',
                 'CARIFORUM (EPA) agreement'),
    'D1201960': ('2012-05-14', 'L 111', 1, '2012-04-24',
                 'Eastern and Southern Africa States (EPA) agreement'),
    'D1616231': ('2016-10-10', 'L 250', 1, '2016-09-16',
                 'SADC EPA (Botswana, Lesotho, Namibia, Swaziland)'),
    'R1209782': ('2014-01-01', 'L 303', 1, '2012-10-31',
                 'GSP,  EBA (Annex IV)'),
    'D120734B': ('2013-08-01', 'L 346', 3, '2012-12-15',
                 'Trade Agreement, Central America, Category B'),
    'D9006800': ('1991-07-01', 'L 374', 13, '1990-12-31',
                 'Pref. Andorra'),
    'D0903320': ('2009-04-01', 'L 107', 165, '2009-04-28',
                 'AL Stabilisation and Association Agreement PRF'),
    'D0804740': ('2008-07-01', 'L 169', 10, '2008-06-30',
                 'BA Interim Agreement PRF'),
    'D0209790': ('2003-02-01', 'L 352', 1, '2002-12-30',
                 'Chile Agreement'),
    'D0901520': ('2014-08-04', 'L 057', 1, '2009-02-28',
                 'Cameroon (Central Africa, EPA) agreement'),
    'D1207350': ('2013-03-01', 'L 354', 3, '2012-12-21',
                 'Trade Agreement, Colombia and Peru, category 0/EP/AV0'),
    'D1623690': ('2017-01-01', 'L 356', 1, '2016-12-24',
                 'Ecuador - Cat. 0'),
    'D1902170': ('2019-07-19', 'L 34', 4, '2019-02-06',
                 ('Agreement EU - Morocco on the amendment of Protocols 1 and 4 to the Euro-Mediterranean '
                  'Agreement (Western Sahara - EH)')),
    'D0907290': ('2009-12-20', 'L 272', 1, '2009-10-16',
                 'Pacific states (EPA) agreement'),
    'D2022530': ('2021-01-01', 'L 444', 11, '2020-12-31',
                 ('Council Decision (Euratom) 2020/2253 of 29 December 2020 approving the conclusion, by the '
                  'European Commission, on behalf of the European Atomic Energy Community, of the Trade and '
                  'Cooperation Agreement between the European Union and the European Atomic Energy Community, '
                  'of the one part, and the United Kingdom of Great Britain and Northern Ireland, of the '
                  'other part')),
    'D1404940': ('2014-09-01', 'L 261', 1, '2014-08-30',
                 'Association Agreement - Georgia'),
    'D1618500': ('2016-12-15', 'L 287', 1, '2016-10-21',
                 'Ghana EPA'),
    'D0908550': ('2010-01-01', 'L 313', 81, '2009-11-28',
                 'Israel - Modification Protocol 1'),
    'D0003840': ('2000-06-01', 'L 147', 3, '2000-06-21',
                 'Accord IL'),
    'D1719130': ('2018-05-01', 'L 274', 57, '2017-10-24',
                 ('Agreement in the form of an Exchange of Letters between the EU and IS concerning '
                  'additional trade preferences in agricultural products')),
    'D0600670': ('2006-01-01', 'L 41', 1, '2006-02-13',
                 'Agreement exchange letters JO'),
    'D0203570': ('2002-05-01', 'L 129', 1, '2002-05-15',
                 'Accord JO'),
    'D0603560': ('2006-04-01', 'L 143', 1, '2006-05-30',
                 'Association agreement between the EU and Lebanon'),
    'D1204970': ('2012-10-01', 'L 241', 2, '2012-09-07',
                 'Agreement MA - Agricultural products measure 142'),
    'D0002040': ('2000-03-01', 'L 70', 1, '2000-03-18',
                 'Accord MA'),
    'D1404920': ('2014-09-01', 'L 260', 1, '2014-08-30',
                 'Association Agreement - Moldova'),
    'D1002240': ('2010-05-01', 'L 108', 1, '2010-04-29',
                 'ME Stabilisation and Association Agreement PRF'),
    'D0402390': ('2004-04-01', 'L 84', 1, '2004-03-20',
                 'MK - SAA - PRF'),
    'D1207351': ('2013-03-01', 'L 354', 3, '2012-12-21',
                 'Trade Agreement, Colombia and Peru, category 3/AV0 3'),
    'D1108240': ('2012-01-01', 'L 328', 2, '2011-12-10',
                 'Palestine - new protocol 1'),
    'D9704300': ('1997-07-01', 'L 187', 1, '1997-07-16',
                 'EC-XI Agreement'),
    'D1918753': ('2019-11-21', 'L 294', 1, '2019-11-14',
                 'Agreement Singapore - Measure 142. Cat 3 (Zero duty in four years)'),
    'D0202451': ('2002-04-01', 'L 84', 41, '2002-03-28',
                 'Accord CE - Republique San Marino (SM) - Customs Union'),
    'D9802230': ('1998-01-01', 'L 86', 1, '1998-03-20',
                 'TR-Agri'),
    'D1402950': ('2016-01-01', 'L 161', 3, '2014-05-29',
                 'Association Agreement, Ukraine, category 0'),
    'R2202630': ('2022-02-26', 'L 42I', 77, '2022-02-24',
                 ('concerning restrictive measures in response to the recognition of the non-government '
                  'controlled areas of the Donetsk and Luhansk oblasts of Ukraine and the ordering of Russian '
                  'armed forces into those areas')),
    'D2007530': ('2020-08-01', 'L 186', 1, '2020-06-12',
                 'EU-Vietnam FTA, Staging category A'),
    'D1603420': ('2016-04-01', 'L 71', 1, '2016-03-16',
                 'SAA Kosovo'),
    'D1000360': ('2010-02-01', 'L 28', 1, '2010-01-30',
                 'XS Interim Agreement PRF'),
}

def codes(text: str) -> list[str]:
    """Area codes written as one string: "CI KE" -> ["CI", "KE"]."""
    return text.split()


# XI (EU) descriptions of geographical areas where they differ from COUNTRIES, and the areas COUNTRIES lacks
XI_AREA_NAMES = {
    'AQ': 'Antarctica', 'AS': 'American Samoa', 'AW': 'Aruba', 'BL': 'Saint Barth\xe9lemy', 'BN': 'Brunei',
    'BQ': 'Bonaire, Sint Eustatius and Saba', 'BS': 'Bahamas', 'BV': 'Bouvet Island',
    'CC': 'Cocos Islands (or Keeling Islands)', 'CD': 'Congo, Democratic Republic of', 'CG': 'Congo (Republic of)',
    'CU': 'Cuba', 'CW': 'Cura\xe7ao', 'CX': 'Christmas Island', 'EH': 'Western Sahara',
    'FM': 'Micronesia, Federated States of', 'GA': 'Gabon', 'GB': 'United Kingdom (excluding Northern Ireland)',
    'GI': 'Gibraltar', 'GL': 'Greenland', 'GM': 'Gambia', 'GQ': 'Equatorial Guinea', 'GU': 'Guam',
    'HM': 'Heard Island and McDonald Islands', 'IR': 'Iran, Islamic Republic of', 'KH': 'Cambodia (Kampuchea)',
    'KM': 'Comoros (excluding Mayotte)', 'KP': 'North Korea (Democratic People\u2019s Republic of Korea)',
    'KR': 'Korea, Republic of (South Korea)', 'MD': 'Moldova, Republic of', 'MH': 'Marshall Islands, Republic of',
    'MK': 'Macedonia (Former Yugoslav Republic of)', 'MM': 'Myanmar', 'MO': 'Macao',
    'MP': 'Northern Mariana Islands', 'MV': 'Maldives', 'NC': 'New Caledonia and dependencies',
    'NF': 'Norfolk Island', 'NR': 'Nauru', 'NU': 'Niue Island', 'PF': 'French Polynesia',
    'PM': 'St Pierre and Miquelon', 'PN': 'Pitcairn', 'PS': 'Occupied palestinian Territory', 'PW': 'Palau',
    'QP': 'High seas (Maritime domain outside of territorial waters)', 'QQ': 'Stores and provisions',
    'QS': 'Stores and provisions within the framework of trade with Third Countries',
    'QU': 'Countries and territories not specified',
    'QW': 'Countries and territories not specified within the framework of trade with third countries',
    'RU': 'Russian Federation', 'SC': 'Seychelles and dependencies', 'SX': 'Sint Maarten (Dutch part)',
    'SZ': 'Swaziland', 'TF': 'French Southern Territories', 'TK': 'Tokelau', 'TL': 'Timor-Leste',
    'TM': 'Turkmenistan', 'TO': 'Tonga', 'TZ': 'Tanzania, United Republic of',
    'UM': 'United States Minor Outlying Islands', 'VA': 'Vatican City State', 'VC': 'St Vincent and the Grenadines',
    'VG': 'Virgin Islands, British', 'VI': 'Virgin Islands, United States', 'VN': 'Viet Nam',
    'WF': 'Wallis and Futuna Islands',
}
# children of 1011 ERGA OMNES in the XI tariff: every area but the EU member states (the EU itself is one)
XI_ERGA_OMNES = codes(
    'AD AE AF AG AI AL AM AO AQ AR AS AU AW AZ BA BB BD BF BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ '
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX DJ DM DO DZ EC EG EH ER ET EU FJ FK FM FO GA GB '
    'GD GE GH GI GL GM GN GQ GS GT GU GW GY HK HM HN HT ID IL IN IO IQ IR IS JM JO JP KE KG KH KI KM KN '
    'KP KR KW KY KZ LA LB LC LI LK LR LS LY MA MD ME MG MH MK ML MM MN MO MP MR MS MU MV MW MX MY MZ NA '
    'NC NE NF NG NI NO NP NR NU NZ OM PA PE PF PG PH PK PM PN PS PW PY QA QP QQ QS QU QW RU RW SA SB SC '
    'SD SG SH SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM '
    'US UY UZ VA VC VE VG VI VN VU WF WS XC XK XL XS YE ZA ZM ZW'
)
XI_GROUPS = {
    "1011": ("ERGA OMNES", XI_ERGA_OMNES),
    '1006': ('EU-Canada agreement: re-imported goods',
             codes('EU')),
    '1032': ('Economic Partnership Agreements',
             codes('CI KE')),
    '1033': ('CARIFORUM',
             codes('AG BB BS BZ DM DO GD GY HT JM KN LC SR TT VC')),
    '1034': ('Eastern and Southern Africa States',
             codes('KM MG MU SC ZW')),
    '1035': ('SADC EPA',
             codes('BW LS MZ NA SZ')),
    '2005': ('GSP-EBA (Special arrangement for the least-developed countries - Everything But Arms)',
             codes('AF AO BD BF BI BJ BT CD CF DJ ER ET GM GN GW HT KH KI KM LA LR LS MG ML MM MR MW MZ NE NP RW '
              'SB SD SL SN SO SS ST TD TG TL TV TZ UG VU YE ZM')),
    '2200': ('Central America',
             codes('CR GT HN NI PA SV')),
}

# id -> (description, series, component applicable code, validity start, series description); every one has
# order_number_capture_code 2 and trade_movement_code 0
XI_MEASURE_TYPES = {
    'VTZ': ('VAT zero rate', 'P', 0, '1971-12-31',
            'VAT'),
    '142': ('Tariff preference', 'C', 1, '1972-01-01',
            'Applicable duty'),
    '103': ('Third country duty', 'C', 1, '1972-01-01',
            'Applicable duty'),
    '713': ('Import control on genetically modified organisms (GMO) and products containing GMOs', 'B', 0, '2016-02-01',
            'Entry into free circulation or exportation subject to conditions'),
    '750': ('Import control of organic products', 'B', 0, '2017-01-01',
            'Entry into free circulation or exportation subject to conditions'),
    '106': ('Customs Union Duty', 'C', 1, '2006-01-01',
            'Applicable duty'),
    '762': ('Import control', 'B', 0, '2022-02-26',
            'Entry into free circulation or exportation subject to conditions'),
}

XI_FOOTNOTES = {
    '017': ('NC017',
            ('Entry under this subheading is subject to the conditions laid down in section II, paragraph F, '
             'of the preliminary provisions of the Combined Nomenclature.')),
    '701': ('TN701',
            ('According to the Council Regulation (EU) No 692/2014 (OJ L183, p. 9) it shall be prohibited to '
             'import into European Union goods originating in Crimea or Sevastopol. The prohibition shall not '
             'apply in respect of: (a) the execution until 26 September 2014, of trade contracts concluded '
             'before 25 June 2014, or of ancillary contracts necessary for the execution of such contracts, '
             'provided that the natural or legal persons, entity or body seeking to perform the contract have '
             'notified, at least 10 working days in advance, the activity or transaction to the competent '
             'authority of the Member State in which they are established. (b) goods originating in Crimea or '
             'Sevastopol which have been made available to the Ukrainian authorities for examination, for '
             'which compliance with the conditions conferring entitlement to preferential origin has been '
             'verified and for which a certificate of origin has been issued in accordance with Regulation '
             '(EU) No 978/2012 and Regulation (EU) No 374/2014 or in accordance with the EU-Ukraine '
             'Association Agreement. ------------------------- According to Council Regulation (EU) 2022/263 '
             '(OJ L42I, p. 77): I. It shall be prohibited to import into the European Union goods originating '
             'in non-government controlled areas of the Donetsk and Luhansk oblasts of Ukraine. The import '
             'prohibitions not apply in respect of: (a) the execution until 24 May 2022 of trade contracts '
             'concluded before 23 February 2022, or of ancillary contracts necessary for the execution of '
             'such contracts, provided that the natural or legal person, entity or body seeking to perform '
             'the contract has notified, at least 10 working days in advance, the activity or transaction to '
             'the competent authority of the Member State in which they are established; (b) goods '
             'originating in the specified territories which have been made available to the Ukrainian '
             'authorities for examination, for which compliance with the conditions conferring entitlement to '
             'preferential origin has been verified and for which a certificate of origin has been issued in '
             'accordance with the EU-Ukraine Association Agreement. II. It shall be prohibited to sell, '
             'supply, transfer or export goods and technology listed in Annex II to Council Regulation (EU) '
             '2022/263: (a) to any natural or legal person, entity or body in the specified territories, or '
             '(b) for use in the specified territories. Annex II shall include certain goods and technologies '
             'suited for use in the following key sectors: (i) transport; (ii) telecommunications; (iii) '
             'energy; (iv) the prospecting, exploration and production of oil, gas and mineral resources. It '
             'shall be prohibited to: (a) provide, directly or indirectly, technical assistance or brokering '
             'services related to the goods and technology listed in Annex II to Council Regulation (EU) '
             '2022/263, or related to the provision, manufacture, maintenance and use of such items to any '
             'natural or legal person, entity or body in the specified territories or for use in the '
             'specified territories; (b) provide, directly or indirectly, financing or financial assistance '
             'related to the goods and technology listed in Annex II to Council Regulation (EU) 2022/263 to '
             'any natural or legal person, entity or body in the specified territories or for use in the '
             'specified territories. The prohibitions in point II above shall be without prejudice to the '
             'execution until 24 August 2022 of an obligation arising from a contract concluded before 23 '
             'February 2022, or from ancillary contracts necessary for the execution of such contracts, '
             'provided that the competent authority has been informed at least five working days in advance.')),
    '03026': ('03026',
            'UK VAT zero rate'),
    'CD727': ('CD727',
            ('Eligibility to benefit from this preference is subject to the presentation of an origin '
             'declaration stating the European Union origin of the goods, in the context of the '
             'Canada-European Union Comprehensive Economic and Trade Agreement (CETA).')),
    'CD680': ('CD680',
            ('The release into free circulation of consignments of rice or products containing, consisting of '
             'or produced from rice shall be subject to the presentation of a CHED-D or a CVED-P duly '
             'completed by the competent authority once all official controls have been carried out. '
             'Exemptions apply to consignments which are destined to a private person for personal '
             'consumption and use only. ')),
    'CD808': ('CD808',
            ('If goods bear a reference to organic production in the labelling, advertising or accompanying '
             'documents, the declarant has to present the certificate of inspection C644 as referred to in '
             'the Article 45(1)(ii) of the Regulation (EC) No 834/2007 (equivalent products). If the goods '
             'are not equivalent products, code Y929 must be declared. These provisions shall apply in '
             'addition to the rules regarding the use of the Common Health Entry Document (CHED) by the '
             'competent authorities at border control posts in accordance with Article 56(3), point (b)(i), '
             'of Regulation (EU) 2017/625 and at control points in accordance with Commission Delegated '
             'Regulation (EU) 2019/2123 and with the rules on decisions on consignments laid down in Article '
             '55 of Regulation (EU) 2017/625. ')),
    'TM904': ('TM904',
            ('Preferences granted under the agreement between the European Union and Morocco in force from 19 '
             'July 2019.')),
    'CD860': ('CD860',
            ('According to Council Regulation (EU) 2022/263 (OJ L42I, p. 77): I. It shall be prohibited to '
             'import into the European Union goods originating in non-government controlled areas of the '
             'Donetsk and Luhansk oblasts of Ukraine. The import prohibitions not apply in respect of: (a) '
             'the execution until 24 May 2022 of trade contracts concluded before 23 February 2022, or of '
             'ancillary contracts necessary for the execution of such contracts, provided that the natural or '
             'legal person, entity or body seeking to perform the contract has notified, at least 10 working '
             'days in advance, the activity or transaction to the competent authority of the Member State in '
             'which they are established; (b) goods originating in the specified territories which have been '
             'made available to the Ukrainian authorities for examination, for which compliance with the '
             'conditions conferring entitlement to preferential origin has been verified and for which a '
             'certificate of origin has been issued in accordance with the EU-Ukraine Association Agreement. '
             'II. It shall be prohibited to sell, supply, transfer or export goods and technology listed in '
             'Annex II to Council Regulation (EU) 2022/263: (a) to any natural or legal person, entity or '
             'body in the specified territories, or (b) for use in the specified territories. Annex II shall '
             'include certain goods and technologies suited for use in the following key sectors: (i) '
             'transport; (ii) telecommunications; (iii) energy; (iv) the prospecting, exploration and '
             'production of oil, gas and mineral resources. The prohibitions in point II above shall be '
             'without prejudice to the execution until 24 August 2022 of an obligation arising from a '
             'contract concluded before 23 February 2022, or from ancillary contracts necessary for the '
             'execution of such contracts, provided that the competent authority has been informed at least '
             'five working days in advance.')),
}

# measure condition templates: (action, action_code, certificate_description, condition, condition_code,
# document_code, guidance_cds, guidance_chief, measure_condition_class, requirement); condition ids are
# constructed (XI_IDS)
XI_CONDITIONS = {
    'ceta': [
        ('Apply the mentioned duty', '27',
         ('Origin declaration stating European Union origin, in the context of the Canada-European Union '
          'Comprehensive Economic and Trade Agreement (CETA)'),
         'B: Presentation of a certificate/licence/document',
         'B',
         'U088',
         ('- Reference must be made to Annex 5-A of the CETA agreement.\n\n- Enter the reference number of the '
          'Origin declaration.\n\n- Where a sequentially numbered range of declarations cover the goods enter '
          'the lowest to the highest reference numbers of the declarations concerned, e.g. document code + '
          '0054037-0054047: status code.\n\n- Where declarations are not sequentially numbered enter the '
          'reference number of each declaration concerned.\n\n- Use one of the following [document status '
          'codes](https://www.gov.uk/government/publications/uk-trade-tariff-document-status-codes-for-harmoni'
          'sed-declarations/uk-trade-tariff-document-status-codes-for-harmonised-declarations): AE, AF, AG, '
          'AP, AS, AT, GE, GP, LE, LP, UA, UE, UP, US, XB'),
         '',
         'document',
         ('Proofs of origin: Origin declaration stating European Union origin, in the context of the '
          'Canada-European Union Comprehensive Economic and Trade Agreement (CETA)')),
        ('Measure not applicable', '07',
         None,
         'B: Presentation of a certificate/licence/document',
         'B',
         '',
         None,
         None,
         'negative',
         None),
    ],
    'gmo': [
        ('Import/export allowed after control', '29',
         ('Common Health Entry Document for Feed and Food of Non-Animal Origin (CHED-D) (as set out in Part '
          '2, Section D of Annex II to Commission Implementing Regulation (EU) 2019/1715 (OJ L 261))'),
         'Y: Other conditions',
         'Y',
         'C678',
         ('- Enter GBCHDyyyy. followed by the reference number of the CHED-D.\n\n- A separate C678 entry in DE '
          '2/3 is required for each individual CHED-D.\n\n- Note yyyy. represents the year in which the licence '
          "was issued, for example GBCHD2021.\n\n- The '.' after the year is part of the licence completion "
          'requirements\n\n- Use one of the following [document status '
          'codes](https://www.gov.uk/government/publications/uk-trade-tariff-document-status-codes-for-harmoni'
          'sed-declarations/uk-trade-tariff-document-status-codes-for-harmonised-declarations): AE, JA, JE, '
          'LE, LP, XX'),
         '',
         'document',
         ('Other certificates: Common Health Entry Document for Feed and Food of Non-Animal Origin (CHED-D) '
          '(as set out in Part 2, Section D of Annex II to Commission Implementing Regulation (EU) 2019/1715 '
          '(OJ L 261))')),
        ('Import/export allowed after control', '29',
         'Goods not consigned from China',
         'Y: Other conditions',
         'Y',
         'Y063',
         ("- Complete the statement 'Not consigned from China'.\n\n- Use of this code constitutes a legal "
          'declaration that the goods are not consigned from China.\n\n- Sufficient evidence must be held to '
          'demonstrate eligibility for this exemption which must be produced on demand.\n\n- No document status '
          'code is required.'),
         '',
         'exemption',
         'Particular provisions: Goods not consigned from China'),
        ('Import/export not allowed after control', '09',
         None,
         'Y: Other conditions',
         'Y',
         '',
         None,
         None,
         'negative',
         None),
    ],
    'gmo_cn': [
        ('Entry into free circulation allowed', '24',
         ('Common Health Entry Document for Feed and Food of Non-Animal Origin (CHED-D) (as set out in Part '
          '2, Section D of Annex II to Commission Implementing Regulation (EU) 2019/1715 (OJ L 261))'),
         'B: Presentation of a certificate/licence/document',
         'B',
         'C678',
         ('- Enter GBCHDyyyy. followed by the reference number of the CHED-D.\n\n- A separate C678 entry in DE '
          '2/3 is required for each individual CHED-D.\n\n- Note yyyy. represents the year in which the licence '
          "was issued, for example GBCHD2021.\n\n- The '.' after the year is part of the licence completion "
          'requirements\n\n- Use one of the following [document status '
          'codes](https://www.gov.uk/government/publications/uk-trade-tariff-document-status-codes-for-harmoni'
          'sed-declarations/uk-trade-tariff-document-status-codes-for-harmonised-declarations): AE, JA, JE, '
          'LE, LP, XX'),
         '',
         'document',
         ('Other certificates: Common Health Entry Document for Feed and Food of Non-Animal Origin (CHED-D) '
          '(as set out in Part 2, Section D of Annex II to Commission Implementing Regulation (EU) 2019/1715 '
          '(OJ L 261))')),
        ('The entry into free circulation is not allowed', '04',
         None,
         'B: Presentation of a certificate/licence/document',
         'B',
         '',
         None,
         None,
         'negative',
         None),
    ],
    'organic': [
        ('Import/export allowed after control', '29',
         'Certificate of inspection for organic products',
         'B: Presentation of a certificate/licence/document',
         'B',
         'C644',
         ('- Enter the reference number of the Certificate.\n\n- Where a sequentially numbered range of '
          'certificates covers the goods, enter the lowest to the highest reference numbers of the '
          'certificates concerned, e.g. document code + 0054037-0054047: status code.\n\n- Where certificates '
          'are not sequentially numbered, enter the reference number of each certificate concerned.\n\n- Use '
          'one of the following [document status codes](https://www.gov.uk/government/publications/uk-trade-ta'
          'riff-document-status-codes-for-harmonised-declarations/uk-trade-tariff-document-status-codes-for-ha'
          'rmonised-declarations): AE, AP, GE, LE, LP, UE'),
         ('- Use one of the [status codes](https://www.gov.uk/government/publications/uk-trade-tariff-document'
          '-status-codes-for-harmonised-declarations/uk-trade-tariff-document-status-codes-for-harmonised-decl'
          'arations) AE, AP, GE, LE, LP, UE.\n\n'),
         'document',
         'Other certificates: Certificate of inspection for organic products'),
        ('Import/export allowed after control', '29',
         'Goods not concerned by Regulation (EU) 2018/848 (organic products)',
         'B: Presentation of a certificate/licence/document',
         'B',
         'Y929',
         ("- Complete the statement 'Excluded from regulation 834/2007'.\n\n- Use of this code constitutes a "
          'legal declaration that the goods are not concerned by Regulation (EC) No 834/2007 (organic '
          'products) Council Regulation (EC) No 834/2007 on organic production and labelling of organic '
          'products.\n\n- Sufficient evidence must be held in records to demonstrate eligibility for this '
          'waiver which must be produced on demand.\n\n- No document status code is required.'),
         '',
         'exemption',
         'Particular provisions: Goods not concerned by Regulation (EU) 2018/848 (organic products)'),
        ('Import/export not allowed after control', '09',
         None,
         'B: Presentation of a certificate/licence/document',
         'B',
         '',
         None,
         None,
         'negative',
         None),
    ],
    'ua': [
        ('Import/export allowed after control', '29',
         ('The prohibitions defined in articles 2.1 and 4.1 of Council Regulation (EU) 2022/263 do not apply '
          '(see exemptions in articles 2.2 and 4.3)'),
         'Y: Other conditions',
         'Y',
         'Y983',
         None,
         None,
         'exemption',
         ('Particular provisions: The prohibitions defined in articles 2.1 and 4.1 of Council Regulation (EU) '
          '2022/263 do not apply (see exemptions in articles 2.2 and 4.3)')),
        ('Import/export allowed after control', '29',
         'Goods not originating from or not destined for the areas of the Donetsk and Luhansk oblasts',
         'Y: Other conditions',
         'Y',
         'Y984',
         None,
         None,
         'exemption',
         ('Particular provisions: Goods not originating from or not destined for the areas of the Donetsk and '
          'Luhansk oblasts')),
        ('Import/export allowed after control', '29',
         'Movement certificate EUR.1',
         'Y: Other conditions',
         'Y',
         'N954',
         ('- Enter the reference number of the Certificate.\n\n- Where a sequentially numbered range of '
          'certificates covers the goods, enter the lowest to the highest reference numbers of the '
          'certificates concerned, e.g. document code + 0054037-0054047: status code.\n\n- Where certificates '
          'are not sequentially numbered, enter the reference number of each certificate concerned.\n\n- Use '
          'one of the following [document status codes](https://www.gov.uk/government/publications/uk-trade-ta'
          'riff-document-status-codes-for-harmonised-declarations/uk-trade-tariff-document-status-codes-for-ha'
          'rmonised-declarations): AE, AF, AG, AP, AS, AT, GE, GP, JE, JP, LE, LP, UA, UE, UP, US, XB'),
         ('- Use one of the [status codes](https://www.gov.uk/government/publications/uk-trade-tariff-document'
          '-status-codes-for-harmonised-declarations/uk-trade-tariff-document-status-codes-for-harmonised-decl'
          'arations) AE, AF, AG, AP, AS, AT, GE, GP, JE, JP, LE, LP, UA, UE, UP, US, XA, XB.\n\n- Also insert '
          'the serial number of the Certificate.\n\n- Where a sequentially numbered range of certificates '
          'covers the goods, insert the lowest to the highest serial numbers of the certificates concerned, '
          'e.g. document code + 0054037-0054047: status code.\n\n- Where certificates are not sequentially '
          'numbered, insert the serial number of each certificate concerned.\n\n- When this document is used at '
          'export, then where the certificates used are in a numbered range enter only the lowest numbered '
          "and highest numbered certificates in the range otherwise\n\n- 'various' is permitted.\n\n"),
         'document',
         'UN/EDIFACT certificates: Movement certificate EUR.1'),
        ('Import/export not allowed after control', '09',
         None,
         'Y: Other conditions',
         'Y',
         '',
         None,
         None,
         'negative',
         None),
    ],
}
XI_CHAPTER_NOTES = {
    "10": ('1. (A) The products specified in the headings of this chapter are to be classified in those '
           'headings only if grains are present, whether or not in the ear or on the stalk.\r\n\r\n\t(B) The '
           'chapter does not cover grains which have been hulled or otherwise worked. However, rice, husked, '
           'milled, polished, glazed, parboiled or broken remains classified in heading 1006.\r\n\r\n2. Heading '
           "1005 does not cover sweetcorn (Chapter 7).\r\n\r\n### Subheading note\r\n\r\n1. The term 'durum "
           "wheat' means wheat of the species Triticum durum and the hybrids derived from the inter-specific "
           'crossing of Triticum durum which have the same number (28) of chromosomes as that '
           'species.\r\n\r\n### Additional chapter notes\r\n\r\n1. The following terms have the meanings '
           'hereunder assigned to them:\r\n\r\n\t- (a) \u2018round grain rice\u2019 (subheadings 1006 10 30, '
           '1006 20 11, 1006 20 92, 1006 30 21, 1006 30 42, 1006 30 61 and 1006 30 92): rice, the grains of '
           'which are of a length not exceeding 5.2 mm and of a length/width ratio of less than 2;\r\n\r\n\t- '
           '(b) \u2018medium grain rice\u2019 (subheadings 1006 10 50, 1006 20 13, 1006 20 94, 1006 30 23, 1006 '
           '30 44, 1006 30 63 and 1006 30 94): rice, the grains of which are of a length exceeding 5.2 mm but '
           'not exceeding 6.0 mm and of a length/width ratio of less than 3;\r\n\r\n\t- (c) \u2018long grain '
           'rice\u2019 (subheadings 1006 10 71, 1006 10 79, 1006 20 15, 1006 20 17, 1006 20 96, 1006 20 98, '
           '1006 30 25, 1006 30 27, 1006 30 46, 1006 30 48, 1006 30 65, 1006 30 67, 1006 30 96 and 1006 30 '
           '98): rice, the grains of which are of a length exceeding 6.0 mm;\r\n\r\n\t- (d) \u2018paddy '
           'rice\u2019 (subheadings 1006 10 30, 1006 10 50, 1006 10 71 and 1006 10 79): rice which has retained '
           'its husk after threshing;\r\n\r\n\t- (e) \u2018husked rice\u2019 (subheadings 1006 20 11, 1006 20 '
           '13, 1006 20 15, 1006 20 17, 1006 20 92, 1006 20 94, 1006 20 96 and 1006 20 98): rice from which '
           'only the husk has been removed. Examples of rice falling within this definition are those with '
           'the commercial descriptions \u2018brown rice\u2019, \u2018cargo rice\u2019, \u2018loonzain\u2019 '
           'and \u2018riso sbramato\u2019;\r\n\r\n\t- (f) \u2018semi-milled rice\u2019 (subheadings 1006 30 21, '
           '1006 30 23, 1006 30 25, 1006 30 27, 1006 30 42, 1006 30 44, 1006 30 46 and 1006 30 48): rice from '
           'which the husk, part of the germ and the whole or part of the outer layers of the pericarp, but '
           'not the inner layers, have been removed;\r\n\r\n\t- (g) \u2018wholly milled rice\u2019 (subheadings '
           '1006 30 61, 1006 30 63, 1006 30 65, 1006 30 67, 1006 30 92, 1006 30 94, 1006 30 96 and 1006 30 '
           '98): rice from which the husk, the whole of the outer and inner layers of the pericarp, the whole '
           'of the germ in the case of long or medium grain rice, and at least part thereof in the case of '
           'round grain rice, have been removed, but in which longitudinal white striations may remain on not '
           'more than 10 % of the grains;\r\n\r\n\t- (h) \u2018broken rice\u2019 (subheading 1006 40): grain '
           'fragments, the length of which does not exceed three-quarters of the average length of the whole '
           'grain.\r\n\r\n2. The duty-rate applicable to mixtures of this chapter is as follows:\r\n\r\n\t- (a) '
           'in mixtures where one of the components represents at least 90 % by weight, the rate applicable '
           'to that component applies;\r\n\t\r\n\t- (b) in other mixtures, the rate applicable is that of the '
           'component which results in the highest amount of import duty.'),
}

# EU preferences applied in Northern Ireland, by area: (measure type, start, end, legal acts, excluded areas,
# footnotes, condition template, duty calculator scheme_code). Facts about the EU's agreements, the legal
# acts that implement them and the calculator's schemes; the measures that carry them are constructed
# (ids from XI_IDS, duties per line).
XI_PREFERENCES = {
    '1006': ('142', '2017-09-21', None, ['D1700370'], [], ['CD727'], 'ceta', None),
    '1032': ('142', '2016-07-28', None, ['R1610760'], [], [], None, None),
    '1033': ('142', '2010-01-01', None, ['D0808050'], ['HT'], [], None, 'cariforum'),
    '1034': ('142', '2012-05-14', None, ['D1201960'], [], [], None, 'esa'),
    '1035': ('142', '2016-10-10', None, ['D1616231'], [], [], None, 'sacum'),
    '2005': ('142', '2022-01-18', None, ['R1209782'], [], [], None, 'gsp'),
    '2200': ('142', '2015-01-01', None, ['D120734B'], [], [], None, 'central-america'),
    'AD': ('142', '1991-07-01', None, ['D9006800'], [], [], None, 'eu'),
    'AL': ('142', '2009-04-01', None, ['D0903320'], [], [], None, 'albania'),
    'BA': ('142', '2009-01-01', None, ['D0804740'], [], [], None, None),
    'CA': ('142', '2017-09-21', None, ['D1700370'], [], [], None, 'canada'),
    'CL': ('142', '2007-01-01', None, ['D0209790'], [], [], None, 'chile'),
    'CM': ('142', '2014-08-04', None, ['D0901520'], [], [], None, 'cameroon'),
    'CO': ('142', '2013-08-01', None, ['D1207350'], [], [], None, 'andean'),
    'EC': ('142', '2017-01-01', None, ['D1623690'], [], [], None, 'andean'),
    'EH': ('142', '2019-07-19', None, ['D1902170'], [], ['TM904'], None, None),
    'FJ': ('142', '2014-07-28', None, ['D0907290'], [], [], None, 'pacific'),
    'GB': ('142', '2021-01-01', None, ['D2022530'], [], [], None, None),
    'GE': ('142', '2014-09-01', None, ['D1404940'], [], [], None, 'georgia'),
    'GH': ('142', '2016-12-15', None, ['D1618500'], [], [], None, 'ghana'),
    'IL': ('142', '2010-01-01', None, ['D0908550', 'D0003840'], [], [], None, 'israel'),
    'IS': ('142', '2018-05-01', None, ['D1719130'], [], [], None, 'iceland-norway'),
    'JO': ('142', '2006-01-01', None, ['D0600670', 'D0203570'], [], [], None, 'jordan'),
    'LB': ('142', '2006-04-01', None, ['D0603560'], [], [], None, 'lebanon'),
    'MA': ('142', '2012-10-01', None, ['D1204970', 'D0002040'], [], [], None, 'morocco'),
    'MD': ('142', '2016-01-01', None, ['D1404920'], [], [], None, 'moldova'),
    'ME': ('142', '2010-05-01', None, ['D1002240'], [], [], None, None),
    'MK': ('142', '2009-01-01', None, ['D0402390'], [], [], None, 'north-macedonia'),
    'PE': ('142', '2016-01-01', None, ['D1207351'], [], [], None, 'andean'),
    'PG': ('142', '2010-01-01', None, ['D0907290'], [], [], None, 'pacific'),
    'PS': ('142', '2012-01-01', None, ['D1108240', 'D9704300'], [], [], None, 'palestinian-authority'),
    'SB': ('142', '2020-05-17', None, ['D0907290'], [], [], None, 'pacific'),
    'SG': ('142', '2021-11-21', '2022-11-20', ['D1918753'], [], [], None, 'singapore'),  # staging year 3
    'SM': ('106', '2006-01-01', None, ['D0202451'], [], [], None, None),  # customs union
    'TR': ('142', '1998-01-01', None, ['D9802230'], [], [], None, 'turkey'),
    'UA': ('142', '2016-01-01', None, ['D1402950'], [], [], None, 'ukraine'),
    'VN': ('142', '2020-08-01', None, ['D2007530'], [], [], None, 'vietnam'),
    'WS': ('142', '2018-12-31', None, ['D0907290'], [], [], None, 'pacific'),
    'XK': ('142', '2016-04-01', None, ['D1603420'], [], [], None, 'kosovo'),
    'XS': ('142', '2010-02-01', None, ['D1000360'], [], [], None, 'serbia'),
}
# VAT and the EU controls on chapter 10 in Northern Ireland: (measure type, area, start, end, legal acts,
# excluded areas, footnotes, condition template). UK VAT zero rate (a national measure), organic products
# (Regulation (EU) 2021/2306), the import ban on the non-government controlled areas of Ukraine (Regulation
# (EU) 2022/263, with its derogation end date) and, on rice, the GMO control of rice products from China
# (Decision 2011/884/EU).
XI_CONTROLS = {
    'vat': ('VTZ', '1011', '2020-09-01', None, [], [], ['03026'], None),
    'organic': ('750', '1011', '2022-01-01', None, ['R2123060'], ['CH', 'IS', 'LI', 'NO'], ['CD808'], 'organic'),
    'ua': ('762', 'UA', '2022-02-26', '2022-05-24', ['R2202630'], [], ['CD860'], 'ua'),
    'gmo': ('713', '1011', '2016-02-01', None, ['D1108840'], ['CN'], ['CD680'], 'gmo'),
    'gmo_cn': ('713', 'CN', '2016-02-01', None, ['D1108840'], [], ['CD680'], 'gmo_cn'),
}


def _xi_legal_act(act_id: str) -> dict:
    """A legal act as the XI tariff publishes it (EU regulation code and EUR-Lex search URL, description)."""
    start, journal, page, published, description = XI_LEGAL_ACT_DATA[act_id]
    url = (f"http://eur-lex.europa.eu/search.html?whOJ=NO_OJ%3D{journal.removeprefix('L ')},"
           f"YEAR_OJ%3D{published[:4]},PAGE_FIRST%3D{page:04d}&DB_COLL_OJ=oj-l&type=advanced&lang=en")
    return {"id": act_id, "type": "legal_act", "attributes": {
        "validity_start_date": ts(start), "validity_end_date": None, "officialjournal_number": journal,
        "officialjournal_page": page, "published_date": published,
        "regulation_code": f"{act_id[0]}{act_id[3:7]}/{act_id[1:3]}", "regulation_url": url,
        "description": description}}


LEGAL_ACTS.update({act_id: _xi_legal_act(act_id) for act_id in XI_LEGAL_ACT_DATA})
XI_NAMES = {**COUNTRIES, **XI_AREA_NAMES}
FOOTNOTES_XI = {fid: _footnote(fid, code, text) for fid, (code, text) in XI_FOOTNOTES.items()}

XI_RICE_HEADING = "1006"  # its lines carry the GMO controls on rice (XI_CONTROLS gmo, gmo_cn)
# Third-country duty (measure type 103) and preference profile of every XI line: the EU Combined
# Nomenclature 2022 conventional rates (Annex I), the rates the GB rule in README.md starts from.
XI_LINES = {
    "1001110000": ("148.00 EUR / 1000 kg", "cereal"),
    "1001190000": ("148.00 EUR / 1000 kg", "cereal"),
    "1001911000": ("12.80 %", "cereal"),
    "1001912000": ("95.00 EUR / 1000 kg", "cereal"),
    "1001990000": ("95.00 EUR / 1000 kg", "cereal"),
    "1006101000": ("7.70 %", "all"),
    "1006103000": ("211.00 EUR / 1000 kg", "cereal"),
    "1006107900": ("211.00 EUR / 1000 kg", "cereal"),
    "1006209200": ("65.00 EUR / 1000 kg", "cereal"),
    "1006306100": ("175.00 EUR / 1000 kg", "cereal"),
    "1006309600": ("175.00 EUR / 1000 kg", "cereal"),
    "1006309800": ("175.00 EUR / 1000 kg", "cereal"),
    "1006400000": ("65.00 EUR / 1000 kg", "cereal"),
    "1008100000": ("37.00 EUR / 1000 kg", "all"),
    "1008290000": ("56.00 EUR / 1000 kg", "all"),
    "1008300000": ("0.00 %", "zero"),
    "1008500000": ("37.00 EUR / 1000 kg", "all"),
}
# Footnotes of the lines (default: TN701, Crimea/Sevastopol); CN footnote NC017 on subheadings for sowing
XI_LINE_FOOTNOTES = {"1006101000": ["017", "701"]}
# Areas with a preference, per profile: "all" has every agreement of XI_PREFERENCES (ad valorem lines and
# minor cereals); "cereal" (wheat and the rice lines with specific duties, where the EU's free-trade
# agreements mostly give tariff quotas instead) the EPAs, EBA, the Western Balkans, Andorra, San Marino,
# Georgia, the UK (TCA) and Singapore.
XI_PROFILES = {
    "all": sorted(XI_PREFERENCES),
    "cereal": ["1032", "1033", "1034", "1035", "2005", "AD", "AL", "BA", "CM", "FJ", "GB", "GE", "GH", "ME", "MK",
               "PG", "SB", "SG", "SM", "WS", "XK", "XS"],
    "zero": [],
}
# Staged preferences: the share of the third-country duty in force in June 2022 (EU-Singapore, category
# "zero duty in four years" from 2019-11-21: the third year is a quarter of the base, 7.70 % -> 1.90 %).
XI_STAGED = {"SG": 0.25}
# start and legal acts of the EU third-country duties (CN 2000 measure 103, CN 1988)
XI_THIRD_COUNTRY = ("2000-07-01", ["R9922040", "R8726580"])


# the constructed XI measures and conditions: above the EU ids of the format's era, so they never coincide
# with a real measure
XI_IDS = Ids("uk_trade_tariff xi measure ids", 3905000, (3, 60), -600000, (3, 60), 1690000)


def xi_condition_objs(template: str, ids: list[str]) -> list[dict]:
    out = []
    for cid, row in zip(ids, XI_CONDITIONS[template], strict=True):
        action, action_code, certificate, condition, code, document, cds, chief, kind, requirement = row
        out.append({"id": cid, "type": "measure_condition", "attributes": {
            "action": action, "action_code": action_code, "certificate_description": certificate,
            "condition": condition, "condition_code": code, "condition_duty_amount": None,
            "condition_measurement_unit_code": None, "condition_measurement_unit_qualifier_code": None,
            "condition_monetary_unit_code": None, "document_code": document, "duty_expression": "",
            "guidance_cds": cds, "guidance_chief": chief, "measure_condition_class": kind,
            "monetary_unit_abbreviation": None, "requirement": requirement},
            "relationships": {"measure_condition_components": {"data": []}}})
    return out


def xi_measure(mid: str, mtype: str, geo: str, duty: str | list[tuple], start: str, end: str | None,
               legal: list[str], excluded: list[str], footnotes: list[str], template: str | None,
               scheme: str | None) -> dict:
    """A measure of the XI tariff (same dict as new_measure, plus reporter and scheme_code)."""
    comps = duty if isinstance(duty, list) else parse_duty(duty) if duty else []
    conditions = xi_condition_objs(template, [XI_IDS.condition() for _ in XI_CONDITIONS[template]]) if template else []
    return {"id": mid, "type": mtype, "geo": geo, "comps": comps, "legal": list(legal), "start": start, "end": end,
            "origin": "uk" if mid.startswith("-") else "eu", "export": False, "conditions": conditions,
            "footnotes": list(footnotes), "excluded": list(excluded), "addcode": None, "order": None,
            "reporter": "XI", "scheme": scheme}


def xi_order(m: dict) -> tuple:
    """The order of a commodity's import measures in the XI format: national measures (VAT) first, then by
    geographical area id and measure type."""
    return (m["origin"] != "uk", m["geo"], m["type"])


def xi_control(key: str) -> dict:
    mtype, geo, start, end, legal, excluded, footnotes, template = XI_CONTROLS[key]
    mid = XI_IDS.national() if mtype == "VTZ" else XI_IDS.measure()
    return xi_measure(mid, mtype, geo, "0.00 %" if mtype == "VTZ" else "", start, end, legal, excluded, footnotes,
                      template, None)


# One EU measure applies to many lines: VAT and the controls of chapter 10 are shared by all its lines, the GMO
# controls by every rice line.
XI_CHAPTER_MEASURES = [xi_control(key) for key in ("vat", "organic", "ua")]
XI_RICE_MEASURES = [xi_control(key) for key in ("gmo", "gmo_cn")]


class XiHeadingContext:
    """XI measures shared by the lines of a heading: a free preference is one measure for the heading, a
    staged one is per line."""

    su = None

    def __init__(self, heading: dict) -> None:
        self.heading = heading
        self.free: dict[str, dict] = {}

    def preference(self, geo: str, mfn: list[tuple]) -> dict:
        mtype, start, end, legal, excluded, footnotes, template, scheme = XI_PREFERENCES[geo]
        if geo in XI_STAGED:
            staged = [(d, floor10(a * XI_STAGED[geo]), m, u, q) for d, a, m, u, q in mfn]
            return xi_measure(XI_IDS.measure(), mtype, geo, staged, start, end, legal, excluded, footnotes,
                              template, scheme)
        if geo not in self.free:
            self.free[geo] = xi_measure(XI_IDS.measure(), mtype, geo, "0.00 %", start, end, legal, excluded,
                                        footnotes, template, scheme)
        return self.free[geo]


def xi_line_measures(node: dict, ctx: XiHeadingContext) -> tuple[list[dict], list[dict], list[str]]:
    """Import measures, export measures and overview measure ids of one declarable XI line."""
    duty, profile = XI_LINES[node["code"]]
    mfn = parse_duty(duty)
    start, legal = XI_THIRD_COUNTRY
    imports = [*XI_CHAPTER_MEASURES, xi_measure(XI_IDS.measure(), "103", "1011", mfn, start, None, legal, [], [],
                                                None, None)]
    if ctx.heading["code"] == XI_RICE_HEADING:
        imports += XI_RICE_MEASURES
    imports += [ctx.preference(geo, mfn) for geo in XI_PROFILES[profile]]
    imports.sort(key=xi_order)
    third = next(m for m in imports if m["type"] == "103")
    vat = next(m for m in imports if m["type"] == "VTZ")
    return imports, [], [third["id"], vat["id"]]


# --------------------------------------------------------------------------------------------
# JSON:API objects
# --------------------------------------------------------------------------------------------


def groups_of(reporter: str) -> dict:
    return XI_GROUPS if reporter == "XI" else GROUPS


def geo_obj(geo: str, reporter: str = "GB") -> dict:
    groups = groups_of(reporter)
    if geo in groups:
        desc, children = groups[geo]
        return {"id": geo, "type": "geographical_area",
                "attributes": {"id": geo, "description": desc, "geographical_area_id": geo},
                "relationships": {"children_geographical_areas": {
                    "data": [ref("geographical_area", c) for c in children]}}}
    names = XI_NAMES if reporter == "XI" else COUNTRIES
    return {"id": geo, "type": "geographical_area",
            "attributes": {"id": geo, "description": names[geo], "geographical_area_id": geo}}


def measure_type_obj(mtype: str, long_form: bool = False, reporter: str = "GB") -> dict:
    if reporter == "XI":  # always the long form, with the EU values
        desc, series, applicable, start, series_desc = XI_MEASURE_TYPES[mtype]
        return {"id": mtype, "type": "measure_type", "attributes": {
            "description": desc, "measure_type_series_id": series, "measure_component_applicable_code": applicable,
            "order_number_capture_code": 2, "trade_movement_code": 0, "validity_end_date": None,
            "validity_start_date": ts(start), "id": mtype, "measure_type_series_description": series_desc}}
    desc, series = MEASURE_TYPES[mtype]
    if long_form:  # as in heading documents
        attrs = {"description": desc, "measure_type_series_id": None, "measure_component_applicable_code": None,
                 "order_number_capture_code": None, "trade_movement_code": None, "validity_end_date": None,
                 "validity_start_date": None, "id": mtype, "measure_type_series_description": None}
    else:
        attrs = {"description": desc, "national": None, "measure_type_series_id": series, "id": mtype}
    return {"id": mtype, "type": "measure_type", "attributes": attrs}


def duty_expression_obj(m: dict) -> dict:
    return {"id": f"{m['id']}-duty_expression", "type": "duty_expression",
            "attributes": {"base": format_duty(m["comps"]), "formatted_base": format_duty(m["comps"], html=True)}}


def component_obj(m: dict, comp: tuple) -> dict:
    deid, amount, money, unit, qualifier = comp
    desc, abbr = DUTY_EXPRESSIONS[deid]
    if m.get("reporter") == "XI":  # the XI generation: other key order, zero as 0, empty relationships
        return {"id": f"{m['id']}-{deid}", "type": "measure_component", "attributes": {
            "duty_expression_id": deid, "duty_amount": amount or 0, "monetary_unit_code": money,
            "monetary_unit_abbreviation": None, "measurement_unit_code": unit,
            "measurement_unit_qualifier_code": qualifier, "duty_expression_description": desc,
            "duty_expression_abbreviation": abbr}, "relationships": {}}
    return {"id": f"{m['id']}-{deid}", "type": "measure_component", "attributes": {
        "duty_expression_id": deid, "duty_amount": amount, "monetary_unit_code": money,
        "monetary_unit_abbreviation": None, "measurement_unit_code": unit, "duty_expression_description": desc,
        "duty_expression_abbreviation": abbr, "measurement_unit_qualifier_code": qualifier}}


def order_objs(order: str) -> list[dict]:
    def_id, initial, balance, status, last = ORDER_NUMBERS[order]
    definition = {"id": def_id, "type": "definition", "attributes": {
        "initial_volume": initial, "validity_start_date": ts("2022-01-01"), "validity_end_date": te("2022-12-31"),
        "status": status, "description": None, "balance": balance, "measurement_unit": "Kilogram (kg)",
        "monetary_unit": None, "measurement_unit_qualifier": None, "last_allocation_date": last,
        "suspension_period_start_date": None, "suspension_period_end_date": None,
        "blocking_period_start_date": None, "blocking_period_end_date": None}}
    number = {"id": order, "type": "order_number", "attributes": {"number": order},
              "relationships": {"definition": {"data": ref("definition", def_id)}}}
    return [definition, number]


def xi_measure_obj(m: dict) -> dict:
    """A measure of the XI generation (the XI sample's format): more attributes, resolved components, meta."""
    rels = {
        "duty_expression": {"data": ref("duty_expression", f"{m['id']}-duty_expression")},
        "measure_type": {"data": ref("measure_type", m["type"])},
        "legal_acts": {"data": [ref("legal_act", a) for a in m["legal"]]},
        "measure_conditions": {"data": [ref("measure_condition", c["id"]) for c in m["conditions"]]},
        "measure_components": {"data": [ref("measure_component", f"{m['id']}-{c[0]}") for c in m["comps"]]},
        "resolved_measure_components": {"data": []},
        "national_measurement_units": {"data": []},
        "geographical_area": {"data": ref("geographical_area", m["geo"])},
        "excluded_countries": {"data": [ref("geographical_area", g) for g in m["excluded"]]},
        "footnotes": {"data": [ref("footnote", f) for f in m["footnotes"]]},
        "order_number": {"data": None},
    }
    return {"id": m["id"], "type": "measure", "attributes": {
        "id": int(m["id"]), "origin": m["origin"], "effective_start_date": ts(m["start"]),
        "effective_end_date": ts(m["end"]) if m["end"] else None, "import": True, "export": m["export"],
        "excise": False, "vat": m["type"] in ("VTZ", "VTS"), "reduction_indicator": None, "meursing": False,
        "resolved_duty_expression": "", "universal_waiver_applies": False}, "relationships": rels,
        "meta": {"duty_calculator": {"source": "xi", "scheme_code": m["scheme"]}}}


def measure_obj(m: dict) -> dict:
    if m.get("reporter") == "XI":
        return xi_measure_obj(m)
    rels = {
        "duty_expression": {"data": ref("duty_expression", f"{m['id']}-duty_expression")},
        "measure_type": {"data": ref("measure_type", m["type"])},
        "legal_acts": {"data": [ref("legal_act", a) for a in m["legal"]]},
        "measure_conditions": {"data": [ref("measure_condition", c["id"]) for c in m["conditions"]]},
        "measure_components": {"data": [ref("measure_component", f"{m['id']}-{c[0]}") for c in m["comps"]]},
        "national_measurement_units": {"data": []},
        "geographical_area": {"data": ref("geographical_area", m["geo"])},
        "excluded_countries": {"data": [ref("geographical_area", g) for g in m["excluded"]]},
        "footnotes": {"data": [ref("footnote", f) for f in m["footnotes"]]},
    }
    if m["addcode"]:
        rels["additional_code"] = {"data": ref("additional_code", ADDITIONAL_CODES[m["addcode"]][0])}
    rels["order_number"] = {"data": ref("order_number", m["order"]) if m["order"] else None}
    return {"id": m["id"], "type": "measure", "attributes": {
        "id": int(m["id"]), "origin": m["origin"], "effective_start_date": ts(m["start"]),
        "effective_end_date": te(m["end"]) if m["end"] else None, "import": True, "export": m["export"],
        "excise": m["type"] == "306", "vat": m["type"] == "305"}, "relationships": rels}


class Included:
    """The ``included`` array: each object once, in first-use order."""

    def __init__(self, reporter: str = "GB") -> None:
        self.reporter = reporter
        self.items: list[dict] = []
        self.keys: set[tuple[str, str]] = set()

    def add(self, obj: dict) -> None:
        key = (obj["type"], obj["id"])
        if key not in self.keys:
            self.keys.add(key)
            self.items.append(obj)

    def add_measure(self, m: dict) -> None:
        self.add(duty_expression_obj(m))
        self.add(measure_type_obj(m["type"], reporter=self.reporter))
        for act in m["legal"]:
            self.add(LEGAL_ACTS[act])
        for cond in m["conditions"]:
            self.add(cond)
        for comp in m["comps"]:
            self.add(component_obj(m, comp))
        if m["order"]:
            for obj in order_objs(m["order"]):
                self.add(obj)
        groups = groups_of(self.reporter)
        if m["geo"] in groups:
            for child in groups[m["geo"]][1]:
                self.add(geo_obj(child, self.reporter))
        self.add(geo_obj(m["geo"], self.reporter))
        for geo in m["excluded"]:
            self.add(geo_obj(geo, self.reporter))
        for fid in m["footnotes"]:
            self.add(footnotes_of(self.reporter)[fid])
        if m["addcode"]:
            self.add(additional_code_obj(m["addcode"]))
        self.add(measure_obj(m))


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


def section_obj(position: int, with_id: bool = False) -> dict:
    numeral, title, _first, _last, _note_id, note = SECTIONS[position]
    attrs = {"id": position} if with_id else {}
    attrs.update({"numeral": numeral, "title": title, "position": position})
    if note:
        attrs["section_note"] = note
    return {"id": str(position), "type": "section", "attributes": attrs}


def footnotes_of(reporter: str) -> dict:
    return FOOTNOTES_XI if reporter == "XI" else FOOTNOTES


def chapter_note(chapter: str, reporter: str) -> str:
    return (XI_CHAPTER_NOTES if reporter == "XI" else CHAPTER_NOTES)[chapter]


def chapter_obj(chapter: str, forum_url: bool, reporter: str = "GB") -> dict:
    sid, desc, _hf, _ht, _section, guides = CHAPTERS[chapter]
    attrs = {"goods_nomenclature_item_id": f"{chapter}00000000", "description": desc,
             "formatted_description": formatted(desc), "chapter_note": chapter_note(chapter, reporter)}
    if forum_url:
        attrs["forum_url"] = None
    return {"id": str(sid), "type": "chapter", "attributes": attrs,
            "relationships": {"guides": {"data": [ref("guide", g) for g in guides]}}}


def context_objs(chapter: str, forum_url: bool, reporter: str = "GB") -> list[dict]:
    section = CHAPTERS[chapter][4]
    return [section_obj(section), *(guide_obj(g) for g in CHAPTERS[chapter][5]),
            chapter_obj(chapter, forum_url, reporter)]


def base_relationships(heading: dict) -> dict:
    chapter = heading["chapter"]
    return {"footnotes": {"data": [ref("footnote", "701")]},
            "section": {"data": ref("section", str(CHAPTERS[chapter][4]))},
            "chapter": {"data": ref("chapter", str(CHAPTERS[chapter][0]))}}


def applicable_units(measures: list[dict]) -> dict:
    units: dict = {}
    for m in measures:
        if m["type"] in ("103", "142", "143", "306"):
            for comp in m["comps"]:
                if comp[3] and comp[3] in APPLICABLE_UNITS:
                    units.setdefault(comp[3], APPLICABLE_UNITS[comp[3]])
    return dict(sorted(units.items()))


def basic_duty_rate(spec: dict) -> str | None:
    comps = parse_duty(spec["mfn"])
    if spec.get("mfn_additional_codes") or len(comps) > 1:
        return None
    return format_duty(comps, html=True)


def tree(heading: dict) -> list[dict]:
    """Nodes of a heading with leaf and parent_sid computed from the indents."""
    nodes = [dict(zip(("code", "suffix", "indent", "desc", "sid", "spec"), n, strict=True)) for n in heading["nodes"]]
    stack: list[dict] = []
    for i, node in enumerate(nodes):
        while stack and stack[-1]["indent"] >= node["indent"]:
            stack.pop()
        node["parent"] = stack[-1] if stack else None
        node["ancestors"] = list(stack)
        nxt = nodes[i + 1] if i + 1 < len(nodes) else None
        node["leaf"] = nxt is None or nxt["indent"] <= node["indent"]
        stack.append(node)
        if node["leaf"] != (node["spec"] is not None) or (node["leaf"] and node["suffix"] != "80"):
            raise ValueError(f"{heading['code']}: {node['code']}-{node['suffix']} leaf/spec mismatch")
    return nodes


def commodity_doc(heading: dict, node: dict, imports: list[dict], exports: list[dict], reporter: str = "GB") -> dict:
    spec = node["spec"]
    attrs = {"producline_suffix": node["suffix"], "description": node["desc"], "number_indents": node["indent"],
             "goods_nomenclature_item_id": node["code"], "bti_url": BTI_URL,
             "formatted_description": node["desc"], "description_plain": node["desc"], "consigned": False,
             "consigned_from": None, "basic_duty_rate": basic_duty_rate(spec), "meursing_code": False,
             "declarable": True}
    rels = base_relationships(heading)
    rels["heading"] = {"data": ref("heading", str(heading["sid"]))}
    rels["ancestors"] = {"data": [ref("commodity", str(a["sid"])) for a in node["ancestors"]]}
    rels["import_measures"] = {"data": [ref("measure", m["id"]) for m in imports]}
    rels["export_measures"] = {"data": [ref("measure", m["id"]) for m in exports]}
    meta = {"duty_calculator": {"zero_mfn_duty": all(c[1] == 0 for c in parse_duty(spec["mfn"])),
                                "trade_defence": spec.get("trade_defence", False),
                                "applicable_measure_units": applicable_units(imports),
                                "meursing_code": False, "entry_price_system": False}}
    if reporter == "XI":  # the XI document's attributes, footnotes and meta
        third = next(m for m in imports if m["type"] == "103")
        attrs["basic_duty_rate"] = format_duty(third["comps"], html=True)
        rels["footnotes"] = {"data": [ref("footnote", f) for f in XI_LINE_FOOTNOTES.get(node["code"], ["701"])]}
        meta = {"duty_calculator": {"applicable_additional_codes": {},
                                    "applicable_measure_units": applicable_units(imports),
                                    "applicable_vat_options": {"VAT": "VAT zero rate (0.0%)"},
                                    "entry_price_system": False, "meursing_code": False, "source": "xi",
                                    "trade_defence": False, "zero_mfn_duty": all(c[1] == 0 for c in third["comps"])}}
    inc = Included(reporter)
    for obj in context_objs(heading["chapter"], forum_url=False, reporter=reporter):
        inc.add(obj)
    inc.add({"id": str(heading["sid"]), "type": "heading", "attributes": {
        "goods_nomenclature_item_id": f"{heading['code']}000000", "description": heading["desc"],
        "formatted_description": heading["desc"], "description_plain": heading["desc"]}})
    for a in node["ancestors"]:
        inc.add({"id": str(a["sid"]), "type": "commodity", "attributes": {
            "producline_suffix": a["suffix"], "description": a["desc"], "number_indents": a["indent"],
            "goods_nomenclature_item_id": a["code"], "formatted_description": a["desc"],
            "description_plain": a["desc"]}})
    for ref_ in rels["footnotes"]["data"]:
        inc.add(footnotes_of(reporter)[ref_["id"]])
    for m in imports:
        inc.add_measure(m)
    return {"data": {"id": str(node["sid"]), "type": "commodity", "attributes": attrs, "relationships": rels,
                     "meta": meta}, "included": inc.items}


def declarable_heading_doc(heading: dict, imports: list[dict], exports: list[dict]) -> dict:
    spec = heading["declarable"]
    attrs = {"goods_nomenclature_item_id": f"{heading['code']}000000",
             "validity_start_date": "1972-01-01T00:00:00.000Z", "description": heading["desc"],
             "description_plain": heading["desc"], "formatted_description": heading["desc"],
             "producline_suffix": "80", "validity_end_date": None, "bti_url": BTI_URL,
             "basic_duty_rate": basic_duty_rate(spec), "meursing_code": False, "declarable": True}
    rels = base_relationships(heading)
    rels["import_measures"] = {"data": [ref("measure", m["id"]) for m in imports]}
    rels["export_measures"] = {"data": [ref("measure", m["id"]) for m in exports]}
    vat = {"VATZ": "VAT zero rate"} if spec["vat"] == "Z" else {"VAT": "Value added tax (20.0%)"}
    meta = {"duty_calculator": {"applicable_additional_codes": {},
                                "applicable_measure_units": applicable_units(imports),
                                "applicable_vat_options": vat, "entry_price_system": False, "meursing_code": False,
                                "source": "uk", "trade_defence": False,
                                "zero_mfn_duty": all(c[1] == 0 for c in parse_duty(spec["mfn"]))}}
    inc = Included()
    for obj in context_objs(heading["chapter"], forum_url=True):
        inc.add(obj)
    inc.add(FOOTNOTES["701"])
    for m in imports:
        inc.add_measure(m)
    return {"data": {"id": str(heading["sid"]), "type": "heading", "attributes": attrs, "relationships": rels,
                     "meta": meta}, "included": inc.items}


def heading_doc(heading: dict, nodes: list[dict], overviews: dict[int, list[dict]], reporter: str = "GB") -> dict:
    rels = base_relationships(heading)
    rels["commodities"] = {"data": [ref("commodity", str(n["sid"])) for n in nodes]}
    inc = Included(reporter)
    for obj in context_objs(heading["chapter"], forum_url=True, reporter=reporter):
        inc.add(obj)
    inc.add(footnotes_of(reporter)["701"])
    for node in nodes:
        for m in overviews[node["sid"]]:
            inc.add(duty_expression_obj(m))
            inc.add(measure_type_obj(m["type"], long_form=True, reporter=reporter))
            de_ref = ref("duty_expression", f"{m['id']}-duty_expression")
            vat = m["type"] in ("305", "VTZ", "VTS")
            inc.add({"id": m["id"], "type": "measure", "attributes": {"id": int(m["id"]), "vat": vat},
                     "relationships": {"duty_expression": {"data": de_ref},
                                       "measure_type": {"data": ref("measure_type", m["type"])}}})
        inc.add({"id": str(node["sid"]), "type": "commodity", "attributes": {
            "description": node["desc"], "number_indents": node["indent"], "goods_nomenclature_item_id": node["code"],
            "leaf": node["leaf"], "goods_nomenclature_sid": node["sid"], "formatted_description": node["desc"],
            "description_plain": node["desc"], "producline_suffix": node["suffix"],
            "parent_sid": node["parent"]["sid"] if node["parent"] else None},
            "relationships": {"overview_measures": {
                "data": [ref("measure", m["id"]) for m in overviews[node["sid"]]]}}})
    return {"data": {"id": str(heading["sid"]), "type": "heading", "attributes": {
        "goods_nomenclature_item_id": f"{heading['code']}000000", "description": heading["desc"], "bti_url": BTI_URL,
        "formatted_description": heading["desc"], "declarable": False}, "relationships": rels},
        "included": inc.items}


def chapter_doc(chapter: str, headings: list[dict], reporter: str = "GB") -> dict:
    sid, desc, _hf, _ht, section, guides = CHAPTERS[chapter]
    heading_objs = [{"id": str(h["sid"]), "type": "heading", "attributes": {
        "goods_nomenclature_sid": h["sid"], "goods_nomenclature_item_id": f"{h['code']}000000",
        "declarable": "declarable" in h, "description": h["desc"], "producline_suffix": "80", "leaf": True,
        "description_plain": h["desc"], "formatted_description": h["desc"]}} for h in headings]
    data = {"id": str(sid), "type": "chapter", "attributes": {
        "goods_nomenclature_sid": sid, "goods_nomenclature_item_id": f"{chapter}00000000", "description": desc,
        "formatted_description": formatted(desc), "chapter_note": chapter_note(chapter, reporter), "forum_url": None,
        "section_id": section}, "relationships": {
        "section": {"data": ref("section", str(section))},
        "guides": {"data": [ref("guide", g) for g in guides]},
        "headings": {"data": [ref("heading", o["id"]) for o in heading_objs]}}}
    return {"data": data, "included": [section_obj(section, with_id=True), *(guide_obj(g) for g in guides),
                                       *heading_objs]}


def sections_doc() -> dict:
    return {"data": [{"id": str(pos), "type": "section", "attributes": {
        "id": pos, "numeral": s[0], "title": s[1], "position": pos, "chapter_from": s[2], "chapter_to": s[3],
        "section_note_id": s[4]}} for pos, s in SECTIONS.items()]}


def section_doc(position: int) -> dict:
    numeral, title, first, last, _note_id, note = SECTIONS[position]
    attrs = {"id": position, "numeral": numeral, "title": title, "position": position, "chapter_from": first,
             "chapter_to": last}
    if note:
        attrs["section_note"] = note
    chapters = [c for c, v in CHAPTERS.items() if v[4] == position]
    chapter_objs = [{"id": str(CHAPTERS[c][0]), "type": "chapter", "attributes": {
        "goods_nomenclature_sid": CHAPTERS[c][0], "goods_nomenclature_item_id": f"{c}00000000",
        "headings_from": CHAPTERS[c][2], "headings_to": CHAPTERS[c][3], "description": CHAPTERS[c][1],
        "formatted_description": formatted(CHAPTERS[c][1])},
        "relationships": {"guides": {"data": [ref("guide", g) for g in CHAPTERS[c][5]]}}} for c in chapters]
    guides = sorted({g for c in chapters for g in CHAPTERS[c][5]}, key=int)
    return {"data": {"id": str(position), "type": "section", "attributes": attrs, "relationships": {
        "chapters": {"data": [ref("chapter", o["id"]) for o in chapter_objs]}}},
        "included": [*chapter_objs, *(guide_obj(g) for g in guides)]}


# --------------------------------------------------------------------------------------------
# Build, write, verify
# --------------------------------------------------------------------------------------------


def build_reporter(reporter: str) -> dict[str, dict]:
    """Every document of one tariff (GB or XI), by path under its API root."""
    docs: dict[str, dict] = {}
    if reporter == "GB":
        docs["sections"] = sections_doc()
        for position in (1, 2, 4):
            docs[f"sections/{position}"] = section_doc(position)
    for chapter in WALK[reporter]:
        docs[f"chapters/{chapter}"] = chapter_doc(chapter, [h for h in HEADINGS if h["chapter"] == chapter], reporter)
    for heading in HEADINGS:
        if heading["chapter"] not in WALK[reporter]:
            continue
        ctx = HeadingContext(heading) if reporter == "GB" else XiHeadingContext(heading)
        if "declarable" in heading:
            if reporter != "GB":
                raise NotImplementedError(f"{reporter}: declarable heading {heading['code']}")
            imports, exports, _overview = line_measures(heading["code"], heading["declarable"], ctx)
            docs[f"headings/{heading['code']}"] = declarable_heading_doc(heading, imports, exports)
            continue
        nodes = tree(heading)
        by_id: dict[str, dict] = {}
        overview_ids: dict[int, list[str]] = {}
        for node in nodes:
            if node["leaf"]:
                if reporter == "GB":
                    imports, exports, overview = line_measures(node["code"], node["spec"], ctx)
                else:
                    imports, exports, overview = xi_line_measures(node, ctx)
                by_id.update({m["id"]: m for m in imports})
                overview_ids[node["sid"]] = overview
                docs[f"commodities/{node['code']}"] = commodity_doc(heading, node, imports, exports, reporter)
        for node in nodes:
            if not node["leaf"]:
                first_leaf = next(n for n in nodes[nodes.index(node):] if n["leaf"])
                vat_id = overview_ids[first_leaf["sid"]][-1]
                overview_ids[node["sid"]] = [m["id"] for m in ([ctx.su] if ctx.su else [])] + [vat_id]
        overviews = {sid: [by_id[i] for i in ids] for sid, ids in overview_ids.items()}
        docs[f"headings/{heading['code']}"] = heading_doc(heading, nodes, overviews, reporter)
    return docs


def build() -> dict[str, dict]:
    """Every document of every tariff, by request URL (GB first: its ids do not depend on XI)."""
    return {API_ROOTS[reporter] + path: doc for reporter in WALK for path, doc in build_reporter(reporter).items()}


def file_name(url: str) -> str:
    reporter = "XI" if url.startswith(API_ROOTS["XI"]) else "GB"
    return FILE_PREFIX[reporter] + url.removeprefix(API_ROOTS[reporter]).replace("/", "_") + ".json"


def write(docs: dict[str, dict]) -> None:
    index = {url: file_name(url) for url in docs}
    wanted = set(index.values()) | {"index.json"}
    for stale in OUT.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    for url, doc in docs.items():
        (OUT / file_name(url)).write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n",
                                          encoding="utf-8")
    (OUT / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")



def _refs(obj, out: list) -> None:
    """Collect every resource identifier object under a ``relationships`` member."""
    for rel in obj.get("relationships", {}).values():
        data = rel.get("data")
        for item in data if isinstance(data, list) else [data]:
            if item is not None:
                out.append((item["type"], item["id"]))


def verify() -> int:
    index = json.loads((OUT / "index.json").read_text(encoding="utf-8"))
    docs = {url: json.loads((OUT / name).read_text(encoding="utf-8")) for url, name in index.items()}
    problems = []
    for url, doc in docs.items():
        data = doc["data"] if isinstance(doc["data"], list) else [doc["data"]]
        present = {(o["type"], o["id"]) for o in doc.get("included", [])} | {(o["type"], o["id"]) for o in data}
        wanted: list = []
        for obj in data + doc.get("included", []):
            _refs(obj, wanted)
        problems += [f"{url}: dangling {t}/{i}" for t, i in wanted if (t, i) not in present]
        if len(present) != len(doc.get("included", [])) + len(data):
            problems.append(f"{url}: duplicate objects")
    # the spider's walk, per reporter
    reached: dict[str, list[str]] = {}
    for reporter, chapters in WALK.items():
        root = API_ROOTS[reporter]
        urls = reached[reporter] = []
        for chapter in chapters:
            url = root + f"chapters/{chapter}"
            urls.append(url)
            doc = docs.get(url) or {}
            if not doc:
                problems.append(f"missing {url}")
                continue
            inc = {(o["type"], o["id"]): o for o in doc["included"]}
            for rel in doc["data"]["relationships"]["headings"]["data"]:
                code = inc[(rel["type"], rel["id"])]["attributes"]["goods_nomenclature_item_id"][:4]
                h_url = root + f"headings/{code}"
                urls.append(h_url)
                hdoc = docs.get(h_url)
                if hdoc is None:
                    problems.append(f"missing {h_url}")
                    continue
                if hdoc["data"]["attributes"]["declarable"]:
                    if "import_measures" not in hdoc["data"]["relationships"]:
                        problems.append(f"{h_url}: declarable heading without import_measures")
                    continue
                for obj in hdoc["included"]:
                    a = obj["attributes"]
                    if obj["type"] == "commodity" and a["leaf"] and a["producline_suffix"] == "80":
                        c_url = root + f"commodities/{a['goods_nomenclature_item_id']}"
                        urls.append(c_url)
                        if c_url not in docs:
                            problems.append(f"missing {c_url}")
    size = sum((OUT / n).stat().st_size for n in set(index.values())) + (OUT / "index.json").stat().st_size
    print(f"files: {len(index)} documents + index.json, {size / 1e6:.2f} MB")
    for reporter, urls in reached.items():
        # measures with a duty
        duty_docs, with_base, unique_ids, bases = 0, 0, set(), {}
        for url in urls:
            doc = docs.get(url)
            if not doc or "import_measures" not in doc["data"]["relationships"]:
                continue
            duty_docs += 1
            inc = {(o["type"], o["id"]): o for o in doc["included"]}
            for rel in doc["data"]["relationships"]["import_measures"]["data"]:
                measure = inc[("measure", rel["id"])]
                de_id = measure["relationships"]["duty_expression"]["data"]["id"]
                de = inc[("duty_expression", de_id)]["attributes"]
                if de["base"]:
                    with_base += 1
                    unique_ids.add(rel["id"])
                    bases[de["base"]] = bases.get(de["base"], 0) + 1
        print(f"{reporter}: walk reached {len(urls)} URLs from chapters {', '.join(WALK[reporter])}, all in index: "
              f"{all(u in docs for u in urls)}; documents with import_measures: {duty_docs}; measures with "
              f"non-empty base: {with_base} ({len(unique_ids)} distinct measure ids); distinct base strings: "
              f"{len(bases)}")
    for problem in problems[:20]:
        print("PROBLEM", problem)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if "--verify" not in argv:
        write(build())
    return verify()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
