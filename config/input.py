"""Input no page can store or search: refused once here, before any view reads it."""

from django.http import HttpResponseBadRequest

# PostgreSQL's text cannot hold NUL (U+0000), and no person types one: a value carrying it
# is a probe or a broken client. Forms refuse it in the fields they declare, but a view that
# reads a search box or a comment from the request directly would hand it to the database
# and answer 500. One check for every parameter of every request closes that for good.
NUL = "\x00"


class RefuseNulCharactersMiddleware:
    """Answer 400, saying why, to a request whose address or form carries a NUL character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request.GET) or (request.method == "POST" and _carries_nul(request.POST)):
            return HttpResponseBadRequest(
                "This request holds a NUL character (U+0000), which no page of this site "
                "accepts. Remove it and try again.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _carries_nul(params) -> bool:
    return any(NUL in key or any(NUL in value for value in params.getlist(key)) for key in params)
