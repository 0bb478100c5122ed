"""What selection asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/selection/emails/<kind>-subject.txt, -body.txt, -body.html.
"""

# === Review: mentors with submitted proposals they have not scored ==============================

# === Interviews: both sides, 24 hours and 1 hour before; cancelled or moved =====================

# === Selection: org admins with open slots; conflicts; the results ==============================
