"""Who may see and change what in review, interviews and selection: the only place that decides
(views and services both ask here). Outsiders get 404 (a mentor of another organization
cannot tell whether a proposal exists), read-only people 403.

The rules, stated once:
- A proposal's review (scores, comments, flags, rank, commitments, interview notes and
  outcomes) is its organization's: active mentors and org admins of the idea's
  participation, and program admins. Never the applicant's, never another organization's.
- A mentor sees the other mentors' scores and comments on a proposal only after giving their
  own (org admins and program admins see them at once).
- Ranking and selection are org admins' (mentors read the ranking: 403 on changing it).
- Conflicts between organizations and the round's selection table are program admins'.
- An applicant sees their own invitations and bookings, and the results of the round only
  from its results time on.
"""

# === Review and ranking ========================================================================

# === Interviews ================================================================================

# === Selection and the announcement ============================================================
