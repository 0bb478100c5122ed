"""Evaluations' tables: the internship with its windows and its log, its weekly meetings,
its evaluations both ways and admins' decisions, its payments, and its certificate."""

from evaluations.models.certificate import Certificate
from evaluations.models.evaluation import Decision, Evaluation, EvaluationPhase
from evaluations.models.internship import Internship, InternshipEvent, InternshipQuerySet
from evaluations.models.meeting import WeeklyMeeting
from evaluations.models.payment import Payment, PaymentExport

__all__ = [
    "Certificate",
    "Decision",
    "Evaluation",
    "EvaluationPhase",
    "Internship",
    "InternshipEvent",
    "InternshipQuerySet",
    "Payment",
    "PaymentExport",
    "WeeklyMeeting",
]
