"""Demo internships: QEMU's past interns and the interns of the current rounds.

Called by `manage.py demo` after the programs part (see programs.demo): `extend(world)`.
The first titles of QEMU, Ganeti and Mozilla come from the seed documents (QEMU's 2017 ideas
page, the Ganeti selection mail, Mozilla's Autoland post); the rest are invented but
plausible. Past titles are placeholders, not the projects those interns really did.
"""

from collections import Counter
from datetime import timedelta
from itertools import cycle

from evaluations.models import Internship, WeeklyMeeting
from evaluations.models.internship import windows_from
from evaluations.services.announcement import internships_for_announced_rounds
from evaluations.statistics_cache import forget_statistics
from programs.demo.accounts import INTERN, create_account, create_placeholder, placeholder_rows
from programs.demo.world import DemoWorld, reached
from programs.models import Participation
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


def extend(world: DemoWorld) -> None:
    _past_internships(world)
    _announced_internships(world)
    _current_internships(world)
    _the_interns_meetings(world)
    # Inserted in bulk, which sends no signal: a statistics table cached before the demo
    # (in Redis, which outlives the database) would otherwise be shown for up to an hour.
    forget_statistics()


def _past_internships(world: DemoWorld) -> None:
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


def _status(phase: Phase) -> str:
    # Final evaluations close at the start of "wrapping up": from then on, who passed passed;
    # the midterm closes at the start of the second half of coding.
    if reached(phase, Phase.WRAP_UP):
        return Internship.Status.COMPLETED
    if reached(phase, Phase.CODING_SECOND_HALF):
        return Internship.Status.MIDTERM_PASSED
    return Internship.Status.ACTIVE


def _announced_internships(world: DemoWorld) -> None:
    """The internships the announcement makes from the selections of selection's demo (the
    main round's, once its results are out), by the service beat runs, at the instant its
    first tick would have (the round may be over by now, when beat no longer looks)."""
    if not reached(world.phase, Phase.COMMUNITY_BONDING):
        return
    made = internships_for_announced_rounds(world.main_round.results_announced)
    # Where the round stands now, as for the demo's other internships (no one failed here).
    status = _status(world.phase)
    if made and status != Internship.Status.ACTIVE:
        Internship.objects.filter(pk__in=[i.pk for i in made]).update(status=status)
    world.internships += made


def _current_internships(world: DemoWorld) -> None:
    """Interns for every accepted organization of a round that has announced its results.

    The intern account goes to QEMU in the main round when it has interns, otherwise to QEMU
    in Outreachy (one of the two always has: see OUTREACHY_PHASE). In the main round, one
    intern fails the midterm once it is over, so that state shows up too.
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
        phase = world.phase_of(key)
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
                        status=_status(phase),
                        **windows_from(round_),
                    )
                )
    if reached(world.phase_of("gsoc"), Phase.CODING_SECOND_HALF):
        failing = next(r for r in reversed(rows) if r.participation.round_id == world.main_round.pk)
        failing.status = Internship.Status.FAILED
    world.internships += Internship.objects.bulk_create(rows)


MEETING_NOTES = (
    ("Set up the build and the test image.", "", "Read the block layer's backup code."),
    ("A first draft of the backup job.", "The job hangs on a full disk.", "Handle ENOSPC."),
    ("Incremental mode works on one disk.", "", "Send the series to the list."),
    ("Review comments addressed, v2 sent.", "Waiting for a maintainer.", "Start the tests."),
)


def _the_interns_meetings(world: DemoWorld) -> None:
    """The intern account's internship, once coding started: the demo mentor is its mentor,
    and its weeks over have meetings logged, except the latest (so "no meeting logged" shows)
    and with the last one logged waiting for the mentor's confirmation."""
    intern = world.accounts.get(INTERN.key)
    mentor = world.accounts.get("mentor")
    internship = next(
        (i for i in world.internships if intern is not None and i.intern_id == intern.pk), None
    )
    if internship is None or mentor is None:
        return
    internship.mentors.add(mentor)
    ended = internship.weeks_ended_by(world.now) if internship.is_running else 0
    rows = []
    for week in range(1, ended):  # the latest week over is left without a log
        starts, _ = internship.week_bounds(week)
        progress, blockers, next_steps = MEETING_NOTES[(week - 1) % len(MEETING_NOTES)]
        held = starts + timedelta(days=2, hours=15)
        confirmed = week < ended - 1
        rows.append(
            WeeklyMeeting(
                internship=internship,
                week=week,
                held_at=held,
                attendees=f"{intern.name}, {mentor.name}",
                progress=progress,
                blockers=blockers,
                next_steps=next_steps,
                written_by=intern,
                written_at=held + timedelta(hours=2),
                updated_at=held + timedelta(hours=2),
                confirmed_by=mentor if confirmed else None,
                confirmed_at=held + timedelta(days=1) if confirmed else None,
            )
        )
    WeeklyMeeting.objects.bulk_create(rows)
