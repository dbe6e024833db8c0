"""manage.py run_periodic: the jobs cron starts, run at once or left for the task worker."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from notifications.models import Notice
from petitions.models import Event, Status
from petitions.tests import helpers

CST = datetime.timezone(datetime.timedelta(hours=8))
FILED = datetime.datetime(2024, 3, 5, 10, 0, tzinfo=CST)
# Past the receipt deadline (two working days) and the 30-day rating period of a reply given on FILED.
LATER = datetime.datetime(2024, 5, 20, 0, 40, tzinfo=CST)


def run_periodic(*args):
    output = io.StringIO()
    call_command("run_periodic", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def overdue_and_unrated(cast):
    with time_machine.travel(FILED, tick=False):
        waiting = helpers.submitted(cast)
        answered = helpers.replied(cast, case_number="（2022）京01民终876号")
    return waiting, answered


def test_now_flags_overdue_closes_unrated(
    cast, overdue_and_unrated, django_capture_on_commit_callbacks
):
    waiting, answered = overdue_and_unrated

    with time_machine.travel(LATER, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            output = run_periodic("--now")

    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.status == Status.SUBMITTED
    assert waiting.receipt_overdue_at is not None
    assert Event.objects.filter(petition=waiting, action="overdue_receipt").count() == 1
    assert Notice.objects.filter(recipient=cast.clerk, petition_id=waiting.pk).exists()
    assert answered.status == Status.CLOSED
    assert "scan_overdue: done, 1 matters changed." in output
    assert "close_unrated: done, 1 matters changed." in output


def test_now_twice_changes_nothing_more(overdue_and_unrated):
    waiting, answered = overdue_and_unrated

    with time_machine.travel(LATER, tick=False):
        run_periodic("--now")
        output = run_periodic("--now")

    assert "scan_overdue: done, 0 matters changed." in output
    assert "close_unrated: done, 0 matters changed." in output
    assert Event.objects.filter(petition=waiting, action="overdue_receipt").count() == 1


def test_runs_only_named_job(overdue_and_unrated):
    waiting, answered = overdue_and_unrated

    with time_machine.travel(LATER, tick=False):
        output = run_periodic("--now", "close_unrated")

    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.receipt_overdue_at is None
    assert answered.status == Status.CLOSED
    assert "scan_overdue" not in output


def test_enqueues_without_running(overdue_and_unrated):
    waiting, answered = overdue_and_unrated

    with time_machine.travel(LATER, tick=False):
        output = run_periodic()

    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == {"petitions.tasks.scan_overdue", "petitions.tasks.close_unrated", "api.tasks.purge_expired"}
    assert "scan_overdue: enqueued as task" in output
    answered.refresh_from_db()
    assert answered.status == Status.REPLIED


def test_rejects_unknown_job(db):
    with pytest.raises(CommandError, match="Unknown job: scan_everything"):
        run_periodic("scan_everything")

    assert not DBTaskResult.objects.exists()


def test_list_shows_cron_schedules(db):
    output = run_periodic("--list")

    assert "*/15 * * * *" in output
    assert "scan_overdue" in output
    assert "30 0 * * *" in output
    assert "close_unrated" in output
