from programs.urls_manage import urlpatterns as manage_urls
from programs.urls_organizations import urlpatterns as organization_urls
from programs.urls_public import urlpatterns as public_urls

app_name = "programs"

urlpatterns = [*public_urls, *organization_urls, *manage_urls]
