from projects.urls_editing import urlpatterns as editing_urls
from projects.urls_public import urlpatterns as public_urls
from projects.urls_wiki import urlpatterns as wiki_urls

app_name = "projects"

# Wiki and editing addresses come first: "ideas/new/" and "ideas/import/" must not be read as
# an idea called "new" or "import" by the public detail pattern.
urlpatterns = [*wiki_urls, *editing_urls, *public_urls]
