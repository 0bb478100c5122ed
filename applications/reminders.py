"""What applications asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Nothing is registered yet; the issue's reminders land here:

- applicants with an unsubmitted draft, 3 days and 1 day before the application deadline;
- applicants whose contribution a mentor confirmed or rejected (a notice);
- mentors of an organization, a daily digest of proposals submitted to its ideas while the
  application period runs (optional).
"""
