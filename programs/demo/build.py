"""Building the demo: the programs part, then each app's `demo.extend(world)`."""

from datetime import datetime
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from programs.demo.accounts import CREATED_WITH_PROGRAMS, create_account, hash_demo_password
from programs.demo.catalogue import ORGANIZATIONS, PROGRAMS
from programs.demo.current import build_current
from programs.demo.history import build_history
from programs.demo.world import DemoWorld
from programs.models import Organization, Program, RuleSet
from programs.timeline import Phase


def build_demo(phase: Phase, now: datetime) -> DemoWorld:
    """The programs part: programs, rounds (Google Summer of Code in `phase` at `now`),
    organizations, participations, memberships, invitations, QEMU's history and the accounts.

    Call it inside a transaction; `manage.py demo` does.
    """
    world = DemoWorld(now=now, phase=phase, password_hash=hash_demo_password())
    for spec in CREATED_WITH_PROGRAMS:
        world.accounts[spec.key] = create_account(spec, password_hash=world.password_hash)
    for slug, fields in PROGRAMS.items():
        # Since 2022 Google Summer of Code is open to non-students too: the defaults say so.
        world.programs[slug] = Program.objects.create(
            slug=slug, default_rules=RuleSet.objects.create(students_only=False), **fields
        )
    for slug, fields in ORGANIZATIONS.items():
        world.organizations[slug] = Organization.objects.create(slug=slug, **fields)
    build_history(world)
    build_current(world)
    return world


def run_extensions(world: DemoWorld) -> None:
    """Let every installed app add its part: `<app>/demo.py` with `extend(world)`.

    Apps run in INSTALLED_APPS order, which is the import order (people, programs, ...,
    evaluations), so an app sees what the apps below it added.
    """
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "demo"):
            continue
        extend = getattr(import_module(f"{app_config.name}.demo"), "extend", None)
        if extend is not None:
            extend(world)
