"""`{% load applying %}{% may_apply_to idea as can_apply %}`: whether the viewer of an idea
page is offered "Apply to this idea". Projects' templates load this library and link to
`applications:proposal_new` by name, so projects never imports applications."""

from django import template
from django.utils import timezone

from applications.permissions import idea_offers_apply
from applications.services.proposals import may_propose_to

register = template.Library()


@register.simple_tag(takes_context=True)
def may_apply_to(context, idea) -> bool:
    user = context["request"].user
    return idea_offers_apply(user, idea) and may_propose_to(idea, user, timezone.now())
