"""The IANA time zone list people choose from, and how a zone is named on a page."""

import zoneinfo
from functools import cache

# Present on some systems but not real zones: "localtime" is the server's own clock, so a
# visitor's cookie saying "localtime" would show pages in the server's zone.
NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def valid_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() - NOT_ZONES)


@cache
def timezone_choices() -> list[tuple[str, str]]:
    # "Etc/..." and legacy aliases ("US/Eastern") are valid but confuse people; keep them
    # valid (a browser may report one) yet list the canonical Area/City names first.
    names = sorted(valid_timezones())
    canonical = [n for n in names if "/" in n and not n.startswith(("Etc/", "SystemV/", "US/"))]
    rest = [n for n in names if n not in canonical]
    return [(n, n.replace("_", " ")) for n in canonical + rest]


def is_valid_timezone(name: str) -> bool:
    return name in valid_timezones()
