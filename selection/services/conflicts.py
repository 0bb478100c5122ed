"""A program admin resolves a conflict: an applicant selected more times in the round than
its `max_accepted_per_applicant` allows (selection.services.choosing opens it).

The page shows each organization's rank for the applicant and the applicant's own order of
preference (which only program admins see); the admin keeps one selection, or as many as the
rule allows, and releases the others. Each released organization's admins are told they may
select their next proposal. Everything happens under the lock on the applicant's application
to the round, the lock every selection of the applicant takes, so a selection made meanwhile
is either counted here or waits and counts this.
"""

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from applications.models import Proposal
from notifications.outbox import enqueue_dues
from people.models import User
from selection import reminders
from selection.models import Candidacy, Conflict, SelectionChange
from selection.services.choosing import MAX_REASON, change_allowed, lock_application, record

logger = logging.getLogger(__name__)
Action = SelectionChange.Action


@dataclass(frozen=True)
class PreferenceRow:
    """One of the applicant's submitted proposals in the round, in their order: the
    organization, its rank for the proposal (None: unranked), and whether it is selected."""

    proposal: Proposal
    candidacy: Candidacy | None

    @property
    def rank(self) -> int | None:
        return self.candidacy.rank if self.candidacy else None

    @property
    def selected(self) -> bool:
        return bool(self.candidacy and self.candidacy.is_selected)


def preference_rows(conflict: Conflict) -> list[PreferenceRow]:
    """The applicant's submitted proposals in the round, in their order of preference (the
    unordered last), with each organization's candidacy: two queries, however many there are
    (the round caps an applicant's proposals)."""
    proposals = list(
        Proposal.objects.submitted()
        .filter(applicant=conflict.applicant_id, application__round=conflict.round_id)
        .select_related("idea__participation__organization")
        .order_by("preference", "submitted_at", "pk")
    )
    candidacies = {
        c.pk: c
        for c in Candidacy.objects.filter(proposal__in=proposals).select_related("selected_by")
    }
    ordered = [p for p in proposals if p.preference is not None]
    ordered += [p for p in proposals if p.preference is None]
    return [PreferenceRow(proposal=p, candidacy=candidacies.get(p.pk)) for p in ordered]


def _selections(conflict: Conflict) -> list[Candidacy]:
    return list(
        Candidacy.objects.selected()
        .select_for_update(of=("self",))
        .filter(applicant_id=conflict.applicant_id, participation__round=conflict.round_id)
        .select_related("participation__organization", "participation__round", "proposal")
        .order_by("pk")
    )


@transaction.atomic
def conflict_resolve(
    *,
    conflict: Conflict,
    by: User,
    keep: Collection[int],
    note: str = "",
    now: datetime | None = None,
) -> list[Candidacy]:
    """Keep the selections named in `keep` (candidacies' ids: one, or up to the round's
    rule) and release the others, telling their organizations' admins. Returns the released
    candidacies."""
    now = now or timezone.now()
    if not by.runs_programs:
        raise ValidationError("Only program admins resolve conflicts between organizations.")
    round_ = conflict.round
    after = change_allowed(round_=round_, by=by, reason=note, now=now)
    lock_application(applicant_id=conflict.applicant_id, round_id=round_.pk)
    locked = Conflict.objects.select_for_update().get(pk=conflict.pk)
    if locked.resolved_at is not None:
        raise ValidationError("This conflict is resolved already.")
    selections = _selections(locked)
    by_pk = {c.pk: c for c in selections}
    keep = set(keep)
    if not keep:
        raise ValidationError("Choose the selection to keep.")
    if not keep <= set(by_pk):
        raise ValidationError(
            "A selection chosen to keep was withdrawn meanwhile; look at the conflict again."
        )
    allowed = round_.rules.max_accepted_per_applicant
    if len(keep) > allowed:
        raise ValidationError(
            f"The round accepts at most {allowed} proposal{'s' if allowed != 1 else ''} of one "
            f"applicant: keep no more than {allowed}."
        )
    released = [c for c in selections if c.pk not in keep]
    reason = note.strip()[:MAX_REASON] or "Released to resolve a conflict between organizations."
    for candidacy in released:
        candidacy.selected_at = None
        candidacy.selected_by = None
        candidacy.save(update_fields=["selected_at", "selected_by"])
        record(candidacy, action=Action.RELEASED, by=by, now=now, reason=reason, after=after)
    for pk in sorted(keep):
        record(by_pk[pk], action=Action.KEPT, by=by, now=now, reason=note, after=after)
    kept_names = ", ".join(by_pk[pk].participation.organization.name for pk in sorted(keep))
    released_names = ", ".join(c.participation.organization.name for c in released)
    locked.resolved_at = now
    locked.resolved_by = by
    locked.resolution = (
        f"Kept by {kept_names}"
        + (f"; released by {released_names}" if released else "")
        + "."
        + (f" {note.strip()[:MAX_REASON]}" if note.strip() else "")
    )
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    for candidacy in released:
        enqueue_dues(reminders.selection_released(candidacy=candidacy, at=now))
    logger.info(
        "%s resolved conflict %s: kept %s, released %s",
        by.pk,
        locked.pk,
        sorted(keep),
        [c.pk for c in released],
    )
    conflict.resolved_at, conflict.resolved_by = locked.resolved_at, by
    conflict.resolution = locked.resolution
    return released
