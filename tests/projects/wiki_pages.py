"""Pages for the wiki tests: QEMU's 2017 ideas page (a file) and a malformed page."""

from pathlib import Path

DATA = Path(__file__).with_name("data")
QEMU_2017 = DATA / "qemu-gsoc-2017.wiki"


def qemu_page() -> str:
    return QEMU_2017.read_text(encoding="utf-8")


# Three broken blocks and a sound one: a block whose title line was lost (line 3), a field
# without a value (line 13), a block cut in half after '''Details:''' (line 20), and an
# unknown skill level (line 28).
MALFORMED = """== Project Ideas ==

'''Summary:''' A block whose === Title === line was lost

=== Empty skill level ===

'''Summary:''' Say something

Some description.

'''Details:'''
* Language: C
* Skill level:
* Mentor: Kevin Wolf <kwolf@redhat.com>

=== Cut in half ===

'''Summary:''' The page was pasted only up to here

'''Details:'''

=== Unknown level ===

'''Summary:''' Otherwise fine

'''Details:'''
* Language: C
* Skill level: expert
"""
