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


# The regions of the IANA database; legacy aliases ("Canada/Central", "US/Eastern"), UTC's
# other names and "Etc/GMT+5" are listed last, together, under OTHER_ZONES.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
OTHER_ZONES = "Other zones"


@cache
def timezone_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The same zones as `timezone_choices` (but UTC, which comes first on its own), grouped
    for an <optgroup> each: ("Europe", [("Europe/Berlin", "Berlin"), ...]), ..., then
    OTHER_ZONES with their full names."""
    groups: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    others = []
    for name, label in timezone_choices():
        region, _, place = label.partition("/")
        if region in groups and place:
            groups[region].append((name, place))
        elif name != "UTC":
            others.append((name, label))
    return [(region, zones) for region, zones in groups.items() if zones] + [(OTHER_ZONES, others)]


def is_valid_timezone(name: str) -> bool:
    return name in valid_timezones()
