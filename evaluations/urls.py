"""Evaluations' pages. Included at the site's root; names are `evaluations:<name>`.

programs/<slug>/statistics/                       statistics          interns per year
internships/                                      my_internships      one's internships,
                                                                      as intern or mentor
rounds/<round>/internships/<pk>/                  internship          the internship's page
rounds/<round>/internships/<pk>/withdraw/         internship_withdraw end it early (GET asks)
rounds/<round>/internships/<pk>/meetings/?week=N  meeting             a week's meeting log
rounds/<round>/internships/<pk>/meetings/confirm/ meeting_confirm     confirm it (POST)

Being built (issue 12), one block each below:
rounds/<round>/internships/<pk>/evaluations/<phase>/         evaluation    submit one's side,
                                                                           read what one may
rounds/<round>/internships/<pk>/evaluations/<phase>/decide/  decide        program admin locks
rounds/<round>/internships/                       round_internships   program admins' table
rounds/<round>/internships.csv                    round_internships_csv
rounds/<round>/orgs/<org>/internships/            org_internships     org admins' table
rounds/<round>/orgs/<org>/internships.csv         org_internships_csv
rounds/<round>/payments/                          payments            approve, hold, release
rounds/<round>/payments/exports/                  payment_exports     list; POST makes one
rounds/<round>/payments/exports/<id>.csv          payment_export      one export's CSV
programs/<slug>/alumni/                           program_alumni      past interns by year
orgs/<slug>/alumni/                               org_alumni
rounds/<round>/internships/<pk>/alumni/           alumni_listing      intern opts in (POST)
rounds/<round>/internships/<pk>/certificate/      certificate         printable
rounds/<round>/internships/<pk>/certificate/revoke/ certificate_revoke program admin (POST)
certificates/<code>/                              certificate_verify  public verification
"""

from django.urls import path

from evaluations.views import (
    alumni,
    certificates,
    dashboard,
    decisions,
    evaluations,
    internships,
    meetings,
    payments,
    statistics,
)

app_name = "evaluations"

INTERNSHIP = "rounds/<slug:round_slug>/internships/<int:pk>/"

urlpatterns = [
    path("programs/<slug:slug>/statistics/", statistics.statistics, name="statistics"),
    path("internships/", internships.my_internships, name="my_internships"),
    path(INTERNSHIP, internships.internship, name="internship"),
    path(f"{INTERNSHIP}withdraw/", internships.internship_withdraw, name="internship_withdraw"),
    path(f"{INTERNSHIP}extend/", internships.internship_extend, name="internship_extend"),
    path(f"{INTERNSHIP}meetings/", meetings.meeting, name="meeting"),
    path(f"{INTERNSHIP}meetings/confirm/", meetings.meeting_confirm, name="meeting_confirm"),
    # --- Evaluations (evaluate lane) ---
    path(f"{INTERNSHIP}evaluations/<slug:phase>/", evaluations.evaluation, name="evaluation"),
    # --- Decisions (settle lane) ---
    path(
        f"{INTERNSHIP}evaluations/<str:phase>/decide/",
        decisions.decide_phase,
        name="decide",
    ),
    # --- Dashboards (dashboard lane) ---
    path(
        "rounds/<slug:round_slug>/internships/",
        dashboard.round_internships,
        name="round_internships",
    ),
    path(
        "rounds/<slug:round_slug>/internships.csv",
        dashboard.round_internships_csv,
        name="round_internships_csv",
    ),
    path(
        "rounds/<slug:round_slug>/orgs/<slug:org_slug>/internships/",
        dashboard.org_internships,
        name="org_internships",
    ),
    path(
        "rounds/<slug:round_slug>/orgs/<slug:org_slug>/internships.csv",
        dashboard.org_internships_csv,
        name="org_internships_csv",
    ),
    # --- Payments (payments lane) ---
    path("rounds/<slug:round_slug>/payments/", payments.payments, name="payments"),
    path(
        "rounds/<slug:round_slug>/payments/exports/",
        payments.payment_exports,
        name="payment_exports",
    ),
    path(
        "rounds/<slug:round_slug>/payments/exports/<int:pk>.csv",
        payments.payment_export,
        name="payment_export",
    ),
    # --- Alumni and certificates (alumni lane) ---
    path("programs/<slug:slug>/alumni/", alumni.program_alumni, name="program_alumni"),
    path("orgs/<slug:slug>/alumni/", alumni.org_alumni, name="org_alumni"),
    path(f"{INTERNSHIP}alumni/", alumni.alumni_listing, name="alumni_listing"),
    path(f"{INTERNSHIP}certificate/", certificates.certificate, name="certificate"),
    path(
        f"{INTERNSHIP}certificate/revoke/",
        certificates.certificate_revoke,
        name="certificate_revoke",
    ),
    path("certificates/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
]
