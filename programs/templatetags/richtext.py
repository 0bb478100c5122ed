"""`{{ text|markdown }}`: a template builtin (see settings), rendering typed Markdown safely."""

from django import template
from django.utils.safestring import mark_safe

from programs.richtext import render_markdown

register = template.Library()


@register.filter
def markdown(text: str | None) -> str:
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - sanitized by nh3
