"""The demo's programs and organizations, with descriptions drawn from the seed documents
(the QEMU internships talk and ideas page, Mozilla's Outreach Program for Women post, the
Ganeti selection mail, the rust-vmm governance thread) and from each project's own site."""

from dataclasses import dataclass

from programs.models import Participation
from programs.timeline import Phase

Status = Participation.Status

PROGRAMS: dict[str, dict] = {
    "gsoc": {
        "name": "Google Summer of Code",
        "website": "https://summerofcode.withgoogle.com/",
        "description": (
            "Google pays contributors for full-time, remote work on an open-source project "
            "with the help of mentors: a twelve-week project by default, longer by agreement. "
            "Until 2022 only students could take part; since then any newcomer to open source "
            "aged 18 or over may apply."
        ),
    },
    "outreachy": {
        "name": "Outreachy",
        "website": "https://www.outreachy.org/",
        "description": (
            "Paid, remote internships in open source and open science for people subject to "
            "systemic bias and under-represented in tech, twice a year (May to August and "
            "December to March). Interns need not be students. It began as GNOME's Outreach "
            "Program for Women."
        ),
    },
}

ORGANIZATIONS: dict[str, dict] = {
    "qemu": {
        "name": "QEMU",
        "website": "https://www.qemu.org/",
        "source_repository": "https://gitlab.com/qemu-project/qemu",
        "mailing_list": "qemu-devel@nongnu.org",
        "chat_channels": "#qemu on irc.oftc.net; internship questions on #qemu-gsoc",
        "description": (
            "QEMU is a generic, open-source machine emulator and virtualizer. It runs "
            "operating systems and programs made for one machine on another, and with KVM "
            "it runs virtual machines at near-native speed. Interns have worked on the block "
            "layer, device emulation, tracing and tools; mentors interview candidates with a "
            "30-minute C coding exercise followed by a technical discussion."
        ),
    },
    "libvirt": {
        "name": "libvirt",
        "website": "https://libvirt.org/",
        "source_repository": "https://gitlab.com/libvirt/libvirt",
        "mailing_list": "devel@lists.libvirt.org",
        "chat_channels": "#virt on irc.oftc.net",
        "description": (
            "libvirt is a toolkit and stable C API for managing virtualization hosts: "
            "QEMU/KVM, Xen, LXC and more. virt-manager, OpenStack and many other tools manage "
            "their virtual machines through it. It first took part in Google Summer of Code "
            "together with QEMU."
        ),
    },
    "mozilla": {
        "name": "Mozilla",
        "website": "https://www.mozilla.org/",
        "source_repository": "https://hg.mozilla.org/mozilla-central",
        "mailing_list": "https://discourse.mozilla.org/",
        "chat_channels": "#introduction:mozilla.org on Matrix",
        "description": (
            "Mozilla makes Firefox and other open-source software for an open, accessible "
            "internet. It offers internships that do not require being a student, with each "
            "project and its mentor listed on the wiki, from web features to the tools that "
            "land patches (such as Autoland's status page)."
        ),
    },
    "ganeti": {
        "name": "Ganeti",
        "website": "https://www.ganeti.org/",
        "source_repository": "https://github.com/ganeti/ganeti",
        "mailing_list": "ganeti-devel@googlegroups.com",
        "chat_channels": "#ganeti on irc.oftc.net",
        "description": (
            "Ganeti manages clusters of virtual servers on Xen or KVM: installation, "
            "live migration, disk replication and cluster balancing. The core is Python; the "
            "cluster tools (HTools) are Haskell. Applicants need at least one patch accepted "
            "upstream before the contribution deadline; starter issues are tagged SmallTask."
        ),
    },
    "rust-vmm": {
        "name": "rust-vmm",
        "website": "https://github.com/rust-vmm",
        "source_repository": "https://github.com/rust-vmm/community",
        "mailing_list": "rust-vmm@lists.opendev.org",
        "chat_channels": "",
        "description": (
            "rust-vmm is a shared set of Rust crates (vm-memory, kvm-ioctls, virtio devices "
            "and more) for building virtual machine monitors, used by Firecracker, Cloud "
            "Hypervisor and crosvm. Decisions are discussed asynchronously on the mailing list "
            "and GitHub so that no time zone is left out, and a new crate needs the approval "
            "of several maintainers from more than one affiliation."
        ),
    },
}

# What each organization writes in its application to a round (from the seeds where they say it).
PARTICIPATION_TEXT: dict[str, dict[str, str]] = {
    "qemu": {
        "motivation": (
            "Get new contributors, raise the profile of our community, give back to open "
            "source, and have fun with stimulating work."
        ),
        "mentoring_plan": (
            "Two mentors per project (co-mentoring), each able to spend about five hours a "
            "week. A weekly meeting with the intern; patches reviewed on qemu-devel; questions "
            "on IRC, the mailing list or a call. Top candidates are interviewed: a 30-minute "
            "coding exercise, then a 30-minute discussion."
        ),
    },
    "libvirt": {
        "motivation": "Bring new people to the virtualization management stack.",
        "mentoring_plan": (
            "One mentor and one backup per project; patches reviewed on the devel list; "
            "a weekly call in a time that suits the intern."
        ),
    },
    "mozilla": {
        "motivation": (
            "Let people intern with Mozilla without having to be students, and keep them "
            "engaged as contributors afterwards."
        ),
        "mentoring_plan": "Each project on the wiki names its mentor; weekly check-ins.",
    },
    "ganeti": {
        "motivation": "Grow a maintainer base for the cluster tools.",
        "mentoring_plan": (
            "Selection on the strength of proposals, and at least one patch accepted upstream "
            "before the contribution deadline so the build is no barrier in the summer. "
            "A named mentor per idea."
        ),
    },
    "rust-vmm": {
        "motivation": "Help newcomers into the crates that several VMMs share.",
        "mentoring_plan": (
            "Ideas need approval from at least three maintainers of more than one affiliation. "
            "Discussion happens on the mailing list and GitHub, not only on calls, so that "
            "every time zone can take part."
        ),
    },
}


@dataclass(frozen=True)
class Lineup:
    """An organization in a current round: how it stands in each stretch of the timeline."""

    org: str
    slots_min: int
    slots_max: int
    slots_granted: int | None
    before_opening: str | None  # status while the round is upcoming; None: not there yet
    while_open: str | None  # status while organization applications are open
    decision: str  # status once accepted organizations are announced

    def status(self, phase: Phase) -> str | None:
        if phase == Phase.UPCOMING:
            return self.before_opening
        if phase == Phase.ORG_APPLICATIONS:
            return self.while_open
        if phase == Phase.ORG_REVIEW:
            # Whoever had a draft sent it before the deadline.
            return Status.APPLIED
        return self.decision


# The rejection is invented so that the state shows up on the pages; Mozilla is accepted in
# Outreachy alongside.
GSOC_LINEUP: tuple[Lineup, ...] = (
    Lineup("qemu", 2, 5, 4, Status.DRAFT, Status.APPLIED, Status.ACCEPTED),
    Lineup("libvirt", 1, 3, 2, Status.DRAFT, Status.APPLIED, Status.ACCEPTED),
    Lineup("ganeti", 1, 2, 1, None, Status.APPLIED, Status.ACCEPTED),
    Lineup("rust-vmm", 1, 3, 2, None, Status.DRAFT, Status.ACCEPTED),
    Lineup("mozilla", 1, 4, None, None, Status.APPLIED, Status.REJECTED),
)
OUTREACHY_LINEUP: tuple[Lineup, ...] = (
    Lineup("qemu", 1, 2, 1, Status.DRAFT, Status.APPLIED, Status.ACCEPTED),
    Lineup("mozilla", 1, 2, 2, Status.DRAFT, Status.APPLIED, Status.ACCEPTED),
)

# Organizations whose applicants need a contribution accepted upstream (the Ganeti mail:
# proposals by the deadline, "at least one patch accepted" by a date during the review).
CONTRIBUTION_DEADLINE_DAYS_AFTER_APPLICATIONS_CLOSE: dict[str, int] = {"ganeti": 10}

# Where the Outreachy round stands for each phase of the main (Google Summer of Code) round.
# Outreachy runs half a year out of step, like its December cohort: while Google Summer of Code
# is busy with organizations and applicants, Outreachy's interns are coding; while Google's
# interns bond and code, Outreachy takes applications; during Google's evaluations it reviews;
# and as Google's round winds down, Outreachy's new interns bond and then code. So the demo
# always has one round with people to select and one with interns at work.
OUTREACHY_PHASE: dict[Phase, Phase] = {
    Phase.UPCOMING: Phase.CODING,
    Phase.ORG_APPLICATIONS: Phase.CODING,
    Phase.ORG_REVIEW: Phase.CODING,
    Phase.IDEA_PROPOSALS: Phase.CODING,
    Phase.IDEAS_PUBLISHED: Phase.CODING,
    Phase.APPLICATIONS: Phase.CODING,
    Phase.REVIEW: Phase.CODING,
    Phase.COMMUNITY_BONDING: Phase.APPLICATIONS,
    Phase.CODING: Phase.APPLICATIONS,
    Phase.MIDTERM: Phase.REVIEW,
    Phase.CODING_SECOND_HALF: Phase.REVIEW,
    Phase.FINAL: Phase.COMMUNITY_BONDING,
    Phase.WRAP_UP: Phase.COMMUNITY_BONDING,
    Phase.FINISHED: Phase.CODING,
}
