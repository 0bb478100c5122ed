"""An organization's wiki address: where links to its wiki pages lead."""

import pytest
from django.core.exceptions import ValidationError

from programs.forms.organizations import OrganizationForm
from programs.models import Organization
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("wiki_url", "page", "address"),
    [
        ("https://wiki.qemu.org/", "Features/LiveBlockMigration",
         "https://wiki.qemu.org/Features/LiveBlockMigration"),
        ("https://wiki.qemu.org", "Google Summer of Code 2017",
         "https://wiki.qemu.org/Google_Summer_of_Code_2017"),
        ("https://w.example.org/index.php?title=", "Café/Q&A",
         "https://w.example.org/index.php?title=Caf%C3%A9/Q%26A"),
        ("https://wiki.qemu.org/", "Documentation/Platforms#Linux hosts",
         "https://wiki.qemu.org/Documentation/Platforms#Linux_hosts"),
        ("https://wiki.qemu.org/", "#Ideas", ""),
        ("", "Features/LiveBlockMigration", ""),
    ],
)  # fmt: skip
def test_a_page_name_gives_the_pages_address_as_mediawiki_writes_it(wiki_url, page, address):
    assert Organization(wiki_url=wiki_url).wiki_page_url(page) == address


@pytest.mark.parametrize(
    "wiki_url", ["ftp://wiki.example.org/", "javascript:alert(1)", "wiki example"]
)
def test_only_a_web_address_is_a_wiki_address(wiki_url):
    organization = OrganizationFactory.build(wiki_url=wiki_url)

    with pytest.raises(ValidationError) as refused:
        organization.full_clean()

    assert "wiki_url" in refused.value.message_dict


def test_the_organizations_details_form_takes_the_wiki_address():
    form = OrganizationForm(
        {"org-name": "QEMU", "org-slug": "qemu", "org-wiki_url": "wiki.qemu.org/"}
    )

    assert form.is_valid(), form.errors
    assert form.save().wiki_url == "https://wiki.qemu.org/"
    assert not OrganizationForm(
        {"org-name": "Q", "org-slug": "q", "org-wiki_url": "ftp://x"}
    ).is_valid()


def test_the_django_admin_edits_it_with_the_organizations_details(client):
    qemu = OrganizationFactory(name="QEMU", slug="qemu")
    client.force_login(UserFactory(email="root@example.org", is_staff=True, is_superuser=True))

    page = client.get(f"/django-admin/programs/organization/{qemu.pk}/change/")

    assert page.status_code == 200
    assert 'name="wiki_url"' in page.content.decode()
