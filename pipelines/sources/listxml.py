"""Value helpers shared by the XML list parsers (UN consolidated list, EU FSF).

Both formats are pretty-printed by their publishers, so element text carries
line breaks and indentation that are layout, not data; dates are ISO 8601 and
are validated, never guessed (an impossible or implausible date is reported).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date, timedelta
from typing import Any

from lxml import etree

# Earliest plausible year of any date in a list (births included).
EARLIEST_YEAR = 1850


class BadDateError(ValueError):
    """A date that is not ISO 8601, does not exist (31/02) or is implausible."""


def clean(text: str | None) -> str | None:
    """Whitespace runs (pretty-printing line breaks) become one space; blank is None."""
    if text is None:
        return None
    joined = " ".join(text.split())
    return joined or None


def stripped(text: str | None) -> str | None:
    """Leading and trailing blanks removed, inner line breaks kept (free-text comments)."""
    if text is None:
        return None
    return text.strip() or None


def iso_date(text: str | None, latest: date | None = None) -> date | None:
    """``YYYY-MM-DD`` (a time part after it is ignored) -> date; None when blank.

    Raises BadDateError for anything else, a day that does not exist, a year
    before EARLIEST_YEAR or a date after ``latest``.
    """
    value = clean(text)
    if value is None:
        return None
    head = value[:10]
    if len(head) != 10 or head[4] != "-" or head[7] != "-" or not head.replace("-", "").isdigit():
        raise BadDateError(f"not an ISO date: {value!r}")
    try:
        parsed = date.fromisoformat(head)
    except ValueError as exc:
        raise BadDateError(f"impossible date: {value!r}") from exc
    check_year(parsed.year, latest)
    if latest is not None and parsed > latest:
        raise BadDateError(f"date after {latest}: {value!r}")
    return parsed


def check_year(year: int, latest: date | None = None) -> int:
    if year < EARLIEST_YEAR or (latest is not None and year > latest.year):
        raise BadDateError(f"implausible year {year}")
    return year


def latest_plausible(published: date | None) -> date:
    """Dates of a file cannot be later than the day after it was published."""
    return (published or date.today()) + timedelta(days=1)


def raw_xml(element: Any) -> str:
    """The element as text, for quarantine rows."""
    return str(etree.tostring(element, encoding="unicode", with_tail=False))


# First word of a character's Unicode name -> ISO 15924 script code.
_SCRIPTS = {
    "LATIN": "Latn", "ARABIC": "Arab", "CJK": "Hani", "HANGUL": "Hang", "CYRILLIC": "Cyrl",
    "HEBREW": "Hebr", "GREEK": "Grek", "THAI": "Thai", "HIRAGANA": "Jpan", "KATAKANA": "Jpan",
    "DEVANAGARI": "Deva", "ETHIOPIC": "Ethi", "GEORGIAN": "Geor", "ARMENIAN": "Armn",
    "MYANMAR": "Mymr", "KHMER": "Khmr", "TAMIL": "Taml", "BENGALI": "Beng", "SYRIAC": "Syrc",
}  # fmt: skip


def script_of(text: str | None) -> str | None:
    """The dominant script of the letters of ``text`` (ISO 15924); Zyyy when unlisted."""
    if not text:
        return None
    counts = Counter(
        _SCRIPTS.get(unicodedata.name(char, "").split(" ")[0], "Zyyy")
        for char in text
        if char.isalpha()
    )
    return counts.most_common(1)[0][0] if counts else None
