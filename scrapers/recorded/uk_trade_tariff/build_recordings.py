"""Build the recorded UK Trade Tariff API v2 responses used to replay the spider offline.

The documents are *constructed*: no live answer is copied. Every document shape mirrors a real
response or the API's own serializer/spec, and values follow the real UK Global Tariff where known.

Evidence per document shape (see README.md for the full list with commits):

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
API = "https://www.trade-tariff.service.gov.uk/api/v2/"
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

_TERM = re.compile(r"^(\d+\.\d{2}) (?:(%)|GBP / (.+))$")


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
            unit, qualifier = ABBR_TO_UNIT[match.group(3)]
            comps.append((deid, amount, "GBP", unit, qualifier))
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
    """Deterministic id sequences shaped like the real ones (measure sids, negative national sids)."""

    def __init__(self) -> None:
        self.rng = random.Random("uk_trade_tariff measure ids")
        self.eu = 20140000
        self.uk = -1009507300
        self.cond = 20190000

    def measure(self) -> str:
        self.eu += self.rng.randint(3, 150)
        return str(self.eu)

    def national(self) -> str:
        self.uk -= self.rng.randint(1, 40)
        return str(self.uk)

    def conditions(self, template: str) -> list[dict]:
        out = []
        for code, document, requirement, action in CONDITIONS[template]:
            self.cond += 1
            out.append({"id": str(self.cond), "type": "measure_condition", "attributes": {
                "condition_code": code, "condition": COND_LABEL[code], "document_code": document,
                "requirement": requirement, "action": action, "duty_expression": "", "condition_duty_amount": None,
                "condition_monetary_unit_code": None, "monetary_unit_abbreviation": None,
                "condition_measurement_unit_code": None, "condition_measurement_unit_qualifier_code": None},
                "relationships": {"measure_condition_components": {"data": []}}})
        return out


IDS = Ids()


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
# JSON:API objects
# --------------------------------------------------------------------------------------------


def geo_obj(geo: str) -> dict:
    if geo in GROUPS:
        desc, children = GROUPS[geo]
        return {"id": geo, "type": "geographical_area",
                "attributes": {"id": geo, "description": desc, "geographical_area_id": geo},
                "relationships": {"children_geographical_areas": {
                    "data": [ref("geographical_area", c) for c in children]}}}
    return {"id": geo, "type": "geographical_area",
            "attributes": {"id": geo, "description": COUNTRIES[geo], "geographical_area_id": geo}}


def measure_type_obj(mtype: str, long_form: bool = False) -> dict:
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


def measure_obj(m: dict) -> dict:
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

    def __init__(self) -> None:
        self.items: list[dict] = []
        self.keys: set[tuple[str, str]] = set()

    def add(self, obj: dict) -> None:
        key = (obj["type"], obj["id"])
        if key not in self.keys:
            self.keys.add(key)
            self.items.append(obj)

    def add_measure(self, m: dict) -> None:
        self.add(duty_expression_obj(m))
        self.add(measure_type_obj(m["type"]))
        for act in m["legal"]:
            self.add(LEGAL_ACTS[act])
        for cond in m["conditions"]:
            self.add(cond)
        for comp in m["comps"]:
            self.add(component_obj(m, comp))
        if m["order"]:
            for obj in order_objs(m["order"]):
                self.add(obj)
        if m["geo"] in GROUPS:
            for child in GROUPS[m["geo"]][1]:
                self.add(geo_obj(child))
        self.add(geo_obj(m["geo"]))
        for geo in m["excluded"]:
            self.add(geo_obj(geo))
        for fid in m["footnotes"]:
            self.add(FOOTNOTES[fid])
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


def chapter_obj(chapter: str, forum_url: bool) -> dict:
    sid, desc, _hf, _ht, _section, guides = CHAPTERS[chapter]
    attrs = {"goods_nomenclature_item_id": f"{chapter}00000000", "description": desc,
             "formatted_description": formatted(desc), "chapter_note": CHAPTER_NOTES[chapter]}
    if forum_url:
        attrs["forum_url"] = None
    return {"id": str(sid), "type": "chapter", "attributes": attrs,
            "relationships": {"guides": {"data": [ref("guide", g) for g in guides]}}}


def context_objs(chapter: str, forum_url: bool) -> list[dict]:
    section = CHAPTERS[chapter][4]
    return [section_obj(section), *(guide_obj(g) for g in CHAPTERS[chapter][5]), chapter_obj(chapter, forum_url)]


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


def commodity_doc(heading: dict, node: dict, imports: list[dict], exports: list[dict]) -> dict:
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
    inc = Included()
    for obj in context_objs(heading["chapter"], forum_url=False):
        inc.add(obj)
    inc.add({"id": str(heading["sid"]), "type": "heading", "attributes": {
        "goods_nomenclature_item_id": f"{heading['code']}000000", "description": heading["desc"],
        "formatted_description": heading["desc"], "description_plain": heading["desc"]}})
    for a in node["ancestors"]:
        inc.add({"id": str(a["sid"]), "type": "commodity", "attributes": {
            "producline_suffix": a["suffix"], "description": a["desc"], "number_indents": a["indent"],
            "goods_nomenclature_item_id": a["code"], "formatted_description": a["desc"],
            "description_plain": a["desc"]}})
    inc.add(FOOTNOTES["701"])
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


def heading_doc(heading: dict, nodes: list[dict], overviews: dict[int, list[dict]]) -> dict:
    rels = base_relationships(heading)
    rels["commodities"] = {"data": [ref("commodity", str(n["sid"])) for n in nodes]}
    inc = Included()
    for obj in context_objs(heading["chapter"], forum_url=True):
        inc.add(obj)
    inc.add(FOOTNOTES["701"])
    for node in nodes:
        for m in overviews[node["sid"]]:
            inc.add(duty_expression_obj(m))
            inc.add(measure_type_obj(m["type"], long_form=True))
            de_ref = ref("duty_expression", f"{m['id']}-duty_expression")
            inc.add({"id": m["id"], "type": "measure", "attributes": {"id": int(m["id"]), "vat": m["type"] == "305"},
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


def chapter_doc(chapter: str, headings: list[dict]) -> dict:
    sid, desc, _hf, _ht, section, guides = CHAPTERS[chapter]
    heading_objs = [{"id": str(h["sid"]), "type": "heading", "attributes": {
        "goods_nomenclature_sid": h["sid"], "goods_nomenclature_item_id": f"{h['code']}000000",
        "declarable": "declarable" in h, "description": h["desc"], "producline_suffix": "80", "leaf": True,
        "description_plain": h["desc"], "formatted_description": h["desc"]}} for h in headings]
    data = {"id": str(sid), "type": "chapter", "attributes": {
        "goods_nomenclature_sid": sid, "goods_nomenclature_item_id": f"{chapter}00000000", "description": desc,
        "formatted_description": formatted(desc), "chapter_note": CHAPTER_NOTES[chapter], "forum_url": None,
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


def build() -> dict[str, dict]:
    docs: dict[str, dict] = {"sections": sections_doc()}
    for position in (1, 2, 4):
        docs[f"sections/{position}"] = section_doc(position)
    for chapter in ("01", "10", "18", "22"):
        docs[f"chapters/{chapter}"] = chapter_doc(chapter, [h for h in HEADINGS if h["chapter"] == chapter])
    for heading in HEADINGS:
        ctx = HeadingContext(heading)
        if "declarable" in heading:
            imports, exports, _overview = line_measures(heading["code"], heading["declarable"], ctx)
            docs[f"headings/{heading['code']}"] = declarable_heading_doc(heading, imports, exports)
            continue
        nodes = tree(heading)
        by_id: dict[str, dict] = {}
        overview_ids: dict[int, list[str]] = {}
        for node in nodes:
            if node["leaf"]:
                imports, exports, overview = line_measures(node["code"], node["spec"], ctx)
                by_id.update({m["id"]: m for m in imports})
                overview_ids[node["sid"]] = overview
                docs[f"commodities/{node['code']}"] = commodity_doc(heading, node, imports, exports)
        for node in nodes:
            if not node["leaf"]:
                first_leaf = next(n for n in nodes[nodes.index(node):] if n["leaf"])
                vat_id = overview_ids[first_leaf["sid"]][-1]
                overview_ids[node["sid"]] = [m["id"] for m in ([ctx.su] if ctx.su else [])] + [vat_id]
        overviews = {sid: [by_id[i] for i in ids] for sid, ids in overview_ids.items()}
        docs[f"headings/{heading['code']}"] = heading_doc(heading, nodes, overviews)
    return docs


def file_name(path: str) -> str:
    return path.replace("/", "_") + ".json"


def write(docs: dict[str, dict]) -> None:
    index = {API + path: file_name(path) for path in docs}
    wanted = set(index.values()) | {"index.json"}
    for stale in OUT.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    for path, doc in docs.items():
        (OUT / file_name(path)).write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n",
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
    # the spider's walk
    reached = []
    for chapter in ("01", "10", "18", "22"):
        url = API + f"chapters/{chapter}"
        reached.append(url)
        doc = docs.get(url) or {}
        if not doc:
            problems.append(f"missing {url}")
            continue
        inc = {(o["type"], o["id"]): o for o in doc["included"]}
        for rel in doc["data"]["relationships"]["headings"]["data"]:
            code = inc[(rel["type"], rel["id"])]["attributes"]["goods_nomenclature_item_id"][:4]
            h_url = API + f"headings/{code}"
            reached.append(h_url)
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
                    c_url = API + f"commodities/{a['goods_nomenclature_item_id']}"
                    reached.append(c_url)
                    if c_url not in docs:
                        problems.append(f"missing {c_url}")
    # measures with a duty
    duty_docs, with_base, unique_ids, bases = 0, 0, set(), {}
    for url in reached:
        doc = docs.get(url)
        if not doc or "import_measures" not in doc["data"]["relationships"]:
            continue
        duty_docs += 1
        inc = {(o["type"], o["id"]): o for o in doc["included"]}
        for rel in doc["data"]["relationships"]["import_measures"]["data"]:
            measure = inc[("measure", rel["id"])]
            de = inc[("duty_expression", measure["relationships"]["duty_expression"]["data"]["id"])]["attributes"]
            if de["base"]:
                with_base += 1
                unique_ids.add(rel["id"])
                bases[de["base"]] = bases.get(de["base"], 0) + 1
    size = sum((OUT / n).stat().st_size for n in set(index.values())) + (OUT / "index.json").stat().st_size
    print(f"files: {len(index)} documents + index.json, {size / 1e6:.2f} MB")
    print(f"walk: {len(reached)} URLs reached from 4 chapters, all in index: {all(u in docs for u in reached)}")
    print(f"documents with import_measures: {duty_docs}; measures with non-empty base: {with_base} "
          f"({len(unique_ids)} distinct measure ids); distinct base strings: {len(bases)}")
    for problem in problems[:20]:
        print("PROBLEM", problem)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if "--verify" not in argv:
        write(build())
    return verify()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
