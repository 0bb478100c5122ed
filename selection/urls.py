"""Review, interviews and selection. Included at the site's root, like every app's URLs;
names are `selection:<name>`.

The layout (fill it in as written, so the pages agree).
O = rounds/<round>/orgs/<org>/ (ORG in the code)
(<round>, <org> are slugs, <pk> a row's id; a proposal's <pk> is the proposal's id):

  Review and ranking (mentors and org admins of the organization; program admins):
    O review/                             review_list        proposals with scores, paginated,
                                                             filters: idea, state
    O review/<pk>/                        review             one proposal: score, comment,
                                                             others' scores once you scored
    O review/<pk>/flag/                   review_flag        interview flag, set aside (POST)
    O review/<pk>/commit/                 review_commit      "I will mentor this" and back (POST)
    O review/criteria/                    criteria           an org admin's criteria and weights
    O ranking/                            ranking            the ordered list, up/down (GET/POST)
  Interviews:
    O interviews/                         interview_slots    a mentor's slots: publish, list
    O interviews/<pk>/                    interview          one booking: notes, outcome, cancel
    O review/<pk>/invite/                 interview_invite   invite a flagged applicant (POST)
    rounds/<round>/application/interviews/
                                          my_interviews      the applicant's invitations, free
                                                             slots, bookings
    rounds/<round>/application/interviews/<pk>/book/
                                          interview_book     book a slot (<pk>: the slot's; POST)
    rounds/<round>/application/interviews/<pk>/cancel/
                                          interview_cancel   cancel or move (GET asks, POST)
    interviews/<pk>.ics                   interview_ics      either side's calendar file
  Selection:
    O selection/                          selection          slots, ranked list, select (POST)
    rounds/<round>/selection/             round_selection    program admins: each organization's
                                                             slots, selections and conflicts
    rounds/<round>/selection/conflicts/<pk>/
                                          conflict           a program admin resolves one
"""

from django.urls import path

from selection.views import choosing, commitments, criteria, interviews, ranking, reviews

app_name = "selection"

ORG = "rounds/<slug:round_slug>/orgs/<slug:org_slug>/"
A = "rounds/<slug:round_slug>/application/"

urlpatterns: list = [
    # === Review and ranking ===
    path(ORG + "review/", reviews.review_list, name="review_list"),
    path(ORG + "review/criteria/", criteria.criteria, name="criteria"),
    path(ORG + "review/<int:pk>/", reviews.review, name="review"),
    path(ORG + "review/<int:pk>/flag/", reviews.review_flag, name="review_flag"),
    path(ORG + "review/<int:pk>/commit/", commitments.review_commit, name="review_commit"),
    path(ORG + "ranking/", ranking.ranking, name="ranking"),
    # === Interviews ===
    path(f"{ORG}interviews/", interviews.interview_slots, name="interview_slots"),
    path(f"{ORG}interviews/<int:pk>/", interviews.interview, name="interview"),
    path(
        f"{ORG}review/<int:pk>/invite/", interviews.interview_invite_view, name="interview_invite"
    ),
    path(f"{A}interviews/", interviews.my_interviews, name="my_interviews"),
    path(f"{A}interviews/<int:pk>/book/", interviews.interview_book_view, name="interview_book"),
    path(
        f"{A}interviews/<int:pk>/cancel/",
        interviews.interview_cancel_view,
        name="interview_cancel",
    ),
    path("interviews/<int:pk>.ics", interviews.interview_ics, name="interview_ics"),
    # === Selection and the announcement ===
    path(ORG + "selection/", choosing.selection, name="selection"),
    path("rounds/<slug:round_slug>/selection/", choosing.round_selection, name="round_selection"),
    path(
        "rounds/<slug:round_slug>/selection/conflicts/<int:pk>/",
        choosing.conflict,
        name="conflict",
    ),
]
