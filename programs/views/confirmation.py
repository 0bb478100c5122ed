"""The page that stands before every action that cannot be undone.

A button that ends a role, revokes an invitation or withdraws something leads here first
(GET): the page says what will happen and offers the one button that does it (POST to the
same address) and a way back. It needs no JavaScript, so it works for every browser and for
keyboard and screen-reader users alike.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control


@dataclass(frozen=True)
class Confirmation:
    """What the page asks (`title`), what will happen (`consequences`, one sentence each),
    the button that does it, and where "Cancel" leads."""

    title: str
    consequences: list[str]
    button: str
    cancel_url: str
    # A note the person may add (e.g. why an idea is withdrawn): its label, or "" for none.
    comment_label: str = ""
    comment_help: str = ""


def confirmation_page(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    response = render(
        request,
        "confirm.html",
        # The address as asked, query and all: what it carries (the list a button was on)
        # reaches the POST that acts.
        {"confirmation": confirmation, "action": request.get_full_path()},
    )
    # It names people and private states: never kept by a shared cache.
    patch_cache_control(response, private=True, no_store=True)
    return response
