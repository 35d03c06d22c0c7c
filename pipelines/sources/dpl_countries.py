"""The Country column of the Denied Persons List, as ISO 3166-1 alpha-2.

BIS types the codes by hand. "PRC" (China) is read by ``lib.countries``.
A US state code in the Country column ("NM" for a New Mexico prison, with
State empty) names no country: no country, and a leftover so it is seen.
Only codes that are not also a country's code can be told apart this way:
"DE" or "IN" with a five-digit postal code are real German and Indian rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipelines.lib import countries
from pipelines.lib.staging import StagingWriter
from pipelines.sources import lists

# fmt: off
US_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
})
# fmt: on


def address_country(
    values: Mapping[str, str],
    writer: StagingWriter,
    where: tuple[str, int],
    accept_new_values: bool,
) -> str | None:
    published = values["Country"].strip()
    try:
        return countries.country_code(published)
    except countries.UnknownCountryError:
        pass
    if published in US_STATES:
        writer.leftover(*where, "Country", f"{published} (a US state code, not a country)")
        return None
    lists.known_value(writer, frozenset(), "Country", published, where, accept_new_values)
    return None
