"""Who may see or act on an application, a contribution or a proposal: the only place that
decides (views and services both ask here). The rules the pages will state, from the issue:

- An application, and each proposal, is private to its applicant, the mentors and org admins
  of the idea's organization (for a proposal; for an application, of the organizations the
  applicant proposed to or contributed to), and program admins. Everyone else gets 404.
- A contribution is seen by its applicant, the mentors and org admins of its organization and
  program admins; only a mentor (or org admin) of that organization confirms or rejects it.
- A proposal's `preference` reaches program admins only (page, JSON and email).
- Mentors of an organization list the submitted proposals to its ideas.

Nothing here yet: each rule lands with the first view that needs it.
"""
