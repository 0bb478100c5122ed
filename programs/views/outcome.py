from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def refusal(error: ValidationError) -> str:
    """A service's refusal as one sentence for a message."""
    return " ".join(error.messages)


def perform(request: HttpRequest, action: Callable[[], object], *, success: str) -> bool:
    """Run one service call of a POST-only button and tell the person how it went.

    A refusal (ValidationError) becomes an error message with the service's reason; anything
    else is a bug and propagates. Returns whether the action went through.
    """
    try:
        action()
    except ValidationError as error:
        messages.error(request, refusal(error))
        return False
    messages.success(request, success)
    return True
