"""Helpers of the proposal tests (their fixtures are in this folder's conftest.py)."""

from datetime import datetime, timedelta

import time_machine

from applications.models import Proposal
from applications.services.proposals import ProposalContent

SECOND = timedelta(seconds=1)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def content(**changes) -> ProposalContent:
    fields = {
        "title": "A backup tool for QEMU disks",
        "problem": "Backups need the guest stopped.",
        "outline": "Use dirty bitmaps.",
        "commitments": "Exams in the first week of June.",
        "links": [{"label": "My patch", "url": "https://gitlab.com/qemu/-/merge_requests/1"}],
        "deliverables": {1: "Read the block layer", 12: "Documentation"},
    }
    return ProposalContent(**{**fields, **changes})


def form_data(proposal: Proposal, **changes) -> dict:
    data = {
        "title": "A backup tool for QEMU disks",
        "problem": "Backups need the guest stopped.",
        "outline": "Use dirty bitmaps.",
        "commitments": "",
        "links": "My patch https://gitlab.com/qemu/-/merge_requests/1",
    }
    for week in proposal.weeks.all():
        data[f"week_{week.number}"] = f"Deliverable {week.number}"
    return {**data, **changes}
