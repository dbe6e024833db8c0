import csv
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from courts import demo
from courts.models import Court, Department
from courts.registry import (
    DEFAULT_PATH,
    LEVEL_RANK,
    RegistryError,
    find_court,
    load_registry,
    read_registry,
    search_courts,
)

HEADER = "code,name,level,kind,parent_code,division_code,province,note\n"


@pytest.fixture(scope="module")
def registry(django_db_setup, django_db_blocker):
    """Load the real registry once for the module and roll it back afterwards.

    Each test runs in a savepoint inside this transaction, so tests that
    change courts or departments do not affect each other.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            report = load_registry()
            yield report
            transaction.set_rollback(True)


def write_registry(tmp_path, body):
    path = tmp_path / "courts.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


# The real registry file.


def test_registry_file_has_unique_codes():
    with open(DEFAULT_PATH, newline="", encoding="utf-8") as file:
        codes = [row["code"] for row in csv.DictReader(file)]

    assert len(codes) == len(set(codes))


def test_registry_file_orders_parents_first():
    seen = set()
    for row in read_registry():
        assert not row["parent_code"] or row["parent_code"] in seen, row["code"]
        seen.add(row["code"])


@pytest.mark.django_db
def test_load_counts_courts_per_level(registry):
    assert Court.objects.filter(level=Court.Level.SUPREME).count() == 1
    assert Court.objects.filter(level=Court.Level.HIGH).count() == 32
    assert 350 <= Court.objects.filter(level=Court.Level.INTERMEDIATE).count() <= 450
    assert 2800 <= Court.objects.filter(level=Court.Level.BASIC).count() <= 3200


@pytest.mark.django_db
def test_load_reports_every_court_added(registry):
    assert registry.added == Court.objects.count()
    assert registry.changed == 0
    assert registry.missing == ()


@pytest.mark.django_db
def test_load_gives_each_court_a_higher_parent(registry):
    orphans = Court.objects.filter(parent__isnull=True).values_list("code", flat=True)
    assert list(orphans) == ["最高法"]

    for court in Court.objects.exclude(code="最高法").select_related("parent"):
        assert LEVEL_RANK[court.parent.level] < LEVEL_RANK[court.level], court.code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "name", "parent_code"),
    [
        ("京", "北京市高级人民法院", "最高法"),
        ("京01", "北京市第一中级人民法院", "京"),
        ("京0105", "北京市朝阳区人民法院", "京03"),
        ("京0108", "北京市海淀区人民法院", "京01"),
        ("京0491", "北京互联网法院", "京04"),
        ("沪74", "上海金融法院", "沪"),
        ("沪0115", "上海市浦东新区人民法院", "沪01"),
        ("粤73", "广州知识产权法院", "粤"),
        ("粤03", "广东省深圳市中级人民法院", "粤"),
        ("粤0304", "广东省深圳市福田区人民法院", "粤03"),
        ("浙8601", "杭州互联网法院", "浙01"),
        ("津0116", "天津市滨海新区人民法院", "津03"),
        ("鄂9004", "湖北省仙桃市人民法院", "鄂96"),
        ("苏0583", "江苏省昆山市人民法院", "苏05"),
        ("兵", "新疆维吾尔自治区高级人民法院生产建设兵团分院", "最高法"),
    ],
)
def test_load_known_court_name_and_parent(registry, code, name, parent_code):
    court = Court.objects.select_related("parent").get(code=code)

    assert court.name == name
    assert court.parent.code == parent_code


@pytest.mark.django_db
def test_load_stores_exception_note(registry):
    court = Court.objects.get(code="京0105")

    assert court.note
    assert court.division_code == "110105"
    assert court.province == "京"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "level", "kind"),
    [
        ("京74", Court.Level.INTERMEDIATE, Court.Kind.FINANCIAL),
        ("琼73", Court.Level.INTERMEDIATE, Court.Kind.INTELLECTUAL_PROPERTY),
        ("苏72", Court.Level.INTERMEDIATE, Court.Kind.MARITIME),
        ("京71", Court.Level.INTERMEDIATE, Court.Kind.RAILWAY),
        ("京7101", Court.Level.BASIC, Court.Kind.RAILWAY),
        ("粤0192", Court.Level.BASIC, Court.Kind.INTERNET),
    ],
)
def test_load_special_court_level_and_kind(registry, code, level, kind):
    court = Court.objects.get(code=code)

    assert court.level == level
    assert court.kind == kind


@pytest.mark.django_db
def test_load_sets_paths_for_descendants(registry):
    beijing = Court.objects.get(code="京")
    descendants = set(beijing.descendants().values_list("code", flat=True))

    assert {"京01", "京03", "京0105", "京0491"} <= descendants
    assert "沪01" not in descendants
    assert beijing.is_above(Court.objects.get(code="京0105"))


@pytest.mark.django_db
def test_second_load_changes_nothing(registry):
    departments = Department.objects.count()

    report = load_registry()

    assert (report.added, report.changed) == (0, 0)
    assert report.unchanged == Court.objects.count()
    assert report.departments_added == 0
    assert Department.objects.count() == departments


@pytest.mark.django_db
def test_load_restores_edited_court(registry):
    Court.objects.filter(code="京0105").update(name="改过的名字")

    report = load_registry()

    assert report.changed == 1
    assert Court.objects.get(code="京0105").name == "北京市朝阳区人民法院"


@pytest.mark.django_db
def test_load_moves_court_under_new_parent(registry):
    chaoyang = Court.objects.get(code="京0105")
    chaoyang.parent = Court.objects.get(code="京01")
    chaoyang.save()

    load_registry()

    chaoyang.refresh_from_db()
    assert chaoyang.parent.code == "京03"
    assert chaoyang.path == chaoyang.parent.path + f"{chaoyang.pk}/"


@pytest.mark.django_db
def test_load_keeps_court_missing_from_file(registry):
    Court.objects.create(code="京0199", name="测试法院", level=Court.Level.BASIC,
                         parent=Court.objects.get(code="京01"))  # fmt: skip
    output = io.StringIO()

    report = load_registry(stdout=output)

    assert report.missing == ("京0199",)
    assert Court.objects.filter(code="京0199").exists()
    assert "京0199" in output.getvalue()


@pytest.mark.django_db
def test_load_seeds_default_departments(registry):
    intermediate = set(Department.objects.filter(court__code="京01").values_list("name", flat=True))
    basic = set(Department.objects.filter(court__code="京0105").values_list("name", flat=True))

    assert intermediate == {"诉讼服务中心（信访办）", "立案庭", "审判监督庭", "赔偿委员会办公室", "执行局"}
    assert basic == {"诉讼服务中心（信访办）", "立案庭", "审判监督庭", "执行局"}


@pytest.mark.django_db
def test_load_keeps_renamed_and_added_departments(registry):
    court = Court.objects.get(code="京0105")
    filing = Department.objects.get(court=court, kind=Department.Kind.CASE_FILING)
    filing.name = "立案一庭"
    filing.save()
    Department.objects.create(court=court, name="民事审判第一庭", kind=Department.Kind.CIVIL)

    report = load_registry()

    names = set(court.departments.values_list("name", flat=True))
    assert "立案一庭" in names
    assert "立案庭" not in names
    assert "民事审判第一庭" in names
    assert report.departments_added == 0


@pytest.mark.django_db
def test_load_courts_command_prints_counts(registry):
    output = io.StringIO()

    call_command("load_courts", stdout=output)

    assert f"added 0, changed 0, unchanged {Court.objects.count()}" in output.getvalue()


@pytest.mark.django_db
def test_demo_load_returns_no_logins(registry):
    output = io.StringIO()

    assert demo.load(output) == []
    assert "added 0" in output.getvalue()


# Lookup helpers.


@pytest.mark.django_db
def test_find_court_by_code(registry):
    assert find_court(" 京0105 ").name == "北京市朝阳区人民法院"
    assert find_court("京9999") is None
    assert find_court("") is None


@pytest.mark.django_db
def test_search_courts_puts_exact_code_first(registry):
    results = search_courts("京01", limit=5)

    assert results[0].code == "京01"
    assert all(court.code.startswith("京01") for court in results)
    assert len(results) == 5


@pytest.mark.django_db
def test_search_courts_by_name_orders_higher_first(registry):
    results = search_courts("朝阳", limit=50)
    codes = [court.code for court in results]

    assert "京0105" in codes
    assert codes.index("辽13") < codes.index("京0105")
    assert all("朝阳" in court.name for court in results)


@pytest.mark.django_db
def test_search_courts_skips_inactive_and_blank(registry):
    Court.objects.filter(code="京0105").update(is_active=False)

    assert "京0105" not in [court.code for court in search_courts("京0105")]
    assert search_courts("  ") == []


# Bad registry files.


@pytest.mark.parametrize(
    ("body", "error_code"),
    [
        ("最高法,最高人民法院,supreme,ordinary,,,,\n最高法,重复,supreme,ordinary,,,,\n", "duplicate_code"),
        ("最高法,最高人民法院,supreme,ordinary,,,,\n京,北京市高级人民法院,high,ordinary,无,,京,\n", "unknown_parent"),
        ("京,北京市高级人民法院,top,ordinary,,,京,\n", "invalid_level"),
        ("京,北京市高级人民法院,high,space,,,京,\n", "invalid_kind"),
        (",北京市高级人民法院,high,ordinary,,,京,\n", "missing_value"),
        ("最高法,最高人民法院,supreme,ordinary,,,,\n京01,一中院,intermediate,ordinary,京0105,,京,\n"
         "京0105,朝阳,basic,ordinary,最高法,,京,\n", "parent_level"),
    ],
)  # fmt: skip
def test_read_registry_rejects_bad_file(tmp_path, body, error_code):
    with pytest.raises(RegistryError) as raised:
        read_registry(write_registry(tmp_path, body))

    assert raised.value.code == error_code


def test_read_registry_rejects_missing_column(tmp_path):
    path = tmp_path / "courts.csv"
    path.write_text("code,name\n京,北京市高级人民法院\n", encoding="utf-8")

    with pytest.raises(RegistryError) as raised:
        read_registry(path)

    assert raised.value.code == "missing_column"
    assert "level" in str(raised.value)


@pytest.mark.django_db
def test_load_bad_file_writes_nothing(registry, tmp_path):
    path = write_registry(tmp_path, "京,改过的名字,high,ordinary,无,,京,\n")
    courts = Court.objects.count()

    with pytest.raises(RegistryError):
        load_registry(path=path)

    assert Court.objects.count() == courts
    assert Court.objects.get(code="京").name == "北京市高级人民法院"


@pytest.mark.django_db
def test_load_courts_command_reports_bad_file(tmp_path):
    path = write_registry(tmp_path, "京,北京市高级人民法院,top,ordinary,,,京,\n")

    with pytest.raises(Exception, match="court registry not loaded: line 2: invalid level 'top': use one of supreme, high"):
        call_command("load_courts", path=str(path))
