"""Danish date expressions → ISO dates ("24. november 2023", "15-maj-2002", "4. mar. 2019", "24-11-2023",
"d. 3/9 2021", "9/1-2020"), ISO dates ("2019-03-04"), and the English order a web page's date widget may print
("April 3, 2019")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

__all__ = ["date_pattern", "parse_date"]

_NUMERIC = r"(?P<nd>\d{1,2})[-./](?P<nm>\d{1,2})[-./ ]\s*(?P<ny>\d{4}|\d{2})\b"
# year first, with its century ("2019-03-04"); not inside a case or journal number ("SAG-2011-04-1")
_ISO = r"(?<![-\w])(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b"


def date_pattern(months: Mapping[str, int]) -> re.Pattern[str]:
    """A pattern for written ("3. september 2021", "20. juni", "15-maj-2002", "4. mar. 2019"), numeric
    ("20-09-2024", "9/1 2020"), ISO ("2019-03-04") and English-ordered ("April 3, 2019": only with its year, as a
    month name before a number is often no date) dates. ``months`` maps names and abbreviations to numbers."""
    names = "|".join(sorted(months, key=len, reverse=True))
    written = rf"(?P<wd>\d{{1,2}})(?:\.?\s*|-)(?P<wm>{names})\.?(?:(?:\s+|\s*-\s*)(?P<wy>\d{{4}}))?\b"
    english = rf"\b(?P<em>{names})\.?\s+(?P<ed>\d{{1,2}}),?\s+(?P<ey>\d{{4}})\b"
    return re.compile(rf"(?<![\d.])(?:{_ISO}|{written}|{_NUMERIC}|{english})", re.IGNORECASE)


def parse_date(match: re.Match[str], months: Mapping[str, int], default_year: int | None = None) -> str:
    """ISO date for a :func:`date_pattern` match, or "" when it is no valid date.

    Example:
        >>> months = {"november": 11}
        >>> parse_date(date_pattern(months).search("den 24. november 2023"), months)
        '2023-11-24'
        >>> parse_date(date_pattern(months).search("d. 3/9 2021"), months)
        '2021-09-03'
        >>> parse_date(date_pattern(months).search("Friday, November 24, 2023 - 18:00"), months)
        '2023-11-24'
        >>> parse_date(date_pattern(months).search("2023-11-24"), months)
        '2023-11-24'
    """
    if match.group("iy"):
        day, month, year = int(match.group("id")), int(match.group("im")), int(match.group("iy"))
    elif match.group("ed"):
        day, month, year = int(match.group("ed")), months[match.group("em").lower()], int(match.group("ey"))
    elif match.group("wd"):
        day, month = int(match.group("wd")), months[match.group("wm").lower()]
        year = int(match.group("wy")) if match.group("wy") else default_year
    else:
        day, month, year = int(match.group("nd")), int(match.group("nm")), int(match.group("ny"))
        if year < 100:
            year += 2000
    if year is None:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
