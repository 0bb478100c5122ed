"""QEMU's past rounds, 2010 to 2016, so that the statistics have a real-looking history.

The numbers are read off the "Participation Timeline" slide of Stefan Hajnoczi's talk "QEMU
Community Growth Through Open Source Internships" (KVM Forum 2016). The slide's text comes
out of the PDF jumbled, so this is our reading of it:

    2010  First GSoC                      4 interns
    2011  GSoC                            4 interns
    2012  Not accepted into GSoC          -
    2013  GSoC with libvirt               9 interns
    2014  GSoC                            6 interns
    2014  First Outreachy                 1 intern
    2015  GSoC & Outreachy                9 interns
    2016  GSoC & Outreachy                7 interns

Two things are ours, not the slide's. The slide gives one number for 2015 and for 2016 across
both programs; the split below (7 + 2, then 5 + 2) is a guess. And the next slide says
"Interns 2010-2016 (37 people)" while the counts add up to 40 internships, so three interns
come back for a second round. In 2013 libvirt's interns took part under QEMU's name; they are
counted with QEMU here, as on the slide. Each past round gets the typical timeline from
1 March of its year.
"""

from datetime import UTC, datetime, timedelta

from programs.demo.world import DemoWorld, PastParticipation
from programs.models import Participation, Round
from programs.schedules import dates_from

# (year, program slug, interns or None when not accepted, of whom returning, note)
QEMU_HISTORY: tuple[tuple[int, str, int | None, int, str], ...] = (
    (2010, "gsoc", 4, 0, "First Google Summer of Code."),
    (2011, "gsoc", 4, 0, ""),
    (2012, "gsoc", None, 0, "Not accepted into Google Summer of Code."),
    (2013, "gsoc", 9, 0, "Together with libvirt, whose interns are counted here."),
    (2014, "gsoc", 6, 0, ""),
    (2014, "outreachy", 1, 0, "First Outreachy."),
    (2015, "gsoc", 7, 1, ""),
    (2015, "outreachy", 2, 0, ""),
    (2016, "gsoc", 5, 1, ""),
    (2016, "outreachy", 2, 1, ""),
)

PREVIOUS_PARTICIPATION = (
    "Google Summer of Code every year since 2010 except 2012, when we were not accepted "
    "(in 2013 together with libvirt), and Outreachy since 2014: 40 internships for 37 people "
    "from 2010 to 2016."
)


def past_round(world: DemoWorld, program_slug: str, year: int) -> Round:
    """A finished round on the typical timeline from 1 March of `year`."""
    program = world.programs[program_slug]
    dates = dates_from(datetime(year, 3, 1, tzinfo=UTC))
    rules = program.default_rules.copy()
    if program_slug == "gsoc":
        # Google Summer of Code was for students only until 2022.
        rules.students_only = True
        rules.save(update_fields=["students_only"])
    return Round.objects.create(
        program=program,
        rules=rules,
        **round_names(program_slug, dates["coding_start"]),
        **dates,
    )


def round_names(program_slug: str, coding_start: datetime) -> dict[str, str]:
    """A round is named after when it codes: "Google Summer of Code 2026", "Outreachy
    December 2026". A round placed in its "upcoming" phase in November is next year's."""
    if program_slug == "gsoc":
        return {
            "name": f"Google Summer of Code {coding_start.year}",
            "slug": f"gsoc-{coding_start.year}",
        }
    return {
        "name": f"Outreachy {coding_start:%B %Y}",
        "slug": f"outreachy-{coding_start:%Y-%m}",
    }


def build_history(world: DemoWorld) -> None:
    qemu = world.organizations["qemu"]
    for year, program_slug, interns, returning, note in QEMU_HISTORY:
        # One row per (program, year) in the table, so one round each.
        round_ = past_round(world, program_slug, year)
        world.past_rounds.append(round_)
        accepted = interns is not None
        participation = Participation.objects.create(
            round=round_,
            organization=qemu,
            status=Participation.Status.ACCEPTED if accepted else Participation.Status.REJECTED,
            slots_min=1,
            slots_max=interns or 4,
            slots_granted=interns,
            submitted_at=round_.org_applications_close - timedelta(days=2),
            decided_at=round_.orgs_announced,
            slots_decided_at=round_.orgs_announced if accepted else None,
        )
        world.history.append(
            PastParticipation(participation, interns or 0, returning=returning, note=note)
        )
