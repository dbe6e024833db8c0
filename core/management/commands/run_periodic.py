"""Enqueue the periodic background jobs, or run them at once with --now.

The tasks API has no scheduler of its own, so cron or a systemd timer calls
this command at the interval each job names. Every job is safe to run
twice or on several machines at once, because each matter is claimed with
a conditional update and a repeated run finds only what is left.
"""

from dataclasses import dataclass

from django.core.management import BaseCommand, CommandError
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class PeriodicJob:
    task_path: str
    # Suggested crontab schedule, interpreted in China Standard Time (CRON_TZ=Asia/Shanghai).
    schedule: str
    description: str


PERIODIC_JOBS = {
    "scan_overdue": PeriodicJob(
        "petitions.tasks.scan_overdue",
        "*/15 * * * *",
        "flag matters past their receipt, acceptance or handling deadline and notify the staff",
    ),
    "close_unrated": PeriodicJob(
        "petitions.tasks.close_unrated",
        "30 0 * * *",
        "close replied matters whose rating period ended without a rating",
    ),
    "purge_api_records": PeriodicJob(
        "api.tasks.purge_expired",
        "45 3 * * *",
        "delete expired API tokens, idempotency records and resumable uploads with their files",
    ),
}


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs for the task worker (manage.py db_worker), or run them in this "
        "process with --now. Without job names, every job is enqueued or run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "jobs",
            nargs="*",
            metavar="job",
            help=f"jobs to enqueue or run, from: {', '.join(PERIODIC_JOBS)} (default: all)",
        )
        parser.add_argument(
            "--now", action="store_true", help="run the jobs in this process instead of enqueuing them"
        )
        parser.add_argument(
            "--list", action="store_true", help="print each job with its suggested cron schedule and exit"
        )

    def handle(self, *args, **options):
        if options["list"]:
            for name, job in PERIODIC_JOBS.items():
                self.stdout.write(f"{job.schedule:<14} {name}: {job.description}")
            return

        unknown = [name for name in options["jobs"] if name not in PERIODIC_JOBS]
        if unknown:
            raise CommandError(
                f"Unknown job: {', '.join(unknown)}. Choose from: {', '.join(PERIODIC_JOBS)}."
            )

        for name in options["jobs"] or list(PERIODIC_JOBS):
            task = import_string(PERIODIC_JOBS[name].task_path)
            if options["now"]:
                outcome = task.call()
                if isinstance(outcome, dict):
                    # A cleanup job returns how many records of each kind it deleted.
                    counts = ", ".join(f"{count} {kind}" for kind, count in outcome.items())
                    self.stdout.write(f"{name}: done, deleted {counts}.")
                else:
                    self.stdout.write(f"{name}: done, {outcome} matters changed.")
            else:
                result = task.enqueue()
                self.stdout.write(f"{name}: enqueued as task {result.id}.")
