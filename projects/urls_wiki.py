from django.urls import path

from projects.views import wiki

ORG = "rounds/<slug:round_slug>/orgs/<slug:org_slug>/"

# Before the public idea pattern, so "ideas/import/" is not read as an idea called "import".
urlpatterns = [
    path(f"{ORG}ideas.wiki", wiki.org_ideas_wiki, name="org_ideas_wiki"),
    path(f"{ORG}ideas/import/", wiki.ideas_import_view, name="ideas_import"),
    path(f"{ORG}ideas/<slug:idea_slug>.wiki", wiki.idea_wiki, name="idea_wiki"),
]
