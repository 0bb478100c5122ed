"""The applicant's pages and the mentors' proposal list. Included at the site's root, like
every app's URLs; names are `applications:<name>`.

The layout (fill it in as written, so the pages agree). A = rounds/<round>/application/
(<round>, <org>, <idea> are slugs, <pk> a row's id):

    A                                    dashboard            the applicant's page in a round
    A eligibility/                       application_form     eligibility answers (GET/POST)
    A contributions/                     contributions        list, record one (GET/POST)
    A contributions/<pk>/                contribution_edit    edit one (GET/POST)
    A proposals/new/<org>/<idea>/        proposal_new         a first draft to that idea
    A proposals/<pk>/                    proposal             read, edit; autosave posts here
    A proposals/<pk>/submit/             proposal_submit      (POST)
    A proposals/<pk>/withdraw/           proposal_withdraw    GET asks, POST withdraws
    A proposals/order/                   proposal_order       order the submitted (POST)
    rounds/<round>/orgs/<org>/proposals/ org_proposals        moved: redirects (permanently) to
                                                              selection:review_list
    rounds/<round>/orgs/<org>/proposals/<pk>/exception/
                                         proposal_exception   an org admin's late-edit exception
    rounds/<round>/orgs/<org>/contributions/
                                         org_contributions    mentors' list to review, paginated
    rounds/<round>/orgs/<org>/contributions/<pk>/review/
                                         contribution_review  a mentor confirms or rejects (POST)
    rounds/<round>/applicants/           round_applications   a program admin's list, paginated
    rounds/<round>/applicants/<pk>/ineligible/
                                         mark_ineligible      a program admin's verdict (<pk>:
                                                              the application's)

"application" in a path is always the applicant's; an organization's own application is at
rounds/<round>/participate/ (programs:participation_new). A proposal's address carries its
id, not the idea's, so a withdrawn proposal and the new one to the same idea each keep theirs.
Mentors and org admins reach a proposal at its applicant's address (`proposal`): access is
permissions.py's, never the path's. An idea page's "Apply to this idea" links to
`applications:proposal_new` by name.
"""

from django.urls import path
from django.views.generic import RedirectView

from applications.views import applicant_list, contributions, dashboard, eligibility, proposals

app_name = "applications"

A = "rounds/<slug:round_slug>/application/"

urlpatterns = [
    # === Dashboard: the applicant's page and the mentors' proposal list ===
    path(A, dashboard.dashboard, name="dashboard"),
    # The mentors' list moved to selection's review list (scores, flags, ranking); old
    # links and bookmarks land there, with their filters.
    path(
        "rounds/<slug:round_slug>/orgs/<slug:org_slug>/proposals/",
        RedirectView.as_view(
            pattern_name="selection:review_list", permanent=True, query_string=True
        ),
        name="org_proposals",
    ),
    # === Eligibility and contributions ===
    path(f"{A}eligibility/", eligibility.application_form, name="application_form"),
    path(f"{A}contributions/", contributions.contributions, name="contributions"),
    path(
        f"{A}contributions/<int:pk>/",
        contributions.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "rounds/<slug:round_slug>/orgs/<slug:org_slug>/contributions/",
        contributions.org_contributions,
        name="org_contributions",
    ),
    path(
        "rounds/<slug:round_slug>/orgs/<slug:org_slug>/contributions/<int:pk>/review/",
        contributions.contribution_review_view,
        name="contribution_review",
    ),
    path(
        "rounds/<slug:round_slug>/applicants/",
        applicant_list.round_applications,
        name="round_applications",
    ),
    path(
        "rounds/<slug:round_slug>/applicants/<int:pk>/ineligible/",
        eligibility.mark_ineligible_view,
        name="mark_ineligible",
    ),
    # === Proposals ===
    path(
        A + "proposals/new/<slug:org_slug>/<slug:idea_slug>/",
        proposals.proposal_new,
        name="proposal_new",
    ),
    path(A + "proposals/order/", proposals.proposal_order, name="proposal_order"),
    path(A + "proposals/<int:pk>/", proposals.proposal, name="proposal"),
    path(A + "proposals/<int:pk>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path(A + "proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path(
        "rounds/<slug:round_slug>/orgs/<slug:org_slug>/proposals/<int:pk>/exception/",
        proposals.proposal_exception,
        name="proposal_exception",
    ),
]
