from django.urls import path

from projects.views import editing, review

IDEAS = "rounds/<slug:round_slug>/orgs/<slug:org_slug>/ideas/"
IDEA = f"{IDEAS}<slug:idea_slug>/"

# The organization's own pages come before the idea patterns: "ideas/new/" is not an idea
# called "new" (projects.services.ideas.RESERVED_SLUGS keeps ideas from taking these words).
# `idea_preview` has two addresses: a new idea's (two arguments) and an idea's (three).
urlpatterns = [
    path(f"{IDEAS}new/", editing.idea_create, name="idea_create"),
    path(f"{IDEAS}new/preview/", editing.idea_preview, name="idea_preview"),
    path(f"{IDEAS}mine/", editing.my_ideas, name="my_ideas"),
    path(f"{IDEAS}review/", review.review_queue, name="review_queue"),
    path(f"{IDEAS}rule/", review.approval_rule, name="approval_rule"),
    path(f"{IDEA}edit/", editing.idea_edit, name="idea_edit"),
    path(f"{IDEA}preview/", editing.idea_preview, name="idea_preview"),
    path(f"{IDEA}submit/", editing.idea_submit, name="idea_submit"),
    path(f"{IDEA}withdraw/", editing.idea_withdraw, name="idea_withdraw"),
    path(f"{IDEA}review/", review.idea_review, name="idea_review"),
]
