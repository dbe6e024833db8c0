"""Copy the State Council schedules of the installed chinese-calendar package into the database."""

from django.core.management import BaseCommand

from workdays.package import package_years
from workdays.services import sync_from_package


class Command(BaseCommand):
    help = (
        "Copy the holiday schedules of the installed chinese-calendar package into the calendar, "
        "keeping days an administrator entered, and report what changed."
    )

    def handle(self, *args, **options):
        years = package_years()
        report = sync_from_package()
        write = self.stdout.write
        write(f"chinese-calendar covers {years[0]}-{years[-1]}.")
        write(f"Days added: {report.days_added}; days changed: {len(report.days_changed)}.")
        if report.years_added:
            write(f"Years added and confirmed: {_years(report.years_added)}.")
        if report.years_confirmed:
            write(f"Years newly confirmed: {_years(report.years_confirmed)}.")
        for day, before, after in report.days_changed:
            write(f"  {day.isoformat()}: {before['kind']} -> {after['kind']} {after['holiday_name']}".rstrip())
        if report.administrator_days_kept:
            write(f"Administrator entries kept although the package differs: {len(report.administrator_days_kept)}.")
            for day, stored_kind, package_kind in report.administrator_days_kept:
                write(f"  {day.isoformat()}: kept {stored_kind}, package says {package_kind}")
        write(f"Open deadlines recomputed: {report.deadlines_recomputed}.")


def _years(years):
    return ", ".join(str(year) for year in years)
