"""Response headers the whole site sends, decided once here instead of page by page."""

from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    """A page fetched by a signed-in person shows data for them (a dashboard, a draft, a
    review, the status page, their profile and preferences), so no cache on the way may keep
    it: `Cache-Control: private, no-store`. A view that sets its own Cache-Control (a public
    feed that is the same for everyone) keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
