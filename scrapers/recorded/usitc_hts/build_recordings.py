"""Build the recorded USITC HTS REST export responses used to replay the `usitc_hts` spider offline.

The rows are REAL: every row below was transcribed value by value from published HTSUS JSON (see
README.md for the evidence and commits): chapters 1, 4 and 29 of the HTS chapter files kept in
brendanxmac/hts-hero ``public/hts-chapters/{1,4,29}.json``, which have the exact row schema of the
official per-revision file ``https://www.usitc.gov/sites/default/files/tata/hts/hts_2026_revision_5_json.json``.
What is constructed is the cut and the container: each recording is the contiguous run of rows of one
heading range (what ``exportList?from=...&to=...`` returns for that range is assumed, not captured),
serialized the way USITC serializes its JSON (Jackson's default pretty printer: ``"key" : value``,
``[ ]`` for an empty array, ``} ]`` at the end, no trailing newline).

Run ``.venv/bin/python scrapers/recorded/usitc_hts/build_recordings.py`` to rebuild and verify, add
``--verify`` to verify only. Standard library only; deterministic output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2] / "tests" / "scrapers" / "samples" / "usitc_hts" / "hts_2026_revision_5_json_head.json"
ENDPOINT = "https://hts.usitc.gov/reststop/exportList"


def export_url(start: str, end: str) -> str:
    """The spider's request URL for one range (scrapers/spiders/usitc_hts.py builds the same)."""
    return f"{ENDPOINT}?from={start}&to={end}&format=JSON&styles=false"


# --- footnotes as published: (columns, value), type "endnote" -------------------------------------------
def fn(column: str, value: str) -> tuple[tuple[str, ...], str]:
    return (column,), value


F15 = fn("general", "See 9903.88.15. ")
F03 = fn("general", "See 9903.88.03.")  # no trailing space (0407.19 ff., 2901.10.30 ff.)
F03S = fn("general", "See 9903.88.03. ")  # one trailing space (2901.10.10, 2901.22 ...)
F03W = fn("general", "See 9903.88.03.   ")  # three trailing spaces (0410.x)
O08 = fn("other", "See 9903.90.08. ")


def desc(value: str) -> tuple[tuple[str, ...], str]:
    return fn("desc", value)


# --- rows ---------------------------------------------------------------------------------------------
# A row is ("H"|"S"|"R", htsno, indent, description, units, general, special, other, footnotes).
#   H: numbered line without rates (heading / subheading): footnotes [ ], quotaQuantity "", additionalDuties ""
#   S: header without number ("superior" : "true"): footnotes null, quotaQuantity null, additionalDuties null
#   R: any other numbered line (rate line or statistical line): quotaQuantity null, additionalDuties null
# These three shapes are exactly the ones the evidence shows (0101, "Horses:", 0101.21.00 in the official
# 2026 Revision 5 file); 0410 (a heading with quotaQuantity null) is kept as an R row, as published.
Row = tuple[str, str, int, str, list[str], str, str, str, list[tuple[tuple[str, ...], str]]]


def H(htsno: str, indent: int, description: str) -> Row:
    return ("H", htsno, indent, description, [], "", "", "", [])


def S(indent: int, description: str) -> Row:
    return ("S", "", indent, description, [], "", "", "", [])


def R(htsno: str, indent: int, description: str, units: list[str], general: str = "", special: str = "",
      other: str = "", footnotes: list[tuple[tuple[str, ...], str]] | None = None) -> Row:
    return ("R", htsno, indent, description, units, general, special, other, footnotes or [])


NO = ["No."]
NK = ["No.", "kg"]
GN15 = "Described in general note 15 of the tariff schedule and entered pursuant to its provisions"
SP17 = "Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"
SP17_SPACED = "Free (A+,AU,BH,CL,CO,D,E, IL,JO,KR,MA,OM,P,PA,PE,S, SG)"
SP16 = "Free (A+,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"  # no AU: described in an additional U.S. note
SP_A17 = "Free (A,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"

# 0101-0104: chapter 1 from its first row to the row before heading 0105 (hts-hero public/hts-chapters/1.json).
CH01: list[Row] = [
    H("0101", 0, "Live horses, asses, mules and hinnies:"),
    S(1, "Horses:"),
    R("0101.21.00", 2, "Purebred breeding animals", [], "Free", "", "Free", [F15]),
    R("0101.21.00.10", 3, "Males", NO),
    R("0101.21.00.20", 3, "Females", NO),
    R("0101.29.00", 2, "Other", [], "Free", "", "20%", [F15]),
    R("0101.29.00.10", 3, "Imported for immediate slaughter", NO),
    R("0101.29.00.90", 3, "Other", NO),
    R("0101.30.00.00", 1, "Asses", NO, "6.8%", SP17, "15%", [F15]),
    H("0101.90", 1, "Other:"),
    R("0101.90.30.00", 2, "Imported for immediate slaughter", NO, "Free", "", "Free", [F15]),
    R("0101.90.40.00", 2, "Other", NO, "4.5%", SP17_SPACED, "20%", [F15]),
    H("0102", 0, "Live bovine animals:"),
    S(1, "Cattle:"),
    R("0102.21.00", 2, "Purebred breeding animals", [], "Free", "", "Free", [F15]),
    S(3, "Dairy:"),
    R("0102.21.00.10", 4, "Male", NO),
    R("0102.21.00.20", 4, "Female", NO),
    S(3, "Other:"),
    R("0102.21.00.30", 4, "Male", NO),
    R("0102.21.00.50", 4, "Female", NO),
    H("0102.29", 2, "Other:"),
    R("0102.29.20", 3, "Cows imported specially for dairy purposes", [], "Free", "", "6.6¢/kg", [F15]),
    R("0102.29.20.11", 4, "Weighing less than 90 kg each", NK),
    R("0102.29.20.12", 4, "Weighing 90 kg or more each", NK),
    R("0102.29.40", 3, "Other", [], "1¢/kg", SP17, "5.5¢/kg", [F15]),
    S(4, "Weighing less than 90 kg each:"),
    R("0102.29.40.24", 5, "Male", NK),
    R("0102.29.40.28", 5, "Female", NK),
    S(4, "Weighing 90 kg or more but less than 200 kg each:"),
    R("0102.29.40.34", 5, "Male", NK),
    R("0102.29.40.38", 5, "Female", NK),
    S(4, "Weighing 200 kg or more but less than 320 kg each:"),
    R("0102.29.40.54", 5, "Male", NK),
    R("0102.29.40.58", 5, "Female", NK),
    S(4, "Weighing 320 kg or more each:"),
    S(5, "For immediate slaughter:"),
    R("0102.29.40.62", 6, "Steers", NK),
    R("0102.29.40.64", 6, "Bulls", NK),
    R("0102.29.40.66", 6, "Cows", NK),
    R("0102.29.40.68", 6, "Heifers", NK),
    S(5, "For breeding:"),
    R("0102.29.40.72", 6, "Male", NK),
    R("0102.29.40.74", 6, "Female", NK),
    S(5, "Other:"),
    R("0102.29.40.82", 6, "Male", NK),
    R("0102.29.40.84", 6, "Female", NK),
    S(1, "Buffalo:"),
    R("0102.31.00", 2, "Purebred breeding animals", [], "Free", "", "Free", [F15]),
    R("0102.31.00.10", 3, "Male", NO),
    R("0102.31.00.20", 3, "Female", NO),
    R("0102.39.00", 2, "Other", [], "1¢/kg", SP17, "5.5¢/kg", [F15]),
    R("0102.39.00.10", 3, "Bison", NK),
    S(3, "Other:"),
    S(4, "Weighing less than 90 kg each:"),
    R("0102.39.00.24", 5, "Male", NK),
    R("0102.39.00.28", 5, "Female", NK),
    S(4, "Weighing 90 kg or more but less than 200 kg each:"),
    R("0102.39.00.34", 5, "Male", NK),
    R("0102.39.00.38", 5, "Female", NK),
    S(4, "Weighing 200 kg or more but less than 320 kg each:"),
    R("0102.39.00.54", 5, "Male", NK),
    R("0102.39.00.58", 5, "Female", NK),
    S(4, "Weighing 320 kg or more each:"),
    R("0102.39.00.61", 5, "For immediate slaughter", NK),
    S(5, "For breeding:"),
    R("0102.39.00.72", 6, "Male", NK),
    R("0102.39.00.74", 6, "Female", NK),
    S(5, "Other:"),
    R("0102.39.00.82", 6, "Male", NK),
    R("0102.39.00.84", 6, "Female", NK),
    R("0102.90.00.00", 1, "Other", NK, "1¢/kg", SP17, "5.5¢/kg", [F15]),
    H("0103", 0, "Live swine:"),
    R("0103.10.00.00", 1, "Purebred breeding animals", NO, "Free", "", "Free", [F15]),
    S(1, "Other:"),
    R("0103.91.00", 2, "Weighing less than 50 kg each", [], "Free", "", "4.4¢/kg", [F15]),
    R("0103.91.00.10", 3, "Weighing less than 7 kg each", NK),
    R("0103.91.00.20", 3, "Weighing 7 kg or more but less than 23 kg each", NK),
    R("0103.91.00.30", 3, "Weighing 23 kg or more but less than 50 kg each", NK),
    R("0103.92.00", 2, "Weighing 50 kg or more each", [], "Free", "", "4.4¢/kg", [F15]),
    R("0103.92.00.10", 3, "Imported for immediate slaughter", NK),
    R("0103.92.00.20", 3, "Breeding animals other than purebred breeding animals", NK),
    R("0103.92.00.91", 3, "Other", NK),
    H("0104", 0, "Live sheep and goats:"),
    R("0104.10.00.00", 1, "Sheep", NK, "Free", "", "$3/head", [F15]),
    R("0104.20.00.00", 1, "Goats", NO, "68¢/head", "Free (A+,AU,BH,CL,CO,D,E, IL,JO,KR,MA,OM,P,PA, PE,S,SG)",
      "$3/head", [F15]),
]

# Special texts with several groups, as published on these lines of chapter 4.
SP_0401_40_25 = ("Free (BH,CL,CO,JO,KR,MA,OM,PE,SG) 7.7¢/liter (P) 10.2¢/liter (PA) See 9822.04.05 (AU) "
                 "See 9823.01.01-9823.01.07 (S+) See 9915.04.01-9915.04.03 (P+)")
SP_0401_50_75 = ("Free (BH,CL,CO,JO,KR,MA,OM,PE,SG) 16.4¢/kg (P) 21.9¢/kg (PA) See 9822.04.10 (AU) "
                 "See 9823.03.01-9823.03.12 (S+) See 9908.04.01 (IL) See 9915.04.05, 9915.04.06, 9915.04.12 (P+)")
SP_0402_10_50 = ("Free (BH,CL,JO,MA,OM,SG) 5¢/kg (PE) 8.6¢/kg (P) 11.5¢/kg (CO,KR,PA) See 9822.04.15 (AU) "
                 "See 9823.02.01-9823.02.04 (S+) See 9908.04.03 (IL) See 9915.04.20, 9915.04.21, 9915.04.25 (P+)")
SP_0402_21_50 = ("Free (BH,CL,JO,MA,OM,SG) 6.4¢/kg (PE) 10.9¢/kg (P) 14.5¢/kg (CO,KR,PA) See 9822.04.20 (AU) "
                 "See 9823.05.01-9823.05.06 (S+) See 9915.04.20, 9915.04.22, 9915.04.26 (P+)")
SP_0402_21_90 = ("Free (BH,CL,JO,KR,MA,OM,PE,SG) 15.5¢/kg (P) 20.7¢/kg (CO,PA) See 9822.04.10 (AU) "
                 "See 9823.03.01-9823.03.12 (S+) See 9915.04.05, 9915.04.07, 9915.04.13 (P+)")
SP_0402_29_50 = ("Free (BH,CL,JO,KR,MA,OM,PE,SG) 11¢/kg + 1.4% (P) 14.7¢/kg + 1.9% (PA) See 9822.04.25 (AU) "
                 "See 9823.05.01-9823.05.06 (S+) See 9915.04.30, 9915.04.31, 9915.04.55 (P+) "
                 "See 9918.04.60, 9918.04.61 (CO)")
SP_0402_91_70 = ("Free (BH,CL,JO,KR,MA,OM,SG) 3.1¢/kg (P) 4.1¢/kg (CO) See 9822.04.30 (AU) "
                 "See 9823.07.01-9823.07.07 (S+) See 9915.04.30, 9915.04.32, 9915.04.56, 9915.04.79 (P+) "
                 "See 9917.04.10, 9917.04.11 (PE) See 9919.04.10, 9919.04.11, 9919.04.13 (PA)")
SP_0402_99_45 = ("Free (BH,CL,JO,KR,MA,OM,SG) 4.9¢/kg (P) 6.6¢/kg (CO) See 9822.04.30 (AU) "
                 "See 9823.07.01-9823.07.07 (S+) See 9915.04.30, 9915.04.33, 9915.04.57, 9915.04.79 (P+) "
                 "See 9917.04.10, 9917.04.12 (PE) See 9919.04.10, 9919.04.12, 99.19.04.14 (PA)")
SP_0402_99_90 = ("Free (BH,CL,JO,KR,MA,OM,PE,SG) 4.6¢/kg + 1.4% (P) 6.1¢/kg + 1.9% (PA) See 9822.04.25 (AU) "
                 "See 9823.07.01-9823.07.07 (S+) See 9915.04.30, 9915.04.34, 9915.04.58 (P+) "
                 "See 9918.04.60, 9918.04.62 (CO)")
LK = ["liters", "kg cmsc"]
KC = ["kg", "kg cmsc"]
D_0401_40 = desc("See subheadings 9904.04.01-9904.04.08. ")
D_0402_10 = desc("See subheadings 9904.04.22-9904.04.30. ")
D_0402_50 = desc("See subheadings 9904.04.50-9904.05.01. ")
D_0402_91 = desc("See subheadings 9904.05.02-9904.05.19. ")
ADD5 = "Described in additional U.S. note 5 to this chapter and entered pursuant to its provisions"

# 0401-0402: chapter 4 from its first row to the row before heading 0403 (hts-hero public/hts-chapters/4.json).
CH04A: list[Row] = [
    H("0401", 0, "Milk and cream, not concentrated nor containing added sugar or other sweetening matter:"),
    R("0401.10.00.00", 1, "Of a fat content, by weight, not exceeding 1 percent", ["liters", "kg"], "0.34¢/liter", SP17,
      "0.5¢/liter", [F15]),
    H("0401.20", 1, "Of a fat content, by weight, exceeding 1 percent but not exceeding 6 percent:"),
    R("0401.20.20.00", 2, "For not over 11,356,236 liters entered in any calendar year", LK, "0.43¢/liter", SP17,
      "1.7¢/liter", [F15]),
    R("0401.20.40.00", 2, "Other", LK, "1.5¢/liter", "Free (AU,BH,CL,CO,IL,JO,KR,MA,OM,P,PA,PE,S,SG)", "1.7¢/liter",
      [F15]),
    H("0401.40", 1, "Of a fat content, by weight, exceeding 6 percent but not exceeding 10 percent:"),
    R("0401.40.02.00", 2, GN15, ["liters"], "3.2¢/liter", SP17_SPACED, "15¢/liter", [F15]),
    R("0401.40.05.00", 2, ADD5, LK, "3.2¢/liter", SP16, "15¢/liter", [F15]),
    R("0401.40.25.00", 2, "Other", LK, "77.2¢/liter", SP_0401_40_25, "15¢/liter", [D_0401_40, F15]),
    H("0401.50", 1, "Of a fat content, by weight, exceeding 10 percent:"),
    S(2, "Of a fat content, by weight, not exceeding 45 percent:"),
    R("0401.50.02.00", 3, GN15, ["liters"], "3.2¢/liter", SP17_SPACED, "15¢/liter", [F15]),
    R("0401.50.05.00", 3, ADD5, LK, "3.2¢/liter", SP16, "15¢/liter", [F15]),
    R("0401.50.25.00", 3, "Other", LK, "77.2¢/liter", SP_0401_40_25, "15¢/liter", [D_0401_40, F15]),
    S(2, "Other:"),
    R("0401.50.42.00", 3, GN15, ["liters", "kg"], "12.3¢/kg", SP17, "31¢/kg", [F15]),
    R("0401.50.50.00", 3, "Described in additional U.S. note 6 to this chapter and entered pursuant to its provisions",
      ["liters", "kg"], "12.3¢/kg", SP16, "31¢/kg", [F15]),
    R("0401.50.75.00", 3, "Other", ["liters", "kg"], "$1.646/kg", SP_0401_50_75, "$1.936/kg",
      [desc("See subheadings 9904.04.09-9904.04.21. "), F15]),
    H("0402", 0, "Milk and cream, concentrated or containing added sugar or other sweetening matter:"),
    H("0402.10", 1, "In powder, granules or other solid forms, of a fat content, by weight, not exceeding 1.5 "
                    "percent:"),
    R("0402.10.05.00", 2, GN15, ["kg"], "3.3¢/kg", SP17_SPACED, "6.6¢/kg", [F15]),
    R("0402.10.10.00", 2, "Described in additional U.S. note 7 to this chapter and entered pursuant to its provisions",
      KC, "3.3¢/kg", SP16, "6.6¢/kg", [F15]),
    R("0402.10.50.00", 2, "Other", KC, "86.5¢/kg", SP_0402_10_50, "$1.018/kg", [D_0402_10, F15]),
    S(1, "In powder, granules or other solid forms, of a fat content, by weight, exceeding 1.5 percent:"),
    H("0402.21", 2, "Not containing added sugar or other sweetening matter:"),
    S(3, "Of a fat content, by weight, not exceeding 3 percent:"),
    R("0402.21.02.00", 4, GN15, ["kg"], "3.3¢/kg", SP17, "6.6¢/kg", [F15]),
    R("0402.21.05.00", 4, "Described in additional U.S. note 7 to this chapterand entered pursuant to its provisions",
      KC, "3.3¢/kg", SP16, "6.6¢/kg", [F15]),
    R("0402.21.25.00", 4, "Other", KC, "86.5¢/kg", SP_0402_10_50, "$1.018/kg", [D_0402_10, F15]),
    S(3, "Of a fat content, by weight, exceeding 3 percent but not exceeding 35 percent:"),
    R("0402.21.27.00", 4, GN15, ["kg"], "6.8¢/kg", SP17, "13.7¢/kg", [F15]),
    R("0402.21.30.00", 4, "Described in additional U.S. note 8 to this chapterand entered pursuant to its provisions",
      KC, "6.8¢/kg", SP16, "13.7¢/kg", [F15]),
    R("0402.21.50.00", 4, "Other", KC, "$1.092/kg", SP_0402_21_50, "$1.285/kg",
      [desc("See subheadings 9904.04.31-9904.04.39. "), F15]),
    S(3, "Other:"),
    R("0402.21.73.00", 4, GN15, ["kg"], "13.7¢/kg", SP17, "27.3¢/kg", [F15]),
    R("0402.21.75.00", 4, "Described in additional U.S. note 9 to this chapter and entered pursuant to its provisions",
      KC, "13.7¢/kg", SP16, "27.3¢/kg", [F15]),
    R("0402.21.90.00", 4, "Other", KC, "$1.556/kg", SP_0402_21_90, "$1.831/kg",
      [desc("See subheadings 9904.04.40-9904.04.49. "), F15]),
    H("0402.29", 2, "Other:"),
    R("0402.29.05.00", 3, GN15, ["kg"], "17.5%", SP17, "35%", [F15]),
    R("0402.29.10.00", 3, "Described in additional U.S. note 10 to this chapter and entered pursuant to its provisions",
      KC, "17.5%", SP17, "35%", [F15]),
    R("0402.29.50.00", 3, "Other", KC, "$1.104/kg + 14.9%", SP_0402_29_50, "$1.299/kg + 17.5%", [D_0402_50, F15]),
    S(1, "Other:"),
    H("0402.91", 2, "Not containing added sugar or other sweetening matter:"),
    S(3, GN15 + ":"),
    R("0402.91.03.00", 4, "In airtight containers", ["kg"], "2.2¢/kg", SP17_SPACED, "4¢/kg", [F15]),
    R("0402.91.06.00", 4, "Other", ["kg"], "3.3¢/kg", SP17_SPACED, "5.6¢/kg", [F15]),
    S(3, "Described in additional U.S. note 11 to this chapter and entered pursuant to its provisions:"),
    R("0402.91.10.00", 4, "In airtight containers", KC, "2.2¢/kg", SP16, "4¢/kg", [F15]),
    R("0402.91.30.00", 4, "Other", KC, "3.3¢/kg", SP16, "5.6¢/kg", [F15]),
    S(3, "Other:"),
    R("0402.91.70.00", 4, "In airtight containers", KC, "31.3¢/kg", SP_0402_91_70, "36.8¢/kg", [D_0402_91, F15]),
    R("0402.91.90.00", 4, "Other", KC, "31.3¢/kg", SP_0402_91_70, "36.8¢/kg", [D_0402_91, F15]),
    H("0402.99", 2, "Other:"),
    S(3, "Condensed milk:"),
    S(4, GN15 + ":"),
    R("0402.99.03.00", 5, "In airtight containers", ["kg"], "3.9¢/kg", SP17_SPACED, "6¢/kg", [F15]),
    R("0402.99.06.00", 5, "Other", ["kg"], "3.3¢/kg", SP17, "5.6¢/kg", [F15]),
    S(4, "Described in additional U.S. note 11 to this chapter and entered pursuant to its provisions:"),
    R("0402.99.10.00", 5, "In airtight containers", KC, "3.9¢/kg", SP17, "6¢/kg", [F15]),
    R("0402.99.30.00", 5, "Other", KC, "3.3¢/kg", SP16, "5.6¢/kg", [F15]),
    S(4, "Other:"),
    R("0402.99.45.00", 5, "In airtight containers", KC, "49.6¢/kg", SP_0402_99_45, "58.4¢/kg", [D_0402_91, F15]),
    R("0402.99.55.00", 5, "Other", KC, "49.6¢/kg", SP_0402_99_45, "58.4¢/kg", [D_0402_91, F15]),
    S(3, "Other:"),
    R("0402.99.68.00", 4, GN15, ["kg"], "17.5%", SP17, "35%", [F15]),
    R("0402.99.70.00", 4, "Described in additional U.S. note 10 to this chapter and entered pursuant to its provisions",
      KC, "17.5%", SP17, "35%", [F15]),
    R("0402.99.90.00", 4, "Other", KC, "46.3¢/kg + 14.9%", SP_0402_99_90, "54.5¢/kg + 17.5%", [D_0402_50, F15]),
]

DOZ = ["doz."]
# 0407-0410: chapter 4 from heading 0407 to its last row (hts-hero public/hts-chapters/4.json).
CH04B: list[Row] = [
    H("0407", 0, "Birds' eggs, in shell, fresh, preserved or cooked:"),
    S(1, "Fertilized eggs for incubation:"),
    R("0407.11.00.00", 2, "Of fowls of the species Gallus domesticus", DOZ, "2.8¢/doz.", SP_A17, "10¢/doz.", [F15]),
    R("0407.19.00.00", 2, "Other", DOZ, "2.8¢/doz.", SP_A17, "10¢/doz.", [F03]),
    S(1, "Other fresh eggs:"),
    R("0407.21.00", 2, "Of fowls of the species Gallus domesticus", [], "2.8¢/doz.", SP_A17, "10¢/doz.", [F03]),
    R("0407.21.00.30", 3, "Fresh table eggs (consumer grades)", DOZ),
    R("0407.21.00.90", 3, "Other", DOZ),
    R("0407.29.00.00", 2, "Other", DOZ, "2.8¢/doz.", SP_A17, "10¢/doz.", [F03]),
    R("0407.90.00.00", 1, "Other", DOZ, "2.8¢/doz.", SP_A17, "10¢/doz.", [F03]),
    H("0408", 0, "Birds' eggs, not in shell, and egg yolks, fresh, dried, cooked by steaming or by boiling in water, "
                 "molded, frozen or otherwise preserved, whether or not containing added sugar or other sweetening "
                 "matter:"),
    S(1, "Egg yolks:"),
    R("0408.11.00.00", 2, "Dried", ["kg"], "47.6¢/kg", SP17, "59.5¢/kg", [F03]),
    R("0408.19.00.00", 2, "Other", ["kg"], "9.7¢/kg", "Free (A+,AU,BH,CL,CO,D,E, IL,JO,KR,MA,OM,P,PA,PE,S,SG)",
      "24.3¢/kg", [F03]),
    S(1, "Other:"),
    R("0408.91.00.00", 2, "Dried", ["kg"], "47.6¢/kg", SP17, "59.5¢/kg", [F15]),
    R("0408.99.00.00", 2, "Other", ["kg"], "9.7¢/kg", SP17, "24.3¢/kg", [F03]),
    R("0409.00.00", 0, "Natural honey", [], "1.9¢/kg", SP17_SPACED, "6.6¢/kg", [F03]),
    R("0409.00.00.05", 1, "Certified Organic", ["kg"]),
    S(1, "Other:"),
    R("0409.00.00.10", 2, "Comb honey and honey packaged for retail sale", ["kg"]),
    S(2, "Other:"),
    R("0409.00.00.35", 3, "White or lighter", ["kg"]),
    R("0409.00.00.45", 3, "Extra light amber", ["kg"]),
    R("0409.00.00.56", 3, "Light amber", ["kg"]),
    R("0409.00.00.65", 3, "Amber or darker", ["kg"]),
    R("0410", 0, "Insects and other edible products of animal origin, not elsewhere specified or included:", []),
    R("0410.10.00.00", 1, "Insects", ["kg"], "1.1%", SP_A17, "10%", [F03W]),
    R("0410.90.00.00", 1, "Other", ["kg"], "1.1%", "Free (A,AU, BH,CL,CO,D, E,IL,JO,KR, MA,OM,P,PA, PE,S,SG)", "10%",
      [F03W]),
]

PETRO = "Derived in whole or in part from petroleum, shale oil or natural gas"
# 2901: chapter 29 from its first row (a header before heading 2901) to the row before heading 2902
# (hts-hero public/hts-chapters/29.json).
CH29: list[Row] = [
    S(1, "I. HYDROCARBONS AND THEIR HALOGENATED, SULFONATED, NITRATED OR NITROSATED DERIVATIVES"),
    H("2901", 0, "Acyclic hydrocarbons:"),
    H("2901.10", 1, "Saturated:"),
    R("2901.10.10.00", 2, "Ethane and butane", ["kg"], "Free", "", "Free", [F03S, O08]),
    R("2901.10.30.00", 2, "n-Pentane and isopentane", ["kg"], "Free", "", "25%", [F03]),
    S(2, "Other:"),
    R("2901.10.40.00", 3, PETRO, ["kg"], "Free", "", "25%", [F03]),
    R("2901.10.50.00", 3, "Other", ["kg"], "Free", "", "25%", [F03]),
    S(1, "Unsaturated:"),
    R("2901.21.00.00", 2, "Ethylene", ["kg"], "Free", "", "Free", [F03]),
    R("2901.22.00.00", 2, "Propene (Propylene)", ["kg"], "Free", "", "Free", [F03S, O08]),
    R("2901.23.00.00", 2, "Butene (Butylene) and isomers thereof", ["kg"], "Free", "", "Free", [F03]),
    H("2901.24", 2, "Buta-1,3-diene and isoprene:"),
    R("2901.24.10.00", 3, "Buta-1,3-diene", ["kg"], "Free", "", "Free", [F03]),
    S(3, "Isoprene:"),
    R("2901.24.20.00", 4, "Having a purity of 95 percent or more by weight", ["kg"], "Free", "", "25%", [F03]),
    R("2901.24.50.00", 4, "Other", ["kg"], "Free", "", "25%", [F03]),
    H("2901.29", 2, "Other:"),
    R("2901.29.10", 3, PETRO, [], "Free", "", "25%", [F03S, O08]),
    R("2901.29.10.10", 4, "Linear \u03b1-olefins (C6-C30), unmixed", ["kg"]),  # GREEK SMALL LETTER ALPHA, as published
    R("2901.29.10.50", 4, "Other", ["kg"]),
    R("2901.29.50.00", 3, "Other", ["kg"], "Free", "", "25%", [F03S, O08]),
]


# --- chapter 99 (HTS 2026 Revision 15, rows as the REST export publishes them) -------------------------------
# Transcribed from TheAxiomFoundation/axiom-corpus data/corpus/provisions/us/statute/
# target-rulespec-hts-current-with-legacy-aluminum-and-witnesses.jsonl (commit
# 76ddb6b2d7a7bbdb0207ee9f11b797ea74ff4a55): rows of reststop/exportList?from=0101&to=9999 for release
# 2026HTSRev15, each with its position in that export (9903.88.01-19: rows 34611-34629, contiguous, no header
# row; 9903.90.08-09: rows 34720-34721). The archive keeps `indent` as a number (published: a string) and
# drops `addiitionalDuties` (null in every raw row seen); footnotes carry `marker` and type "footnote".
Note = tuple[tuple[str, ...], str, str]  # (columns, marker, value)
STAT1: Note = (("stat", "units"), "1", " See chapter 99 statistical note 1. ")
Row99 = tuple[str, str, str, str, list[Note]]


def C(htsno: str, description: str, general: str, other: str, notes: list[Note]) -> Row99:
    return (htsno, description, general, other, notes)


CH99: list[Row99] = [
    C("9903.88.01", (
      "Except as provided in headings 9903.88.05, 9903.88.06, 9903.88.07, 9903.88.08, 9903.88.10, "
      "9903.88.11, 9903.88.14, 9903.88.19, 9903.88.50, 9903.88.52, 9903.88.58, 9903.88.60, 9903.88.62, "
      "9903.88.66, 9903.88.67, 9903.88.68, or 9903.88.69, articles the product of China, as provided "
      "for in U.S. note 20(a) to this subchapter and as provided for in the subheadings enumerated in "
      "U.S. note 20(b) [to this subchapter]"),
      general="The duty provided in the applicable subheading plus 25%", other="",
      notes=[STAT1]),
    C("9903.88.02", (
      "Except as provided in headings 9903.88.12, 9903.88.17, 9903.88.20, 9903.88.54, 9903.88.59, "
      "9903.88.61, 9903.88.63, 9903.88.66, 9903.88.67, 9903.88.68, 9903.88.69, or 9903.88.70, articles "
      "the product of China, as provided for in U.S. note 20(c) to this subchapter and as provided for "
      "in the subheadings enumerated in U.S. note 20(d)"),
      general="The duty provided in the applicable subheading + 25%", other="",
      notes=[STAT1]),
    C("9903.88.03", (
      "Except as provided in headings 9903.88.13, 9903.88.18, 9903.88.33, 9903.88.34, 9903.88.35, "
      "9903.88.36, 9903.88.37, 9903.88.38, 9903.88.40, 9903.88.41, 9903.88.43, 9903.88.45, 9903.88.46, "
      "9903.88.48, 9903.88.56, 9903.88.64, 9903.88.66, 9903.88.67, 9903.88.68, or 9903.88.69, articles "
      "the product of China, as provided for in U.S. note 20(e) to this subchapter and as provided for "
      "in the subheadings enumerated in U.S. note 20(f)"),
      general="The duty provided in the applicable subheading + 25%", other="",
      notes=[STAT1]),
    C("9903.88.04", (
      "Except as provided in headings 9903.88.33, 9903.88.34, 9903.88.36, 9903.88.37, 9903.88.38, "
      "9903.88.40, 9903.88.46, 9903.88.48, 9903.88.56, 9903.88.64, 9903.88.66, 9903.88.67, or "
      "9903.88.69, articles the product of China, as provided for in U.S. note 20(g) to this subchapter "
      "and as provided for in the subheadings enumerated in U.S. note 20(g)"),
      general="The duty provided in the applicable subheading + 25%", other="",
      notes=[STAT1]),
    C("9903.88.05", (
      "Articles the product of China, as provided for in U.S. note 20(h) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1, (("general",), "2", " Effective period extended only for subdivisions (2), (7), (11), (29), (30) "
                                    "and (31) of note 20(h) to this subchapter. ")]),
    C("9903.88.06", (
      "Articles the product of China, as provided for in U.S. note 20(i) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.07", (
      "Articles the product of China, as provided for in U.S. note 20(j) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[(("stat", "desc", "units"), "1", STAT1[2])]),
    C("9903.88.08", (
      "Articles the product of China, as provided for in U.S. note 20(k) to this subchapter, each "
      "covered by an exclusion granted by the United States Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.09", (
      "Articles the product of China, as provided for in U.S. note 20(l) to this subchapter and as "
      "provided for in the subheadings enumerated in U.S. notes 20(f) or 20(g) to this subchapter, if "
      "exported to the United States before May 10, 2019 and entered for consumption, or withdrawn from "
      "warehouse for consumption, on or after May 10, 2019, and before June 15, 2019"),
      general="The duty provided in the applicable subheading + 10%", other="",
      notes=[STAT1]),
    C("9903.88.10", (
      "Articles the product of China, as provided for in U.S. note 20(m) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.11", (
      "Articles the product of China, as provided for in U.S. note 20(n) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.12", (
      "Articles the product of China, as provided for in U.S. note 20(o) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.13", (
      "Articles the product of China, as provided for in U.S. note 20(p) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.14", (
      "Articles the product of China, as provided for in U.S. note 20(q) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.15", (
      "Except as provided in headings 9903.88.39, 9903.88.42, 9903.88.44, 9903.88.47, 9903.88.49, "
      "9903.88.51, 9903.88.53, 9903.88.55, 9903.88.57, 9903.88.65, 9903.88.66, 9903.88.67, 9903.88.68, "
      "or 9903.88.69, articles the product of China, as provided for in U.S. note 20(r) to this "
      "subchapter and as provided for in the subheadings enumerated in U.S. note 20(s)"),
      general="The duty provided in the applicable subheading + 7.5%", other="",
      notes=[STAT1]),
    C("9903.88.16", (
      "Articles the product of China, as provided for in U.S. note 20(t) to this subchapter and as "
      "provided for in the subheadings enumerated in U.S. note 20(u) [Compiler's note: provision "
      "suspended.]"),
      general="The duty provided in the applicable subheading + 15%", other="",
      notes=[STAT1, (("general",), "2", " Subdivisions (t) and (u) of note 20 to this chapter and heading "
                                    "9903.88.16 are suspended. ")]),
    C("9903.88.17", (
      "Articles the product of China, as provided for in U.S. note 20(v) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.18", (
      "Articles the product of China, as provided for in U.S. note 20(w) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.88.19", (
      "Articles the product of China, as provided for in U.S. note 20(x) to this subchapter, each "
      "covered by an exclusion granted by the U.S. Trade Representative"),
      general="The duty provided in the applicable subheading", other="",
      notes=[STAT1]),
    C("9903.90.08", (
      "Articles the product of the Russian Federation, as provided for in U.S. note 30(a) to this "
      "subchapter and as provided for in the subheadings enumerated in U.S. note 30(b) to this "
      "subchapter"),
      general="", other="35%",
      notes=[STAT1]),
    C("9903.90.09", (
      "Articles the product of the Russian Federation, as provided for in U.S. note 30(c) to this "
      "subchapter and as provided for in the subheadings enumerated in U.S. note 30(d) to this "
      "subchapter"),
      general="", other="70%",
      notes=[STAT1]),
]

# (range start, range end, file, rows): one recording per registry `params.chapters` entry.
RECORDINGS: list[tuple[str, str, str, list[Row]]] = [
    ("0101", "0104", "export_0101-0104.json", CH01),
    ("0401", "0402", "export_0401-0402.json", CH04A),
    ("0407", "0410", "export_0407-0410.json", CH04B),
    ("2901", "2901", "export_2901-2901.json", CH29),
]
# the same for `params.chapter99`
RECORDINGS99: list[tuple[str, str, str, list[Row99]]] = [
    ("9903.88.01", "9903.88.19", "export_9903.88.01-9903.88.19.json", CH99[:19]),
    ("9903.90.08", "9903.90.09", "export_9903.90.08-9903.90.09.json", CH99[19:]),
]


def row_object(row: Row) -> dict[str, Any]:
    """One row as USITC publishes it, keys in the published order."""
    kind, htsno, indent, description, units, general, special, other, footnotes = row
    notes = [{"columns": list(columns), "value": value, "type": "endnote"} for columns, value in footnotes]
    return {
        "htsno": htsno,
        "indent": str(indent),
        "description": description,
        "superior": "true" if kind == "S" else None,
        "units": units,
        "general": general,
        "special": special,
        "other": other,
        "footnotes": None if kind == "S" else notes,
        "quotaQuantity": "" if kind == "H" else None,
        "additionalDuties": "" if kind == "H" else None,
        "addiitionalDuties": None,  # sic: the misspelt key is in every published row
    }


def row99_object(row: Row99) -> dict[str, Any]:
    """A chapter 99 row as the REST export publishes it (values as archived, see CH99)."""
    htsno, description, general, other, notes = row
    return {
        "htsno": htsno,
        "indent": "0",
        "description": description,
        "superior": None,
        "units": [],
        "general": general,
        "special": "",
        "other": other,
        "footnotes": [{"columns": list(columns), "marker": marker, "type": "footnote", "value": value}
                      for columns, marker, value in notes],
        "quotaQuantity": None,
        "additionalDuties": "",
        "addiitionalDuties": None,
    }


def jackson(value: Any, depth: int = 0) -> str:
    """JSON like Jackson's DefaultPrettyPrinter (how the USITC files are written): 2-space object
    indentation, `"key" : value`, arrays inline as `[ a, b ]` (objects in arrays open on the same line)."""
    pad = "  " * depth
    if isinstance(value, dict):
        items = [f"{pad}  {json.dumps(key, ensure_ascii=False)} : {jackson(item, depth + 1)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[ ]"
        return "[ " + ", ".join(jackson(item, depth) for item in value) + " ]"
    return json.dumps(value, ensure_ascii=False)


def document(rows: list[Row]) -> str:
    return jackson([row_object(row) for row in rows])


def build() -> dict[str, str]:
    return ({name: document(rows) for _, _, name, rows in RECORDINGS}
            | {name: jackson([row99_object(row) for row in rows]) for _, _, name, rows in RECORDINGS99})


def index() -> dict[str, str]:
    return {export_url(start, end): name for start, end, name, _ in [*RECORDINGS, *RECORDINGS99]}


def verify() -> list[str]:
    """Problems found, [] when the folder holds exactly what this script builds."""
    problems = []
    for name, text in build().items():
        path = HERE / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(f"{name}: missing or stale")
        rows = json.loads(text)
        numbered = [row["htsno"] for row in rows if row["htsno"]]
        if len(numbered) != len(set(numbered)):
            problems.append(f"{name}: duplicate htsno")
    if json.loads((HERE / "index.json").read_text(encoding="utf-8")) != index():
        problems.append("index.json: stale")
    # The serializer must reproduce the official file byte for byte on the rows we have verbatim.
    sample = SAMPLE.read_text(encoding="utf-8")
    if jackson(json.loads(sample)) != sample:
        problems.append(f"{SAMPLE.name}: the Jackson serializer does not reproduce the official bytes")
    head = [row_object(row) for row in CH01[:6]]
    if jackson(head) != sample:
        problems.append("CH01[:6] differs from the official 2026 Revision 5 rows")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verify", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args(argv)
    if not args.verify:
        for stale in HERE.glob("*.json"):
            stale.unlink()
        for name, text in build().items():
            (HERE / name).write_text(text, encoding="utf-8")
        (HERE / "index.json").write_text(json.dumps(index(), indent=1) + "\n", encoding="utf-8")
    problems = verify()
    for problem in problems:
        print(problem, file=sys.stderr)
    total = sum(len(rows) for *_, rows in [*RECORDINGS, *RECORDINGS99])
    print(f"{len(RECORDINGS) + len(RECORDINGS99)} recordings, {total} rows" + ("" if problems else ", verified"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
