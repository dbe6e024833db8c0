from django.core.management import BaseCommand

from petitions.overdue import scan_overdue


class Command(BaseCommand):
    help = "Flag matters past their receipt, acceptance or handling deadline and notify the staff responsible."

    def handle(self, *args, **options):
        flagged = scan_overdue()
        self.stdout.write(f"Flagged {flagged} overdue matters.")
