"""A wiki page of idea blocks back to ideas, with every problem and its line.

Each level-3 section (mwparserfromhell's `get_sections(levels=[3])`) is one idea; a level-2
heading ends it, so a page's introduction and its other sections are left alone. Inside a
block, a line that starts with a bold label ('''Summary:''', '''Links:''', '''Details:''',
'''Starter tasks:''', or any other '''Label:''') starts a part; the lines up to the next
label belong to it. Lines are *logical* lines: a line break inside markup (a multi-line
<pre> or {{template}}) does not end one.

Accepted as real pages write them: "Mentor:" and "Mentors:", several languages separated by
commas, Details bullets with or without bold labels, mentors as "Name <email> (nick on
IRC)", a block whose body lines are all indented by one space (the template as pasted).
Unknown parts and Details bullets are kept as ExtraField (raw wikitext), never dropped.

Problems: a block without a title (or Summary lines outside any block), a field without a
value, an unknown skill level or size, a block cut in half (no '''Summary:''', a list
header without bullets), text where bullets belong, a field given twice, duplicate titles.

Every step costs time linear in the page: the page, its lines, its blocks and its numbers are
capped (a page past a cap is refused at once, naming the line), markup that would make
mwparserfromhell retry (projects.wiki.tangle) is refused before it parses, the blocks are
found in one pass over the page's nodes, and no pattern can try more than one way to match.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Comment, Heading, Text

from projects.wiki import fields
from projects.wiki.data import ExtraField, IdeaData, Link
from projects.wiki.markdown import to_markdown
from projects.wiki.tangle import tangle
from projects.wiki.text import MASK, parse

# What one page may hold. QEMU's longest ideas page has about 60,000 characters, 20 ideas and
# lines of at most 1,500 characters.
PAGE_MAX_CHARS = 200_000
LINE_MAX_CHARS = 10_000
BLOCK_MAX_LINES = 1_000
IDEAS_MAX = 300
HOURS_MAX_DIGITS = 6
PROBLEMS_SHOWN = 100

# A line that may be a level-3 heading, counted before the page is parsed.
_LEVEL_3 = re.compile(r"^===(?!=)", re.MULTILINE)

SKILL_LEVELS = ("beginner", "intermediate", "advanced")
# A size alone ("~175 hours") or a number of hours in a sentence ("about 350 h, or less").
# Possessive and anchored at the start of a run of digits, so each digit is looked at once.
_SIZE_ALONE = re.compile(r"~?\s*+(\d++)\s*+(?:hours?|hrs?|h)?\.?", re.IGNORECASE)
_SIZE_IN_TEXT = re.compile(r"(?<!\d)(\d++)\s*+(?:hours?|hrs?|h)\b", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ParseResult:
    ideas: list[IdeaData]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def shown(value: str, limit: int = 60) -> str:
    """A value as quoted in a problem: long ones cut, so a problem stays one short line."""
    return value if len(value) <= limit else value[:limit] + "…"


def read_hours(size: str) -> int | str | None:
    """The number of hours a size gives, None when it gives none, or a problem."""
    match = _SIZE_ALONE.fullmatch(size) or _SIZE_IN_TEXT.search(size)
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) > HOURS_MAX_DIGITS:
        return f"expected size “{shown(size)}” has more than {HOURS_MAX_DIGITS} digits"
    return int(digits)


def normalize(text: str) -> str:
    """Line breaks as "\\n" (a browser posts "\\r\\n"); NUL, which no database keeps, as U+FFFD."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace(MASK, "\ufffd")


# --- Logical lines --------------------------------------------------------------------------


class _Page:
    def __init__(self, text: str):
        self.text = text
        self.newlines = [match.start() for match in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect_left(self.newlines, offset) + 1

    def lines(self, nodes, start: int) -> list[tuple[int, str]]:
        """(line number, raw text) of each logical line the nodes span, from `start`: only a
        line break in plain text at the top level ends a line."""
        breaks, position = [], start
        for node in nodes:
            raw = str(node)
            if isinstance(node, Text):
                breaks += [position + match.start() for match in re.finditer("\n", raw)]
            position += len(raw)
        lines, line_start = [], start
        for end in [*breaks, position]:
            lines.append((self.line_of(line_start), self.text[line_start:end]))
            line_start = end + 1
        return lines


def _is_blank(raw: str) -> bool:
    return not raw.strip()


def _is_comment_only(raw: str) -> bool:
    if "<!--" not in raw:
        return False
    nodes = parse(raw).nodes
    return any(isinstance(node, Comment) for node in nodes) and all(
        isinstance(node, Comment) or (isinstance(node, Text) and not node.value.strip())
        for node in nodes
    )


def _dedented(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The template as the design shows it indents every body line by one space."""
    filled = [raw for _, raw in lines if not _is_blank(raw)]
    if filled and all(raw.startswith(" ") for raw in filled):
        return [(number, raw[1:] if raw.startswith(" ") else raw) for number, raw in lines]
    return lines


# --- Parts of a block -------------------------------------------------------------------------


@dataclass
class _Part:
    kind: str  # "preamble", a fields.PART_LABELS value, or "extra"
    line: int
    label: str = ""
    rest: str = ""  # raw text after the label on the label's line
    lines: list[tuple[int, str]] = field(default_factory=list)


def _parts(lines: list[tuple[int, str]], heading_line: int) -> list[_Part]:
    parts = [_Part("preamble", heading_line)]
    for number, raw in lines:
        label = fields.read_label_line(raw) if raw.startswith("'''") else None
        if label is None:
            parts[-1].lines.append((number, raw))
            continue
        text, rest = label
        kind = fields.PART_LABELS.get(fields.normal_label(text), "extra")
        parts.append(_Part(kind, number, text, rest))
    return parts


def _trimmed(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Without the blank lines at either end."""
    filled = [i for i, (_, raw) in enumerate(lines) if not _is_blank(raw)]
    return lines[filled[0] : filled[-1] + 1] if filled else []


class _Block:
    """One idea's block, read part by part; problems go to the page's list."""

    def __init__(self, title: str, line: int, problems: list[Problem]):
        self.title, self.line, self.problems = title, line, problems
        self.values: dict = {"languages": [], "skills": [], "mentors": []}
        self.links: list[Link] = []
        self.starter_tasks: list[Link] = []
        self.extra: list[ExtraField] = []
        self.description: list[tuple[int, str]] = []
        self.seen: dict[str, int] = {}  # part or field → the line it was first given on

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def once(self, key: str, line: int, name: str) -> bool:
        if key in self.seen:
            self.problem(
                line, f"{name} is given twice in this idea (first on line {self.seen[key]})"
            )
            return False
        self.seen[key] = line
        return True

    def read(self, parts: list[_Part]) -> None:
        for part in parts:
            if part.kind in ("preamble", fields.SUMMARY):
                if part.kind == fields.SUMMARY and self.once("summary", part.line, "Summary"):
                    self.values["summary"] = fields.read_text(part.rest)
                    if not self.values["summary"]:
                        self.problem(part.line, "Summary has no value")
                self.description += part.lines
            elif part.kind == fields.DETAILS:
                self._details(part)
            elif part.kind in (fields.LINKS, fields.STARTER_TASKS):
                self._links(part)
            else:
                self._extra_part(part)
        if "summary" not in self.seen:
            self.problem(self.line, "no '''Summary:''' line: is the block cut in half?")

    def _bullets(self, part: _Part) -> list[tuple[int, str]]:
        """The bullets of a list part; anything else but blank lines and comments is a
        problem."""
        name = fields.PART_TITLES[part.kind]
        bullets = []
        for number, raw in part.lines:
            if _is_blank(raw) or _is_comment_only(raw):
                continue
            if raw.startswith("**"):
                self.problem(number, f"a nested bullet under '''{name}:''': use one level")
            elif raw.startswith("*"):
                bullets.append((number, fields.read_bullet(raw)))
            else:
                self.problem(number, f"text under '''{name}:''' that is not a bullet")
        return bullets

    def _links(self, part: _Part) -> None:
        name = fields.PART_TITLES[part.kind]
        if not self.once(part.kind, part.line, f"'''{name}:'''"):
            return
        bullets = self._bullets(part)
        if part.rest.strip():  # links on the label's own line, as some pages write them
            bullets.insert(0, (part.line, part.rest.strip()))
        if not bullets:
            self.problem(part.line, f"'''{name}:''' has no bullets: is the block cut in half?")
        target = self.links if part.kind == fields.LINKS else self.starter_tasks
        for number, body in bullets:
            reading = fields.read_links(body)
            target += reading.links
            if reading.problem:
                self.problem(number, reading.problem)

    def _details(self, part: _Part) -> None:
        if not self.once(fields.DETAILS, part.line, "'''Details:'''"):
            return
        if part.rest.strip():
            self.problem(part.line, "text after '''Details:''': each detail goes on a bullet")
        bullets = self._bullets(part)
        if not bullets:
            self.problem(part.line, "'''Details:''' has no bullets: is the block cut in half?")
        for number, body in bullets:
            detail = fields.read_detail(body)
            if detail is None:
                self.problem(number, "a Details bullet needs a label: “* Label: value”")
                continue
            label, raw = detail
            if not raw:
                self.problem(number, f"{shown(label)} has no value")
                continue
            kind = fields.DETAIL_LABELS.get(fields.normal_label(label))
            if kind is None:
                self.extra.append(ExtraField(label=label, value=raw))
            else:
                self._detail(kind, label, raw, number)

    def _detail(self, kind: str, label: str, raw: str, number: int) -> None:
        if kind in fields.SINGLE_DETAILS and not self.once(kind, number, label):
            return
        if kind == fields.SKILL_LEVEL:
            level = fields.read_text(raw)
            if level.casefold() in SKILL_LEVELS:
                self.values["skill_level"] = level.casefold()
            else:
                self.problem(
                    number,
                    f"unknown skill level “{shown(level)}”: beginner, intermediate or advanced",
                )
        elif kind == fields.EXPECTED_HOURS:
            size = fields.read_text(raw)
            hours = read_hours(size)
            if isinstance(hours, int):
                self.values["expected_hours"] = hours
            else:
                self.problem(
                    number, hours or f"expected size “{shown(size)}” is not a number of hours"
                )
        elif kind == fields.SUGGESTED_BY:
            self.values["suggested_by"] = fields.read_text(raw)
        elif kind == fields.MENTORS:
            self.values["mentors"] += fields.read_mentors(raw)
        else:
            self.values[kind] += fields.read_names(raw)

    def _extra_part(self, part: _Part) -> None:
        lines = [raw for _, raw in _trimmed([(part.line, part.rest.strip()), *part.lines])]
        value = "\n".join(lines)
        if value:
            self.extra.append(ExtraField(label=part.label, value=value))
        else:
            self.problem(part.line, f"{shown(part.label)} has no value")

    def idea(self) -> IdeaData:
        description = to_markdown([raw for _, raw in _trimmed(self.description)])
        return IdeaData(
            title=self.title,
            summary=self.values.get("summary", ""),
            description=description,
            links=tuple(self.links),
            skill_level=self.values.get("skill_level", ""),
            languages=tuple(self.values["languages"]),
            skills=tuple(self.values["skills"]),
            expected_hours=self.values.get("expected_hours"),
            mentors=tuple(self.values["mentors"]),
            suggested_by=self.values.get("suggested_by", ""),
            starter_tasks=tuple(self.starter_tasks),
            extra_fields=tuple(self.extra),
            line=self.line,
        )


# --- The page -----------------------------------------------------------------------------------


@dataclass
class _Section:
    """A level-3 heading and the top-level nodes up to the next heading of level 3 or less."""

    heading: object
    start: int  # offset of the heading in the page
    nodes: list = field(default_factory=list)
    end: int = 0  # offset just after the last node


def _sections(nodes: list) -> list[_Section]:
    """The idea blocks, in one pass over the page's top-level nodes (mwparserfromhell's
    get_sections re-renders each section it cuts, which costs the page's size per block)."""
    sections: list[_Section] = []
    current: _Section | None = None
    position = 0
    for node in nodes:
        length = len(str(node))
        level = getattr(node, "level", None) if isinstance(node, Heading) else None
        if level is not None and level <= 3:
            current = _Section(node, position, end=position + length) if level == 3 else None
            if current is not None:
                sections.append(current)
        elif current is not None:
            current.nodes.append(node)
            current.end = position + length
        position += length
    return sections


def _block_lines(page: _Page, section: _Section) -> list[tuple[int, str]]:
    lines = page.lines(section.nodes, section.start + len(str(section.heading)))
    rest_of_heading = lines[0][1]
    if _is_blank(rest_of_heading) or _is_comment_only(rest_of_heading):
        lines = lines[1:]
    return _dedented(lines)


def _orphans(page: _Page, nodes: list, covered: set[int]) -> list[Problem]:
    """Summary lines outside every block: their block has lost its title line."""
    problems = []
    for number, raw in page.lines(nodes, 0):
        if number in covered or not raw.startswith("'''"):
            continue
        label = fields.read_label_line(raw)
        if label and fields.PART_LABELS.get(fields.normal_label(label[0])) == fields.SUMMARY:
            problems.append(
                Problem(number, "'''Summary:''' outside any idea: the block has no === title ===")
            )
    return problems


def _too_large(page: _Page) -> list[Problem]:
    """What the caps refuse before anything is parsed: the page, each line, tangled markup."""
    if len(page.text) > PAGE_MAX_CHARS:
        return [
            Problem(
                1,
                f"the page has {len(page.text):,} characters; at most {PAGE_MAX_CHARS:,} are "
                "imported at once: import it in parts",
            )
        ]
    problems = []
    for number, line in enumerate(page.text.split("\n"), start=1):
        if len(line) > LINE_MAX_CHARS:
            problems.append(
                Problem(
                    number,
                    f"this line has {len(line):,} characters; at most {LINE_MAX_CHARS:,}: "
                    "break it into paragraphs",
                )
            )
    headings = [match.start() for match in _LEVEL_3.finditer(page.text)]
    if len(headings) > IDEAS_MAX:
        line = page.line_of(headings[IDEAS_MAX])
        problems.append(
            Problem(line, f"more than {IDEAS_MAX} ideas on one page: import it in parts")
        )
    found = tangle(page.text)
    if found is not None:
        problems.append(Problem(page.line_of(found.offset), found.reason))
    return problems


def _capped(problems: list[Problem]) -> list[Problem]:
    problems = sorted(problems)
    if len(problems) <= PROBLEMS_SHOWN:
        return problems
    hidden = problems[PROBLEMS_SHOWN:]
    return [
        *problems[:PROBLEMS_SHOWN],
        Problem(hidden[0].line, f"and {len(hidden):,} more problems from here on: fix these first"),
    ]


def parse_page(text: str) -> ParseResult:
    page = _Page(normalize(text))
    refused = _too_large(page)
    if refused:
        return ParseResult(ideas=[], problems=_capped(refused))
    # Bold and italics never span lines on a wiki; left to find their ends across lines, the
    # parser would let a stray '' swallow the headings and labels after it.
    nodes = list(parse(page.text, skip_style_tags=True).nodes)
    sections = _sections(nodes)
    if len(sections) > IDEAS_MAX:
        line = page.line_of(sections[IDEAS_MAX].start)
        message = f"more than {IDEAS_MAX} ideas on one page: import it in parts"
        return ParseResult(ideas=[], problems=[Problem(line, message)])

    ideas: list[IdeaData] = []
    problems: list[Problem] = []
    covered: set[int] = set()
    first_line_of: dict[str, int] = {}
    for section in sections:
        line = page.line_of(section.start)
        covered.update(range(line, page.line_of(section.end) + 1))
        title = fields.read_text(str(section.heading.title))
        lines = _block_lines(page, section)
        if len(lines) > BLOCK_MAX_LINES:
            problems.append(
                Problem(
                    line, f"this idea has more than {BLOCK_MAX_LINES:,} lines: is a heading lost?"
                )
            )
            continue
        block = _Block(title, line, problems)
        block.read(_parts(lines, line))
        if not title:
            problems.append(Problem(line, "an idea without a title: “=== Title ===”"))
            continue
        key = title.casefold()
        if key in first_line_of:
            problems.append(
                Problem(
                    line,
                    f"a second idea titled “{shown(title)}” "
                    f"(the first is on line {first_line_of[key]})",
                )
            )
        first_line_of.setdefault(key, line)
        ideas.append(block.idea())
    problems += _orphans(page, nodes, covered)
    return ParseResult(ideas=ideas, problems=_capped(problems))
