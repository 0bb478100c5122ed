"""`{{ text|markdown }}`: a template builtin (see settings), rendering typed Markdown safely;
`{{ text|markdown_wiki:organization }}` also leads links to bare page names ("[the feature]
(Features/LiveBlockMigration)") to the organization's wiki, or unlinks them without one."""

from django import template
from django.utils.safestring import mark_safe

from programs.richtext import render_markdown

register = template.Library()


@register.filter
def markdown(text: str | None) -> str:
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - sanitized by nh3


@register.filter
def markdown_wiki(text: str | None, organization) -> str:
    return mark_safe(  # noqa: S308 - sanitized by nh3
        render_markdown(text or "", page_url=organization.wiki_page_url)
    )
