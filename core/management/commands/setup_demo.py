"""Load the reference data and demo accounts, then print the demo logins.

Each app that has demo data provides ``<app>/demo.py`` with a ``load(stdout)``
function that is idempotent and returns a list of ``DemoLogin``. Running this
command twice changes nothing the second time.
"""

import importlib
import unicodedata

from django.apps import apps
from django.core.management import BaseCommand, call_command

# Order matters: staff need courts, petitions need staff and the calendar.
DEMO_APPS = ["courts", "workdays", "accounts", "petitions"]


class Command(BaseCommand):
    help = "Load the court registry, calendar and demo accounts, and print the demo logins."

    def handle(self, *args, **options):
        call_command("createcachetable", verbosity=0)

        logins = []
        for app_label in DEMO_APPS:
            if not apps.is_installed(app_label):
                continue
            try:
                module = importlib.import_module(f"{app_label}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_label}.demo":
                    raise
                continue
            logins.extend(module.load(self.stdout) or [])

        self.print_logins(logins)

    def print_logins(self, logins):
        if not logins:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (演示账号):"))
        width = max(display_width(login.role) for login in logins) + 2
        for login in logins:
            padding = " " * (width - display_width(login.role))
            self.stdout.write(f"  {login.role}{padding}{login.username:<18} {login.password}")
        self.stdout.write("")


def display_width(text):
    """Return the terminal width of ``text``: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
