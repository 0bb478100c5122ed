from django.urls import path

from projects.views import custom, discussion, ideas_json, public

ROUND = "rounds/<slug:round_slug>/"
ORG = f"{ROUND}orgs/<slug:org_slug>/"
IDEA = f"{ORG}ideas/<slug:idea_slug>/"

# "ideas/propose/" comes before the idea pattern, or it would be read as an idea "propose"
# (projects.services.ideas.RESERVED_SLUGS keeps ideas from taking that slug).
urlpatterns = [
    path(f"{ROUND}ideas/", public.round_ideas, name="round_ideas"),
    path(f"{ROUND}ideas.json", ideas_json.round_ideas_json, name="round_ideas_json"),
    path(f"{ORG}ideas/", public.org_ideas, name="org_ideas"),
    path(f"{ORG}ideas.json", ideas_json.org_ideas_json, name="org_ideas_json"),
    path(f"{ORG}ideas/propose/", custom.custom_idea_propose_view, name="custom_idea_propose"),
    path(IDEA, public.idea_detail, name="idea"),
    path(f"{IDEA}comments/", discussion.idea_comment, name="idea_comment"),
    path(f"{IDEA}adopt/", custom.idea_adopt_view, name="idea_adopt"),
]
