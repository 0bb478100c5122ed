"""Demo data: a believable site to click through on a fresh machine (`manage.py demo`).

This package builds the programs part (programs, rounds, organizations, participations,
memberships, invitations, QEMU's past rounds, the demo accounts) and returns it as a
`DemoWorld`. Apps above programs add their rows in their own `demo.py` with `extend(world)`
(evaluations adds the internships), so programs never imports them.
"""

from programs.demo.build import build_demo, run_extensions
from programs.demo.world import DemoWorld

__all__ = ["DemoWorld", "build_demo", "run_extensions"]
