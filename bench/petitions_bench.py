"""Benchmark the petition pages on a PostgreSQL database holding 100,000 petitions.

Run from the repository root:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/petitions_bench \\
        .venv/bin/python bench/petitions_bench.py [--petitions 100000]

The script creates the database if it is missing (on 127.0.0.1 only, and
only a database whose name contains "bench"), migrates it, loads the court
registry and the holiday calendar, and fills it with petitions and their
hash-chained events (see petitions_fill.py). A second run reuses the
filled database, and ``--refill`` drops and rebuilds it.

It then times three pages through Django's test client against the real
URL routes: the intake queue of a busy court, the applicant's progress page
and the filing form's submit. The figures are server time in this one
process, without a network or a web server in front.
"""

import argparse
import itertools
import logging
import os
import platform
import sqlite3
import statistics
import sys
import time
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from bench_database import prepare_postgres

ROOT = Path(__file__).resolve().parent.parent
SQLITE_BENCH_FILE = ROOT / "var" / "petitions_bench.sqlite3"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
QUERY_COUNT_SAMPLES = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=100_000, help="petitions to fill (default 100000)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per page first (default 20)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the fill (default 2024)")
    parser.add_argument("--refill", action="store_true", help="drop the bench database and fill it again")
    parser.add_argument("--explain", action="store_true", help="print the query plans of the intake queue")
    parser.add_argument(
        "--verify", action="store_true", help="check every event chain after the fill (about a minute)"
    )
    parser.add_argument(
        "--allow-sqlite",
        action="store_true",
        help=f"run on SQLite ({SQLITE_BENCH_FILE.relative_to(ROOT)} unless DATABASE_URL names a file)",
    )
    return parser.parse_args()


def choose_database(args):
    """Check DATABASE_URL and return its parsed settings, or exit with the reason it is unsuitable."""
    url = os.environ.get("DATABASE_URL", "")
    if not url and args.allow_sqlite:
        url = f"sqlite:///{SQLITE_BENCH_FILE}"
    if not url:
        sys.exit(
            "DATABASE_URL is not set. The benchmark targets PostgreSQL, for example:\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/petitions_bench "
            ".venv/bin/python bench/petitions_bench.py"
        )

    config = dj_database_url.parse(url)
    engine = config["ENGINE"]
    is_sqlite = engine.endswith("sqlite3")
    if is_sqlite and not args.allow_sqlite:
        sys.exit(
            "Refusing to run on SQLite: production runs on PostgreSQL, whose query plans, "
            "row locks and timings are what these figures describe. Pass --allow-sqlite to run anyway."
        )
    if not is_sqlite and not engine.endswith("postgresql"):
        sys.exit(f"Unsupported database engine {engine}: use PostgreSQL (or SQLite with --allow-sqlite).")

    name = Path(config["NAME"]).name if is_sqlite else config["NAME"]
    if "bench" not in name:
        sys.exit(
            f"Refusing database {name!r}: its name must contain 'bench', "
            "because --refill drops it and the fill adds 100,000 fictitious petitions."
        )
    if not is_sqlite and config["HOST"] not in LOOPBACK_HOSTS:
        sys.exit(f"Refusing database host {config['HOST']!r}: the benchmark creates databases on 127.0.0.1 only.")

    os.environ["DATABASE_URL"] = url
    return config


def prepare_sqlite(config, refill):
    path = Path(config["NAME"])
    path.parent.mkdir(parents=True, exist_ok=True)
    if refill and path.exists():
        path.unlink()


ARGS = parse_args()
DATABASE = choose_database(ARGS)
if DATABASE["ENGINE"].endswith("sqlite3"):
    prepare_sqlite(DATABASE, ARGS.refill)
else:
    prepare_postgres(DATABASE, ARGS.refill)

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DJANGO_DEBUG"] = "0"
# The test client sends Host: testserver. Reply letters of the lifecycle go to a bench folder.
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
os.environ["DJANGO_MEDIA_ROOT"] = str(ROOT / "var" / "petitions_bench_media")

import django  # noqa: E402

django.setup()
# WhiteNoise warns on every client that no collected static folder exists; pages render without it.
warnings.filterwarnings("ignore", message="No directory at")
# The lifecycle functions log every step at INFO; a fill would print thousands of lines.
logging.disable(logging.INFO)

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from petitions_fill import BENCH_PHONE, BUSY_COURT, FACTS, REQUESTS, ensure_filled  # noqa: E402

from courts.models import Court  # noqa: E402
from petitions import services  # noqa: E402
from petitions.events import verify_all_chains  # noqa: E402
from petitions.models import Category, Event, Kind, Petition  # noqa: E402
from petitions.queries import intake_queue, public_timeline  # noqa: E402

# Measuring ---------------------------------------------------------------


@dataclass
class Timing:
    label: str
    how: str
    times_ms: list
    query_counts: list

    def line(self):
        median = statistics.median(self.times_ms)
        p95 = statistics.quantiles(self.times_ms, n=20, method="inclusive")[18]
        low, high = min(self.query_counts), max(self.query_counts)
        queries = f"{low}" if low == high else f"{low}-{high}"
        return (
            f"{self.label:<26} {self.how:<44} {len(self.times_ms):>5} "
            f"{median:>9.1f} {p95:>8.1f} {queries:>8}"
        )


def count_queries(request):
    # The test client resets connection.queries when a request starts, so
    # CaptureQueriesContext would see none; a wrapper counts every execute.
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        request()
    return len(queries)


def timed(label, how, request, args):
    """Run ``request`` untimed ``args.warmup`` times, then 10 times counting queries, then timed.

    The query count varies by a few between requests because the working-day
    calendar checks its version in the database at most once a second.
    """
    for _ in range(args.warmup):
        request()
    query_counts = [count_queries(request) for _ in range(QUERY_COUNT_SAMPLES)]
    times = []
    for _ in range(args.requests):
        started = time.perf_counter()
        request()
        times.append((time.perf_counter() - started) * 1000)
    return Timing(label, how, times, query_counts)


def expect(response, status, what):
    if response.status_code != status:
        raise RuntimeError(f"{what}: expected HTTP {status}, got {response.status_code}")
    return response


def route(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def measure_intake_queue(clerk, court, args):
    url = route("petitions:workbench")
    if url is not None:
        client = Client()
        client.force_login(clerk)
        if client.get(url).status_code == 200:
            return timed("intake queue", f"view GET {url}", lambda: expect(client.get(url), 200, url), args)

    def query():
        return list(intake_queue(court)[:25])

    return timed("intake queue", "query function intake_queue(court)[:25]", query, args)


def measure_queue_queries(court, args):
    """Time the two intake queue queries of the workbench on their own, without the page around them."""

    def first_page():
        return list(intake_queue(court)[:25])

    def overdue_count():
        return intake_queue(court, {"overdue_only": True}).count()

    return [
        timed("intake queue query", "list(intake_queue(court)[:25])", first_page, args),
        timed("overdue count query", "intake_queue(court, overdue_only).count()", overdue_count, args),
    ]


def measure_progress(applicant, args):
    petitions = list(
        Petition.objects.filter(applicant=applicant, idempotency_key__startswith="bench-domain-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    cycle = itertools.cycle(petitions)
    client = Client()
    client.force_login(applicant)
    url = route("petitions:detail", petitions[0])
    if url is not None and client.get(url).status_code == 200:
        def request():
            pk = next(cycle)
            return expect(client.get(reverse("petitions:detail", args=[pk])), 200, f"detail {pk}")

        how = f"view GET /petitions/<pk>/ ({len(petitions)} matters)"
        return timed("applicant progress page", how, request, args)

    def query():
        petition = Petition.objects.select_related("receiving_court").get(pk=next(cycle))
        return list(public_timeline(petition)), list(petition.attachments.all())

    return timed("applicant progress page", "query functions (petition, timeline)", query, args)


def filing_post_data(court):
    return {
        "idempotency_key": uuid.uuid4().hex,
        "action": "submit",
        "kind": Kind.APPEAL,
        "category": Category.CIVIL,
        "case_number": "（2023）京01民终1234号",
        "receiving_court": str(court.pk),
        "request_text": REQUESTS[0],
        "facts_and_reasons": FACTS[0],
    }


def measure_submission(applicant, court, args):
    url = route("petitions:file")
    client = Client()
    client.force_login(applicant)

    def post():
        response = client.post(url, filing_post_data(court))
        location = response.get("Location", "")
        if response.status_code != 302 or not location.endswith("/submitted/"):
            raise RuntimeError(f"filing POST did not submit: HTTP {response.status_code} {location}")
        return response

    if url is not None:
        try:
            post()
        except RuntimeError as error:
            print(f"Filing view not usable ({error}); timing services.file_petition instead.")
        else:
            return timed("petition submission", f"view POST {url} (action=submit)", post, args)

    def call():
        fields = filing_post_data(court)
        return services.file_petition(
            applicant,
            idempotency_key=fields["idempotency_key"],
            kind=Kind.APPEAL,
            category=Category.CIVIL,
            case_number=fields["case_number"],
            receiving_court=court,
            request_text=fields["request_text"],
            facts_and_reasons=fields["facts_and_reasons"],
        )

    return timed("petition submission", "domain function services.file_petition", call, args)


# Reporting ---------------------------------------------------------------


def database_version():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return f"SQLite {sqlite3.sqlite_version}"


def print_machine():
    print(
        f"Machine: {os.cpu_count()} CPUs, {platform.machine()} {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Django {django.get_version()}, {database_version()}"
    )


def print_data_summary(court):
    total = Petition.objects.count()
    at_court = Petition.objects.filter(receiving_court=court).count()
    in_queue = intake_queue(court).count()
    overdue = intake_queue(court, {"overdue_only": True}).count()
    print(
        f"Data: {total:,} petitions, {Event.objects.count():,} events; {court.code} receives {at_court:,} "
        f"({at_court / total:.0%}), {in_queue:,} of them in its intake queue ({overdue:,} overdue)."
    )


def print_plans(court):
    queue = intake_queue(court)
    options = {"analyze": True, "buffers": True} if connection.vendor == "postgresql" else {}
    print("\nEXPLAIN intake_queue(court)[:25]:")
    print(queue[:25].explain(**options))
    print("\nEXPLAIN intake_queue(court, overdue_only).count() (the workbench's overdue count):")
    print(intake_queue(court, {"overdue_only": True}).order_by().values("pk").explain(**options))


def verify_chains():
    started = time.perf_counter()
    broken = sum(1 for _link in verify_all_chains())
    elapsed = time.perf_counter() - started
    print(f"Event chains verified in {elapsed:.0f} s: {broken} broken.")
    if broken:
        sys.exit(1)


def main():
    started = time.perf_counter()
    ensure_filled(ARGS)
    court = Court.objects.get(code=BUSY_COURT)
    clerk = get_user_model().objects.get(username="bench_clerk")
    applicant = get_user_model().objects.get(phone=BENCH_PHONE)

    print_machine()
    print_data_summary(court)
    if ARGS.verify:
        verify_chains()
    if ARGS.explain:
        print_plans(court)

    # Appeals against a 京01 judgment go to the high court above it, which also
    # keeps the timed intake queue of 京01 the same size from run to run.
    timings = [
        measure_intake_queue(clerk, court, ARGS),
        *measure_queue_queries(court, ARGS),
        measure_progress(applicant, ARGS),
        measure_submission(applicant, court.parent, ARGS),
    ]
    print(f"\nServer time per request in ms, after {ARGS.warmup} untimed requests:")
    print(f"{'page':<26} {'measured through':<44} {'n':>5} {'median':>9} {'p95':>8} {'queries':>8}")
    for timing in timings:
        print(timing.line())
    print(f"\nTotal run time {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
