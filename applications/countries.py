"""Countries by their ISO 3166-1 alpha-2 code, for the question programs that pay stipends
through a partner ask (`RuleSet.asks_country_for_payments`).

Read from the table the pinned `tzdata` package already ships (`iso3166.tab`, the time-zone
database's list of codes and names), so no second copy of the list lives here.
"""

from functools import cache
from importlib import resources


@cache
def country_names() -> dict[str, str]:
    """{code: name}, in the names' order."""
    table = (resources.files("tzdata.zoneinfo") / "iso3166.tab").read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in table.splitlines() if line and line[0] != "#")
    return dict(sorted(((code, name.strip()) for code, name in rows), key=lambda row: row[1]))


def country_choices() -> list[tuple[str, str]]:
    return list(country_names().items())


def is_country(code: str) -> bool:
    return code in country_names()
