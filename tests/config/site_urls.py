"""Every page of the site, read from the resolver, so a page added later is checked too."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# Third-party apps' pages are checked at their entry points only.
SKIPPED_NAMESPACES = ("admin", "account", "socialaccount")
PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def routes(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route) of every page of the site, with its placeholders."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and "(" not in str(entry.pattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def filled(route: str, values: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        name = match["name"]
        if name == "slug":  # a program's, an organization's or a round's, by where it stands
            if route.startswith("programs/"):
                return values["program"]
            return values["org_slug"] if route.startswith("orgs/") else values["round"]
        if name == "code":  # a certificate's verification code
            return values.get("code", "not-a-code")
        if name == "phase":  # an internship's evaluation phase
            return values.get("phase", "midterm")
        return values[name]

    return "/" + PLACEHOLDER.sub(value, route)
