"""Links and starter tasks typed one per line in the idea form: "label | address"."""

import pytest
from django.core.exceptions import ValidationError

from projects.forms.idea import parse_links, parse_tasks, rows_text
from projects.wiki.data import Link


def test_links_take_a_label_and_a_web_address_or_a_wiki_page():
    text = "Backups | https://qemu.org/docs\r\n\r\nFeatures/LiveBlockMigration\r\nA | b | qemu.org"

    assert parse_links(text) == [
        Link("Backups", "https://qemu.org/docs"),
        Link("", "Features/LiveBlockMigration"),
        Link("A | b", "https://qemu.org"),  # the last bar splits; a bare host means https
    ]


def test_every_bad_line_is_named():
    text = "Ok | https://qemu.org\nScript | javascript:alert(1)\nBad | http://\nEmpty |"

    with pytest.raises(ValidationError) as refusal:
        parse_links(text)

    assert refusal.value.messages == [
        "Line 2: “javascript:alert(1)” is not a web address (http or https).",
        "Line 3: “http://” is not a valid web address (http or https).",
        "Line 4: the address after “|” is missing.",
    ]


def test_wiki_markup_is_not_a_page_name():
    with pytest.raises(ValidationError, match="neither a web address nor a wiki page name"):
        parse_links("[[Main Page]]")


def test_at_most_thirty_rows():
    with pytest.raises(ValidationError, match="At most 30 rows"):
        parse_links("\n".join(f"https://qemu.org/{n}" for n in range(31)))


def test_a_starter_task_needs_a_title_and_may_have_an_address():
    assert parse_tasks("Fix a typo\nWrite a test | gitlab.com/qemu/1") == [
        Link("Fix a typo", ""),
        Link("Write a test", "https://gitlab.com/qemu/1"),
    ]
    with pytest.raises(ValidationError, match="Line 1: give the task a title"):
        parse_tasks("https://gitlab.com/qemu/1")


def test_stored_rows_are_written_back_as_typed():
    rows = [{"label": "Backups", "url": "https://qemu.org"}, {"label": "Only a label", "url": ""}]

    assert rows_text(rows, "label") == "Backups | https://qemu.org\nOnly a label"


def test_a_link_without_a_label_is_written_back_as_its_address():
    assert rows_text([{"label": "", "url": "Features/Backup"}], "label") == "Features/Backup"
