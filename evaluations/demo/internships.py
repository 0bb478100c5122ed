"""Demo internships: QEMU's past interns and the interns of the current rounds, made as
the announcement makes them, all in progress (`evaluations.demo.story` then plays each one
up to now: its evaluations, status changes, extension and payments).

The first titles of QEMU, Ganeti and Mozilla come from the seed documents (QEMU's 2017 ideas
page, the Ganeti selection mail, Mozilla's Autoland post); the rest are invented but
plausible. Past titles are placeholders, not the projects those interns really did.
"""

from collections import Counter
from itertools import cycle

from evaluations.models import Internship
from evaluations.models.internship import windows_from
from evaluations.services.announcement import internships_for_announced_rounds
from programs.demo.accounts import INTERN, create_account, create_placeholder, placeholder_rows
from programs.demo.world import DemoWorld, reached
from programs.models import Membership, Participation
from programs.timeline import Phase

PROJECT_TITLES: dict[str, list[str]] = {
    "qemu": [
        "Disk backup tool",
        "Move I/O throttling and write notifiers into block filter drivers",
        "Tracing improvements",
        "QMP test coverage",
    ],
    "libvirt": ["Test suite for the QEMU driver", "Language bindings clean-up"],
    "ganeti": [
        "Optimize balancing speed by accounting for migration speed",
        "Improve KVM live migration",
    ],
    "rust-vmm": ["vm-memory fuzzing", "virtio-blk device crate"],
    "mozilla": ["Autoland status page and alerts", "Autoland queue view"],
}
PAST_TOPICS = (
    "Block layer",
    "Device emulation",
    "Tracing",
    "Migration",
    "QMP and tools",
    "Testing",
)


def past_internships(world: DemoWorld) -> None:
    """40 internships for 37 people: `returning` interns come back from an earlier year."""
    plan: list[tuple[Participation, list[int]]] = []
    earlier: list[int] = []  # person numbers from years before the one being planned
    this_year: list[int] = []
    year = None
    people = 0
    for past in world.history:
        if past.year != year:
            earlier, this_year, year = earlier + this_year, [], past.year
        comeback = earlier[-past.returning :] if past.returning else []
        earlier = [n for n in earlier if n not in comeback]  # nobody comes back twice
        new = list(range(people + 1, people + 1 + past.interns - len(comeback)))
        people += len(new)
        this_year += new
        plan.append((past.participation, comeback + new))

    users = placeholder_rows(
        [(f"past-intern-{n:02d}@example.org", f"Former intern {n}") for n in range(1, people + 1)]
    )
    topics = cycle(PAST_TOPICS)
    rows = [
        Internship(
            participation=participation,
            intern=users[n - 1],
            project_title=f"{next(topics)} (placeholder)",
            status=Internship.Status.COMPLETED,
            # Bulk inserts skip save(), which would take the windows from the round.
            **windows_from(participation.round),
        )
        for participation, numbers in plan
        for n in numbers
    ]
    world.internships += Internship.objects.bulk_create(rows)


def announced_internships(world: DemoWorld) -> None:
    """The internships the announcement makes from the selections of selection's demo (the
    main round's, once its results are out), by the service beat runs, at the instant its
    first tick would have (the round may be over by now, when beat no longer looks)."""
    if not reached(world.phase, Phase.COMMUNITY_BONDING):
        return
    world.internships += internships_for_announced_rounds(world.main_round.results_announced)


def current_internships(world: DemoWorld) -> None:
    """Interns for every accepted organization of a round that has announced its results.

    The intern account goes to QEMU in the main round when it has interns, otherwise to QEMU
    in Outreachy (one of the two always has: see OUTREACHY_PHASE). Placeholder interns work
    with their organization's mentors. Each starts in progress: the story moves it on.
    """
    keys = [
        key
        for key in ("gsoc", "outreachy")
        if reached(world.phase_of(key), Phase.COMMUNITY_BONDING)
    ]
    if not keys:
        return
    # The intern may have applied in the main round already (selection's demo).
    intern = world.accounts.get(INTERN.key) or create_account(
        INTERN, password_hash=world.password_hash
    )
    world.accounts[INTERN.key] = intern
    # Slots the announcement filled from selected proposals; placeholders fill the rest.
    announced = Counter(i.participation_id for i in world.internships)
    rows = []
    for key in keys:
        round_ = world.rounds[key]
        for participation in world.accepted(key):
            org = participation.organization.slug
            titles = PROJECT_TITLES[org]
            for i in range(announced[participation.pk], participation.slots_granted or 0):
                if org == "qemu" and i == 0 and key == keys[0]:
                    person = intern
                else:
                    person = create_placeholder(
                        f"{round_.slug}-{org}-intern-{i + 1}@example.org",
                        f"{participation.organization.name} intern {i + 1} ({round_.name})",
                    )
                rows.append(
                    Internship(
                        participation=participation,
                        intern=person,
                        project_title=titles[i % len(titles)],
                        **windows_from(round_),
                    )
                )
    made = Internship.objects.bulk_create(rows)
    _mentored_by_their_organization(made)
    world.internships += made


def _mentored_by_their_organization(internships: list[Internship]) -> None:
    """Placeholder interns work with every mentor of their organization (the intern account's
    mentor is set by the meetings part: the demo mentor)."""
    participations = {i.participation_id for i in internships}
    mentors: dict[int, list[int]] = {}
    for participation_id, user_id in (
        Membership.objects.active()
        .filter(participation_id__in=participations, role=Membership.Role.MENTOR)
        .values_list("participation_id", "user_id")
    ):
        mentors.setdefault(participation_id, []).append(user_id)
    Through = Internship.mentors.through
    Through.objects.bulk_create(
        Through(internship_id=i.pk, user_id=user_id)
        for i in internships
        if i.intern.email != INTERN.email
        for user_id in mentors.get(i.participation_id, [])
    )
