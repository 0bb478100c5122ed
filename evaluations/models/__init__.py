"""Evaluations' tables: the internship with its windows and its log, and its weekly meetings.
Evaluations, extensions, payments, alumni and certificates join them as one file each."""

from evaluations.models.internship import Internship, InternshipEvent, InternshipQuerySet
from evaluations.models.meeting import WeeklyMeeting

__all__ = ["Internship", "InternshipEvent", "InternshipQuerySet", "WeeklyMeeting"]
