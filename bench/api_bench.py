"""Benchmark the REST API under concurrent load, served by gunicorn on PostgreSQL with 100,000 petitions.

Run from the repository root:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/petitions_bench \\
        .venv/bin/python bench/api_bench.py [--workers 5] [--concurrency 16] [--duration 10]

The script reuses the database that petitions_bench.py fills, and fills it
with the same code (petitions_fill.py) when it is missing or empty. It only
uses PostgreSQL on 127.0.0.1, and only a database whose name contains
"bench". It starts gunicorn on a free loopback port, logs a few applicants
in through the API, and sends requests from an asyncio httpx client with a
fixed number of requests in flight, for a fixed time per endpoint:

- ``GET /api/health``, which reads no database: the ceiling of this server;
- ``GET /api/v1/petitions/<pk>``, the progress of one of the applicant's matters;
- ``GET /api/v1/petitions``, the applicant's matter list (first page);
- a submission: ``POST /api/v1/petitions`` (a draft) then
  ``POST /api/v1/petitions/<pk>/submit``, each with a fresh Idempotency-Key.

The client runs on the same CPUs as gunicorn and PostgreSQL, so its own CPU
use comes out of the server's share. The output shows how much that was.
gunicorn is stopped when the script ends, also after an error.
"""

import argparse
import asyncio
import itertools
import logging
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import httpx
from bench_database import prepare_postgres

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
GUNICORN_LOG = ROOT / "var" / "api_bench_gunicorn.log"
STARTUP_TIMEOUT_S = 30
STOP_TIMEOUT_S = 10
# Upper bounds that keep a mistyped option from running for hours.
MAX_DURATION_S = 120
MAX_OPERATIONS = 200_000
# Reader applicants need a few matters each, so that the progress query cycles over several.
MIN_MATTERS_PER_READER = 3


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cpus = os.cpu_count() or 1
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * cpus + 1,
        help=f"gunicorn worker processes (default 2 x CPUs + 1 = {2 * cpus + 1})",
    )
    parser.add_argument(
        "--worker-class", default="sync", help="gunicorn worker class (default sync, gunicorn's own default)"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight at once (default 16)")
    parser.add_argument("--duration", type=float, default=10.0, help="timed seconds per endpoint (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="untimed seconds per endpoint first (default 2)")
    parser.add_argument(
        "--applicants", type=int, default=8, help="applicants logged in for reading, and as many for filing (default 8)"
    )
    parser.add_argument("--petitions", type=int, default=100_000, help="petitions in the fill (default 100000)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the fill (default 2024)")
    args = parser.parse_args(argv)

    if not 0 < args.duration <= MAX_DURATION_S:
        parser.error(f"--duration must be more than 0 and at most {MAX_DURATION_S} seconds, got {args.duration}")
    if not 0 <= args.warmup <= MAX_DURATION_S:
        parser.error(f"--warmup must be from 0 to {MAX_DURATION_S} seconds, got {args.warmup}")
    for name in ("workers", "concurrency", "applicants"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1, got {getattr(args, name)}")
    return args


def check_database_url():
    """Return DATABASE_URL and its parsed settings, or exit with the reason it is unsuitable."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit(
            "DATABASE_URL is not set. The benchmark needs PostgreSQL, for example:\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/petitions_bench .venv/bin/python bench/api_bench.py"
        )
    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        sys.exit(f"Unsupported database engine {config['ENGINE']}: the API benchmark runs on PostgreSQL only.")
    if "bench" not in config["NAME"]:
        sys.exit(
            f"Refusing database {config['NAME']!r}: its name must contain 'bench', "
            "because the fill adds 100,000 fictitious petitions and the run sets applicants' passwords."
        )
    if config["HOST"] not in LOOPBACK_HOSTS:
        sys.exit(f"Refusing database host {config['HOST']!r}: the benchmark uses a database on 127.0.0.1 only.")
    return url, config


def setup_django():
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_MEDIA_ROOT"] = str(ROOT / "var" / "petitions_bench_media")

    import django

    django.setup()
    # The lifecycle functions log every step at INFO; a fill would print thousands of lines.
    logging.disable(logging.INFO)


# Test data ---------------------------------------------------------------


@dataclass
class Applicant:
    phone: str
    petition_ids: list = field(default_factory=list)
    token: str = ""


def choose_applicants(count):
    """Return (readers, filers, receiving court id) from the filled database, with known passwords.

    Filers are the last ``count`` bulk-filled applicants, and readers the
    first ``count`` others with at least MIN_MATTERS_PER_READER submitted
    matters. Only filers file, so the readers and their lists stay the same
    from run to run. Filed matters go to the high court above the busy
    court, as in petitions_bench.py, which keeps the busy court's intake
    queue the same size.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from petitions_fill import BUSY_COURT, PASSWORD

    from courts.models import Court
    from petitions.models import Petition, Status

    User = get_user_model()
    bulk = User.objects.filter(username__startswith="bench0").order_by("pk")
    filer_users = list(bulk.reverse()[:count])
    submitted = Count("petitions", filter=~Q(petitions__status=Status.DRAFT))
    readers_query = bulk.exclude(pk__in=[user.pk for user in filer_users]).annotate(matters=submitted)
    reader_users = list(readers_query.filter(matters__gte=MIN_MATTERS_PER_READER)[:count])
    if len(reader_users) < count or len(filer_users) < count:
        sys.exit(f"The fill has too few applicants for --applicants {count}; pass a smaller number.")

    for user in reader_users + filer_users:
        if not user.check_password(PASSWORD):
            # Bulk-filled applicants have unusable passwords; the API login needs a real one.
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])

    readers = []
    for user in reader_users:
        matters = Petition.objects.filter(applicant=user).exclude(status=Status.DRAFT).order_by("pk")
        readers.append(Applicant(user.phone, list(matters.values_list("pk", flat=True))))
    filers = [Applicant(user.phone) for user in filer_users]
    receiving_court = Court.objects.get(code=BUSY_COURT).parent_id
    return readers, filers, receiving_court


def database_description():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM petitions_petition")
        petitions = cursor.fetchone()[0]
    return f"PostgreSQL {version}", petitions


# gunicorn ----------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url, port, args, log_file):
    """Start gunicorn in its own process group, with its output in ``log_file``."""
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
    ]
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_MEDIA_ROOT": str(ROOT / "var" / "petitions_bench_media"),
    }
    return subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_until_serving(process, base_url):
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {process.returncode}; see {GUNICORN_LOG}")
        try:
            if httpx.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not respond to /api/health within {STARTUP_TIMEOUT_S} s; see {GUNICORN_LOG}")


def stop_gunicorn(process):
    """Stop the whole process group: SIGTERM, then SIGKILL if it is still running after STOP_TIMEOUT_S."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# Load --------------------------------------------------------------------


@dataclass
class Result:
    label: str
    operations: int
    elapsed_s: float
    latencies_ms: list
    errors: int
    first_error: str
    requests_per_operation: int
    client_cpu_s: float
    machine_busy: float

    @property
    def rate(self):
        return self.operations / self.elapsed_s

    def percentile(self, share):
        if not self.latencies_ms:
            return float("nan")
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[share - 1]


class UnexpectedResponse(Exception):
    pass


def expect(response, status):
    if response.status_code != status:
        raise UnexpectedResponse(f"{response.request.method} {response.request.url.path}: HTTP {response.status_code}")
    return response


def machine_cpu_times():
    """Return (busy, total) jiffies of all CPUs from /proc/stat, or None where it is missing."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    values = [int(value) for value in fields]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


async def run_load(client, label, operation, args, requests_per_operation=1):
    """Run ``operation(client)`` from ``args.concurrency`` tasks: untimed for --warmup seconds, then timed."""

    async def worker(stop_at, latencies, failures):
        while time.perf_counter() < stop_at and len(latencies) + len(failures) < MAX_OPERATIONS:
            started = time.perf_counter()
            try:
                await operation(client)
            except (UnexpectedResponse, httpx.HTTPError) as error:
                failures.append(f"{type(error).__name__}: {error}")
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    if args.warmup:
        warmup_end = time.perf_counter() + args.warmup
        await asyncio.gather(*(worker(warmup_end, [], []) for _ in range(args.concurrency)))

    latencies, failures = [], []
    cpu_before, machine_before = time.process_time(), machine_cpu_times()
    started = time.perf_counter()
    stop_at = started + args.duration
    await asyncio.gather(*(worker(stop_at, latencies, failures) for _ in range(args.concurrency)))
    elapsed = time.perf_counter() - started
    client_cpu = time.process_time() - cpu_before
    machine_after = machine_cpu_times()

    busy = float("nan")
    if machine_before and machine_after and machine_after[1] > machine_before[1]:
        busy = (machine_after[0] - machine_before[0]) / (machine_after[1] - machine_before[1])
    return Result(
        label,
        len(latencies),
        elapsed,
        latencies,
        len(failures),
        failures[0] if failures else "",
        requests_per_operation,
        client_cpu,
        busy,
    )


async def log_in(client, applicant):
    from petitions_fill import PASSWORD

    response = await client.post("/api/v1/auth/login", json={"username": applicant.phone, "password": PASSWORD})
    applicant.token = expect(response, 200).json()["access_token"]


def bearer(applicant, key=None):
    headers = {"Authorization": f"Bearer {applicant.token}"}
    if key:
        headers["Idempotency-Key"] = key
    return headers


def draft_body(receiving_court):
    from petitions_fill import FACTS, REQUESTS

    return {
        "kind": "appeal",
        "category": "civil",
        "case_number": "（2023）京01民终1234号",
        "receiving_court": receiving_court,
        "request_text": REQUESTS[0],
        "facts_and_reasons": FACTS[0],
    }


async def measure(base_url, readers, filers, receiving_court, args):
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        for applicant in readers + filers:
            await log_in(client, applicant)

        matters = itertools.cycle([(reader, pk) for reader in readers for pk in reader.petition_ids])
        reader_cycle = itertools.cycle(readers)
        filer_cycle = itertools.cycle(filers)
        body = draft_body(receiving_court)

        async def hello(client):
            expect(await client.get("/api/health"), 200)

        async def progress(client):
            reader, pk = next(matters)
            expect(await client.get(f"/api/v1/petitions/{pk}", headers=bearer(reader)), 200)

        async def matter_list(client):
            expect(await client.get("/api/v1/petitions", headers=bearer(next(reader_cycle))), 200)

        async def submission(client):
            filer = next(filer_cycle)
            draft = await client.post("/api/v1/petitions", json=body, headers=bearer(filer, uuid.uuid4().hex))
            pk = expect(draft, 201).json()["id"]
            submitted = await client.post(f"/api/v1/petitions/{pk}/submit", headers=bearer(filer, uuid.uuid4().hex))
            if expect(submitted, 200).json()["status"] != "submitted":
                raise UnexpectedResponse(f"petition {pk}: expected status submitted after submit")

        return [
            await run_load(client, "hello (GET /api/health)", hello, args),
            await run_load(client, "progress (GET /api/v1/petitions/<pk>)", progress, args),
            await run_load(client, "matter list (GET /api/v1/petitions)", matter_list, args),
            await run_load(client, "submission (POST draft + POST submit)", submission, args, requests_per_operation=2),
        ]


# Output ------------------------------------------------------------------


def print_machine(args, database, petitions):
    import django

    from importlib.metadata import version

    print(
        f"Machine: {os.cpu_count()} CPUs, {platform.machine()} {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Django {django.get_version()}, {database} "
        f"({petitions:,} petitions)"
    )
    print(
        f"Server: gunicorn {version('gunicorn')}, {args.workers} {args.worker_class} workers on 127.0.0.1. "
        f"Client: httpx {httpx.__version__} on asyncio, {args.concurrency} requests in flight, "
        f"{args.warmup:g} s untimed then {args.duration:g} s timed per endpoint."
    )
    print(
        "The client, gunicorn and PostgreSQL share these CPUs: the client's CPU time is shown per endpoint "
        "and comes out of the server's share."
    )
    # Other work on the machine takes CPU from the server too; this shows whether there was any.
    print("Load average before the run (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


def print_results(results):
    ceiling = results[0].rate
    print(
        f"\n{'endpoint':<40} {'ops/s':>8} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} "
        f"{'errors':>7} {'vs hello':>9} {'client CPU':>11} {'CPUs busy':>10}"
    )
    for result in results:
        client_share = result.client_cpu_s / result.elapsed_s / (os.cpu_count() or 1)
        print(
            f"{result.label:<40} {result.rate:>8.1f} {result.rate * result.requests_per_operation:>8.1f} "
            f"{result.percentile(50):>10.1f} {result.percentile(95):>8.1f} {result.errors:>7} "
            f"{result.rate / ceiling:>8.1%} {client_share:>11.0%} {result.machine_busy:>10.0%}"
        )
    print(
        "\nops/s: completed operations per second (a submission is two requests). Latency is per operation, "
        "as the client sees it. client CPU: the client's CPU time as a share of all CPUs; CPUs busy: the whole "
        "machine, from /proc/stat."
    )
    for result in results:
        if result.errors:
            print(f"{result.label}: {result.errors} errors, the first: {result.first_error}")


def main(argv=None):
    args = parse_args(argv)
    database_url, config = check_database_url()
    # The same bench database as bench/petitions_bench.py, never dropped here.
    prepare_postgres(config, refill=False)
    setup_django()

    from petitions_fill import ensure_filled

    args.refill = False
    ensure_filled(args)
    readers, filers, receiving_court = choose_applicants(args.applicants)
    database, petitions = database_description()
    print_machine(args, database, petitions)
    matters = sum(len(reader.petition_ids) for reader in readers)
    print(f"Readers: {len(readers)} applicants with {matters} submitted matters; filers: {len(filers)} applicants.")

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    GUNICORN_LOG.parent.mkdir(parents=True, exist_ok=True)
    with GUNICORN_LOG.open("w") as log_file:
        process = start_gunicorn(database_url, port, args, log_file)
        try:
            wait_until_serving(process, base_url)
            results = asyncio.run(measure(base_url, readers, filers, receiving_court, args))
        finally:
            stop_gunicorn(process)
    print_results(results)
    if any(result.errors for result in results):
        print(f"gunicorn's log: {GUNICORN_LOG}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
