"""Check the hash chains of the event trace; exit with status 1 when one is broken."""

from django.core.management import BaseCommand, CommandError

from petitions.events import verify_all_chains


class Command(BaseCommand):
    help = "Verify every petition's event chain and report the first broken link of each broken chain."

    def handle(self, *args, **options):
        broken = 0
        for link in verify_all_chains():
            broken += 1
            self.stderr.write(
                f"Petition {link.petition_id}, event {link.sequence}: {link.problem}: {link.message}"
            )
        if broken:
            raise CommandError(f"{broken} event chains are broken.", returncode=1)
        self.stdout.write("All event chains are intact.")
