"""Load the court registry from courts/data/courts.csv, and look courts up.

The CSV is the source of truth for codes, names, levels and parents. Loading
creates or updates courts by code and never deletes: a court that is in the
database but not in the CSV is reported and left as it is.
"""

import csv
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When

from courts.models import Court, Department

logger = logging.getLogger(__name__)

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "courts.csv"
COLUMNS = ("code", "name", "level", "kind", "parent_code", "division_code", "province", "note")
SYNCED_FIELDS = ("name", "level", "kind", "parent_id", "division_code", "province", "note")
BATCH_SIZE = 500

LEVEL_RANK = {
    Court.Level.SUPREME: 0,
    Court.Level.HIGH: 1,
    Court.Level.INTERMEDIATE: 2,
    Court.Level.BASIC: 3,
}
HIGHER_LEVELS = (Court.Level.SUPREME, Court.Level.HIGH, Court.Level.INTERMEDIATE)

# Departments every court gets when it is loaded: (name, kind, levels).
# Department names are data and stay in Chinese. Only courts of intermediate
# level and above have a state compensation committee.
DEFAULT_DEPARTMENTS = (
    ("诉讼服务中心（信访办）", Department.Kind.PETITION_OFFICE, None),
    ("立案庭", Department.Kind.CASE_FILING, None),
    ("审判监督庭", Department.Kind.TRIAL_SUPERVISION, None),
    ("赔偿委员会办公室", Department.Kind.COMPENSATION, HIGHER_LEVELS),
    ("执行局", Department.Kind.ENFORCEMENT, None),
)


class RegistryError(ValueError):
    """Error in the registry file, with a stable machine-readable ``code``."""

    def __init__(self, message, *, code, line=None):
        super().__init__(message if line is None else f"line {line}: {message}")
        self.code = code
        self.line = line


@dataclass(frozen=True)
class LoadReport:
    added: int
    changed: int
    unchanged: int
    # Codes in the database that the file no longer lists; kept, not deleted.
    missing: tuple[str, ...] = field(default=())
    departments_added: int = 0

    def __str__(self):
        return f"added {self.added}, changed {self.changed}, unchanged {self.unchanged}"


def read_registry(path=None):
    """Read and check the registry CSV, and return its rows with parents first.

    Raises RegistryError for a missing column or value, an invalid level or
    kind, a duplicate code, a parent that the file does not contain, or a
    parent that is not of a higher level.
    """
    with open(path or DEFAULT_PATH, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        missing_columns = set(COLUMNS) - set(reader.fieldnames or ())
        if missing_columns:
            raise RegistryError(
                f"missing columns: {', '.join(sorted(missing_columns))}", code="missing_column"
            )
        rows = [_check_row(row, line) for line, row in enumerate(reader, start=2)]

    _check_references(rows)
    return sorted(rows, key=lambda row: (LEVEL_RANK[row["level"]], row["code"]))


def _check_row(row, line):
    row = {column: (row[column] or "").strip() for column in COLUMNS}
    if not row["code"] or not row["name"]:
        raise RegistryError("code or name is missing", code="missing_value", line=line)
    if row["level"] not in Court.Level.values:
        message = f"invalid level {row['level']!r}: use one of {', '.join(Court.Level.values)}"
        raise RegistryError(message, code="invalid_level", line=line)
    if row["kind"] not in Court.Kind.values:
        message = f"invalid kind {row['kind']!r}: use one of {', '.join(Court.Kind.values)}"
        raise RegistryError(message, code="invalid_kind", line=line)
    return row


def _check_references(rows):
    levels = {}
    for row in rows:
        if row["code"] in levels:
            raise RegistryError(f"duplicate code {row['code']}", code="duplicate_code")
        levels[row["code"]] = row["level"]

    for row in rows:
        parent_level = levels.get(row["parent_code"])
        if row["parent_code"] and parent_level is None:
            raise RegistryError(
                f"{row['code']}: parent {row['parent_code']} not found", code="unknown_parent"
            )
        # A parent of a higher level also rules out cycles.
        if parent_level is not None and LEVEL_RANK[parent_level] >= LEVEL_RANK[row["level"]]:
            raise RegistryError(
                f"{row['code']}: parent {row['parent_code']} is not of a higher level",
                code="parent_level",
            )


def load_registry(stdout=None, path=None):
    """Create or update every court in the registry file, in one transaction.

    Courts are written in bulk, parents before children, then their
    materialised paths are recomputed in bulk and default departments are
    added where a court lacks one of that kind. Returns a LoadReport.
    """
    rows = read_registry(path)

    with transaction.atomic():
        existing = {court.code: court for court in Court.objects.all()}
        added, changed, unchanged = _write_courts(rows, existing)
        _refresh_paths()
        departments_added = seed_departments()

    listed = {row["code"] for row in rows}
    missing = tuple(sorted(code for code in existing if code not in listed))
    report = LoadReport(added, changed, unchanged, missing, departments_added)

    logger.info("Court registry loaded: %s, %s departments added", report, departments_added)
    if stdout is not None:
        stdout.write(str(report))
        if missing:
            stdout.write(f"not in the registry file, kept: {', '.join(missing)}")
    return report


def _write_courts(rows, existing):
    """Insert and update courts level by level, so every parent has an id first."""
    ids = {code: court.pk for code, court in existing.items()}
    added = changed = unchanged = 0

    for level in LEVEL_RANK:
        to_create, to_update = [], []
        for row in (row for row in rows if row["level"] == level):
            values = _court_values(row, ids)
            court = existing.get(row["code"])
            if court is None:
                to_create.append(Court(code=row["code"], **values))
            elif any(getattr(court, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(court, name, value)
                to_update.append(court)
            else:
                unchanged += 1

        # Saving each court one by one would recompute its path on every save.
        created = Court.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        Court.objects.bulk_update(to_update, SYNCED_FIELDS, batch_size=BATCH_SIZE)
        ids.update({court.code: court.pk for court in created})
        added += len(created)
        changed += len(to_update)

    return added, changed, unchanged


def _court_values(row, ids):
    return {
        "name": row["name"],
        "level": row["level"],
        "kind": row["kind"],
        "parent_id": ids[row["parent_code"]] if row["parent_code"] else None,
        "division_code": row["division_code"],
        "province": row["province"],
        "note": row["note"],
    }


def _refresh_paths():
    """Recompute every court's materialised path and save the ones that differ."""
    courts = {court.pk: court for court in Court.objects.only("id", "parent_id", "path")}
    paths = {}

    def path_of(court):
        if court.pk not in paths:
            parent_path = path_of(courts[court.parent_id]) if court.parent_id else "/"
            paths[court.pk] = f"{parent_path}{court.pk}/"
        return paths[court.pk]

    stale = []
    for court in courts.values():
        new_path = path_of(court)
        if court.path != new_path:
            court.path = new_path
            stale.append(court)
    Court.objects.bulk_update(stale, ["path"], batch_size=BATCH_SIZE)


def seed_departments():
    """Add each default department to every court that has none of its kind.

    Matching by kind leaves departments alone that an administrator renamed;
    a name already taken at a court is skipped too. Returns how many were added.
    """
    present = set(Department.objects.values_list("court_id", "kind"))
    taken = set(Department.objects.values_list("court_id", "name"))
    new = []
    for court_id, level in Court.objects.values_list("id", "level"):
        for name, kind, levels in DEFAULT_DEPARTMENTS:
            if levels is not None and level not in levels:
                continue
            if (court_id, kind) in present or (court_id, name) in taken:
                continue
            new.append(Department(court_id=court_id, name=name, kind=kind))
    Department.objects.bulk_create(new, batch_size=BATCH_SIZE)
    return len(new)


def find_court(code):
    """Return the court with this code (surrounding spaces ignored), or None."""
    code = (code or "").strip()
    if not code:
        return None
    return Court.objects.filter(code=code).select_related("parent").first()


def search_courts(text, limit=20):
    """Return up to ``limit`` active courts whose code starts with or whose name contains text.

    Exact code matches come first, then code prefix matches, then name
    matches; higher courts before lower ones, then by code.
    """
    text = (text or "").strip()
    if not text:
        return []
    match = Q(code__startswith=text) | Q(name__contains=text)
    rank = Case(
        When(code=text, then=Value(0)),
        When(code__startswith=text, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    level_rank = Case(
        *(When(level=level, then=Value(rank)) for level, rank in LEVEL_RANK.items()),
        output_field=IntegerField(),
    )
    courts = (
        Court.objects.filter(match, is_active=True)
        .select_related("parent")
        .order_by(rank, level_rank, "code")
    )
    return list(courts[:limit])
