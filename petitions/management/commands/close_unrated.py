from django.core.management import BaseCommand

from petitions.services.closing import close_unrated


class Command(BaseCommand):
    help = "Close replied matters whose rating period ended without a rating."

    def handle(self, *args, **options):
        closed = close_unrated()
        self.stdout.write(f"Closed {closed} matters.")
