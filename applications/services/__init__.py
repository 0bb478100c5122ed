"""The applicant's actions and the mentors' verdicts, one module per subject (keyword-only,
typed, in a transaction, recording who did what): `applications.py` (the eligibility answers,
marking ineligible), `contributions.py` (record, confirm, reject), `proposals.py` (draft,
autosave, submit, withdraw, order, the after-deadline exception)."""
