"""The idea form, laid out like the wiki template, and its conversions.

Links and starter tasks are typed one per line as "label | address": quicker for a busy
mentor than rows of inputs, and a form with an error gives back exactly what was typed.
Co-mentors are chosen from the organization's active mentors and admins, each with the
contact shown beside their name (email or IRC nick).

`to_content()` gives the service its input from a valid form; `to_data()` gives the wiki
preview whatever is typed, valid or not, so the preview follows the mentor's hand.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from people.models import User
from programs.models import Membership, Participation
from projects.models import (
    MAX_HOURS,
    MIN_HOURS,
    IdeaMentor,
    ProjectIdea,
    SkillLevel,
    Tag,
)
from projects.services.ideas import IdeaContent, MentorChoice
from projects.services.tags import clean_names
from projects.wiki.convert import mentor_from_text
from projects.wiki.data import ExtraField, IdeaData, Link, MentorEntry
from projects.wiki.parse import LINE_MAX_CHARS

ROWS_MAX = 30
DESCRIPTION_MAX = 30_000
LABEL_MAX = 200
ADDRESS_MAX = 500

_BARE_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+(/|$)")  # "qemu.org/docs": https, as browsers assume
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
_WIKI_FORBIDDEN = set("<>[]{}|")
_check_web_address = URLValidator(schemes=["http", "https"])

DESCRIPTION_HELP = (
    "Markdown: *emphasis*, **bold**, `code`, [a link](https://…), [a wiki page](Features/Name), "
    "lists with “- ” or “1. ”. Say what the problem is, the plan, and what the intern will "
    "learn. On the site it shows formatted (no HTML or scripts survive); on the wiki as the "
    "same wiki markup, and anything else as typed."
)


def _looks_like_address(text: str) -> bool:
    return "://" in text or bool(_BARE_HOST.match(text))


def clean_address(text: str) -> str:
    """A web address (http or https; "qemu.org" means https://qemu.org) or a wiki page name
    such as "Features/LiveBlockMigration". Raises ValidationError with the reason."""
    text = text.strip()
    if len(text) > ADDRESS_MAX:
        raise ValidationError(f"the address is longer than {ADDRESS_MAX} characters")
    if _UNSAFE_SCHEME.match(text):
        raise ValidationError(f"“{text}” is not a web address (http or https)")
    if "://" not in text and _BARE_HOST.match(text):
        text = f"https://{text}"
    if "://" in text:
        try:
            _check_web_address(text)
        except ValidationError:
            raise ValidationError(f"“{text}” is not a valid web address (http or https)") from None
    elif _WIKI_FORBIDDEN & set(text):
        raise ValidationError(f"“{text}” is neither a web address nor a wiki page name")
    return text


def _split_row(line: str) -> tuple[str, str]:
    """ "label | address" → (label, address); the last bar splits, labels may contain bars."""
    if "|" in line:
        label, address = line.rsplit("|", 1)
        return label.strip(), address.strip()
    return "", line.strip()


def _lines(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)]


def parse_links(text: str) -> list[Link]:
    """Rows of "label | address" (or an address alone); every bad line is named."""
    links, problems = [], []
    for number, line in _lines(text):
        if not line:
            continue
        label, address = _split_row(line)
        try:
            if not address:
                raise ValidationError("the address after “|” is missing")
            if len(label) > LABEL_MAX:
                raise ValidationError(f"the label is longer than {LABEL_MAX} characters")
            links.append(Link(label=label, url=clean_address(address)))
        except ValidationError as error:
            problems.append(f"Line {number}: {error.messages[0]}.")
    if len(links) > ROWS_MAX:
        problems.append(f"At most {ROWS_MAX} rows.")
    if problems:
        raise ValidationError(problems)
    return links


def parse_tasks(text: str) -> list[Link]:
    """Rows of "title | address" or a title alone; the address is optional."""
    tasks, problems = [], []
    for number, line in _lines(text):
        if not line:
            continue
        title, address = _split_row(line) if "|" in line else (line, "")
        try:
            if not title:
                raise ValidationError("give the task a title: “title | address”")
            if "|" not in line and _looks_like_address(title):
                raise ValidationError("give the task a title before its address: “title | …”")
            if len(title) > LABEL_MAX:
                raise ValidationError(f"the title is longer than {LABEL_MAX} characters")
            tasks.append(Link(label=title, url=clean_address(address) if address else ""))
        except ValidationError as error:
            problems.append(f"Line {number}: {error.messages[0]}.")
    if len(tasks) > ROWS_MAX:
        problems.append(f"At most {ROWS_MAX} rows.")
    if problems:
        raise ValidationError(problems)
    return tasks


def rows_text(rows: list[dict], label_key: str) -> str:
    """Stored rows as the textarea shows them, one "label | address" per line."""
    lines = []
    for row in rows:
        label, address = row.get(label_key, ""), row.get("url", "")
        lines.append(f"{label} | {address}" if label and address else label or address)
    return "\n".join(lines)


def _one_line_end(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _hours_as_typed(text: str) -> int | None:
    """Typed hours as a number for the preview, or None; never raises. "²" is a digit to
    `str.isdigit` but not to `int`, and `int` refuses more than 4,300 digits: the form's own
    field reports such input as an error, the preview just leaves the size out."""
    if not text.isdigit() or len(text) > len(str(MAX_HOURS)) + 1:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _split_names(text: str) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


def co_mentor_candidates(participation: Participation) -> list[tuple[User, bool]]:
    """The organization's active mentors and admins (one query), as (user, is_org_admin)."""
    admins: dict[int, bool] = {}
    users: dict[int, User] = {}
    for membership in (
        Membership.objects.active()
        .filter(participation=participation)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    ):
        users[membership.user_id] = membership.user
        admins[membership.user_id] = admins.get(membership.user_id, False) or (
            membership.role == Membership.Role.ORG_ADMIN
        )
    return [(user, admins[pk]) for pk, user in users.items()]


class CommaNames(forms.CharField):
    """Names separated by commas, each at most a tag's length."""

    def clean(self, value):
        text = super().clean(value)
        clean_names(_split_names(text))  # raises with a clear reason
        return text


MODEL_FIELDS = ["title", "summary", "description", "skill_level", "expected_hours", "suggested_by"]
FIELD_ORDER = [
    "title",
    "summary",
    "description",
    "links",
    "skill_level",
    "languages",
    "skills",
    "expected_hours",
    "suggested_by",
    "starter_tasks",
]


class IdeaForm(forms.Form):
    """The template's fields; pass the idea when editing (it is read, never changed here)."""

    links = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: “label | address”. An address is a web address or a wiki "
        "page name, e.g. “Live block migration | Features/LiveBlockMigration”.",
    )
    languages = CommaNames(required=False, help_text="Separated by commas, e.g. C, Python.")
    skills = CommaNames(
        required=False, help_text="Separated by commas, e.g. block layer, QMP, tracing."
    )
    starter_tasks = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Small first contributions, one per line: “title | address” (the address "
        "is optional).",
    )

    def __init__(
        self,
        *args,
        participation: Participation,
        author: User,
        idea: ProjectIdea | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # The model's own fields, with its lengths and limits of hours.
        self.fields.update(
            forms.fields_for_model(
                ProjectIdea,
                fields=MODEL_FIELDS,
                labels={"expected_hours": "Expected size in hours"},
                help_texts={"description": DESCRIPTION_HELP},
                widgets={
                    "summary": forms.TextInput(),
                    "description": forms.Textarea(attrs={"rows": 12}),
                    "expected_hours": forms.NumberInput(
                        attrs={"list": "suggested-hours", "min": MIN_HOURS, "max": MAX_HOURS}
                    ),
                },
            )
        )
        self.fields["skill_level"].required = True
        # The model's limits of hours checked here too, so the error sits by the field.
        self.fields["expected_hours"].validators.extend(
            ProjectIdea._meta.get_field("expected_hours").validators
        )
        self.fields["suggested_by"].help_text = "Who suggested the idea, if not its mentors."
        self.order_fields(FIELD_ORDER)
        self.participation = participation
        self.author = author
        self.idea = idea
        self.candidates = co_mentor_candidates(participation)
        chosen: dict[int, IdeaMentor] = {}
        self.unmatched_mentors: list[IdeaMentor] = []
        if idea is not None:
            for row in idea.mentors.select_related("user"):
                if row.user_id is None:
                    self.unmatched_mentors.append(row)
                else:
                    chosen[row.user_id] = row
            tags = list(idea.tags.all())
            initial = {name: getattr(idea, name) for name in MODEL_FIELDS}
            initial["links"] = rows_text(idea.links, "label")
            initial["starter_tasks"] = rows_text(idea.starter_tasks, "title")
            for field, kind in (("languages", Tag.Kind.LANGUAGE), ("skills", Tag.Kind.SKILL)):
                initial[field] = ", ".join(tag.name for tag in tags if tag.kind == kind)
            self.initial = {**initial, **self.initial}
        self._positions = {pk: row.position for pk, row in chosen.items()}
        # Co-mentors whose role here has ended cannot stay; the form says so before saving.
        members = {user.pk for user, _ in self.candidates}
        self.departed_mentors = [row for pk, row in chosen.items() if pk not in members]
        for user, _is_admin in self.candidates:
            row = chosen.get(user.pk)
            self.fields[f"mentor_{user.pk}"] = forms.BooleanField(
                required=False,
                label=user.name,
                initial=row is not None or (idea is None and user.pk == author.pk),
            )
            self.fields[f"contact_{user.pk}"] = forms.ChoiceField(
                required=False,
                choices=IdeaMentor.Contact.choices,
                initial=row.contact if row else IdeaMentor.Contact.EMAIL,
                label=f"Contact shown for {user.name}",
            )

    # --- Co-mentors, for the template ------------------------------------------------------

    def mentor_rows(self):
        """(user, is_org_admin, tick box, contact choice) for each possible co-mentor."""
        return [
            (user, is_admin, self[f"mentor_{user.pk}"], self[f"contact_{user.pk}"])
            for user, is_admin in self.candidates
        ]

    # --- Validation ------------------------------------------------------------------------

    def clean_description(self) -> str:
        # Browsers send CRLF line ends; the wiki and Markdown want one kind.
        text = _one_line_end(self.cleaned_data["description"])
        # The caps a wiki page's import applies, so that what the form stores exports and
        # imports back within them.
        if len(text) > DESCRIPTION_MAX:
            raise ValidationError(
                f"The description has {len(text):,} characters; at most {DESCRIPTION_MAX:,}."
            )
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > LINE_MAX_CHARS:
                raise ValidationError(
                    f"Line {number} of the description has {len(line):,} characters; at most "
                    f"{LINE_MAX_CHARS:,}: break it into paragraphs."
                )
        return text

    def clean_links(self) -> list[Link]:
        return parse_links(self.cleaned_data["links"])

    def clean_starter_tasks(self) -> list[Link]:
        return parse_tasks(self.cleaned_data["starter_tasks"])

    def _chosen_mentors(self, value) -> list[MentorChoice]:
        chosen = []
        for index, (user, _) in enumerate(self.candidates):
            if value(f"mentor_{user.pk}"):
                contact = value(f"contact_{user.pk}") or IdeaMentor.Contact.EMAIL
                chosen.append((self._positions.get(user.pk, 1000 + index), user, contact))
        # Co-mentors already on the idea keep their order; new ones follow.
        chosen.sort(key=lambda item: item[0])
        return [MentorChoice(user=user, contact=contact) for _, user, contact in chosen]

    def clean(self):
        cleaned = super().clean()
        mentors = self._chosen_mentors(cleaned.get)
        for choice in mentors:
            if choice.contact == IdeaMentor.Contact.IRC and not choice.user.irc_nick:
                self.add_error(
                    f"contact_{choice.user.pk}",
                    f"{choice.user.name} has no IRC nick in their profile; show their email.",
                )
        if not mentors and not self.unmatched_mentors:
            raise ValidationError("Choose at least one co-mentor.")
        cleaned["mentors"] = mentors
        return cleaned

    def to_content(self) -> IdeaContent:
        data = self.cleaned_data
        return IdeaContent(
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            skill_level=data["skill_level"],
            expected_hours=data["expected_hours"],
            links=tuple(data["links"]),
            languages=tuple(_split_names(data["languages"])),
            skills=tuple(_split_names(data["skills"])),
            suggested_by=data["suggested_by"],
            starter_tasks=tuple(data["starter_tasks"]),
            mentors=tuple(data["mentors"]),
        )

    # --- The preview -----------------------------------------------------------------------

    def _raw(self, name: str) -> str:
        value = self[name].value()
        return "" if value is None else str(value).strip()

    def _typed(self, name: str):
        """A field's value as typed (a tick box's as a boolean), for the preview."""
        field, value = self.fields[name], self[name].value()
        return field.to_python(value) if isinstance(field, forms.BooleanField) else value

    def to_data(self) -> IdeaData:
        """The idea as the wiki template sees it, from whatever is typed (never raises)."""
        hours = self._raw("expected_hours")
        skill_level = self._raw("skill_level")
        mentors = [
            MentorEntry(
                name=choice.user.name,
                email=choice.user.email if choice.contact == IdeaMentor.Contact.EMAIL else "",
                irc=choice.user.irc_nick if choice.contact == IdeaMentor.Contact.IRC else "",
            )
            for choice in self._chosen_mentors(self._typed)
        ]
        mentors += [mentor_from_text(row.name) for row in self.unmatched_mentors]
        extra = self.idea.extra_fields if self.idea is not None else []
        return IdeaData(
            title=self._raw("title"),
            summary=self._raw("summary"),
            description=_one_line_end(self._raw("description")),
            links=tuple(_loose_rows(self._raw("links"), address_alone=True)),
            skill_level=skill_level if skill_level in SkillLevel.values else "",
            languages=tuple(_split_names(self._raw("languages"))),
            skills=tuple(_split_names(self._raw("skills"))),
            expected_hours=_hours_as_typed(hours),
            mentors=tuple(mentors),
            suggested_by=self._raw("suggested_by"),
            starter_tasks=tuple(_loose_rows(self._raw("starter_tasks"), address_alone=False)),
            extra_fields=tuple(
                ExtraField(label=field.get("label", ""), value=field.get("value", ""))
                for field in extra
            ),
        )


def _loose_rows(text: str, *, address_alone: bool) -> list[Link]:
    """Rows as typed, unchecked, for the preview: a line without a bar is an address alone
    (links) or a title alone (starter tasks)."""
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if "|" in line or address_alone:
            rows.append(Link(*_split_row(line)))
        else:
            rows.append(Link(label=line.strip(), url=""))
    return rows
