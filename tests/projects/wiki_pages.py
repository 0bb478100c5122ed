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


# Pages that cost minutes before the parser was made linear (measured: 42 s, 25 s, and a
# crash after seconds). Each must now be imported or refused in well under a second.
def _block(detail: str) -> str:
    return f"=== An idea ===\n'''Summary:''' Something\n\n'''Details:'''\n{detail}\n"


PADDED_MENTOR = _block("* Mentor: John" + " " * 1500 + "Smith")
LONG_SIZE = _block("* Expected size: " + "9" * 8000)
EMPTY_BLOCKS = "=== x ===\n" * 20_000
# Each page, the line of its first problem and words of it, as an import reports it.
PATHOLOGICAL = {
    "padded mentor line": (PADDED_MENTOR, 1, "is longer than 200 characters"),
    "8,000-digit size": (LONG_SIZE, 5, "has more than 6 digits"),
    "20,000 empty blocks": (EMPTY_BLOCKS, 301, "more than 300 ideas on one page"),
}
