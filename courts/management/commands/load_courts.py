"""Load or update the people's court registry from courts/data/courts.csv."""

from django.core.management import BaseCommand, CommandError

from courts.registry import RegistryError, load_registry


class Command(BaseCommand):
    help = (
        "Create or update courts from the registry CSV by court code. "
        "Courts missing from the file are listed, never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", help="registry CSV to read instead of courts/data/courts.csv")

    def handle(self, *args, **options):
        try:
            load_registry(stdout=self.stdout, path=options["path"])
        except (RegistryError, OSError) as error:
            raise CommandError(f"court registry not loaded: {error}") from error
