import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import ApplicantProfile
from accounts.profiles import profiles_sharing_id_number, save_profile
from accounts.testing import resident_id

pytestmark = pytest.mark.django_db
NUMBER = resident_id("110105", "19800101", "123")
GOOD = {
    "real_name": "赵六",
    "id_type": "resident_id",
    "id_number": NUMBER,
    "address": "北京市东城区东长安街1号",
    "agent_kind": "none",
    "lawyer_licence_number": "",
}


@pytest.fixture
def applicant_client(client, django_user_model):
    user = django_user_model.objects.create_user("fresh", password="x", phone="13700000001")
    client.force_login(user)
    client.user = user
    return client


def raw_id_column(profile):
    with connection.cursor() as cursor:
        table = ApplicantProfile._meta.db_table
        cursor.execute(f"SELECT id_number FROM {table} WHERE id = %s", [profile.pk])
        return cursor.fetchone()[0]


def test_profile_form_saves_and_returns_to_dashboard(applicant_client):
    response = applicant_client.post(reverse("accounts:profile"), GOOD)

    profile = ApplicantProfile.objects.get(user=applicant_client.user)
    assert response["Location"] == reverse("core:dashboard")
    assert profile.id_number == NUMBER
    assert profile.is_complete


def test_profile_form_follows_safe_next(applicant_client):
    response = applicant_client.post(reverse("accounts:profile"), {**GOOD, "next": "/start/file/"})
    assert response["Location"] == "/start/file/"

    response = applicant_client.post(
        reverse("accounts:profile") + "?edit=1", {**GOOD, "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == reverse("core:dashboard")


def test_id_number_is_encrypted_at_rest(applicant_client):
    applicant_client.post(reverse("accounts:profile"), GOOD)
    profile = ApplicantProfile.objects.get(user=applicant_client.user)

    raw = raw_id_column(profile)

    assert NUMBER not in raw
    assert NUMBER[-4:] not in raw
    assert raw.startswith("gAAAA")
    assert ApplicantProfile.objects.get(pk=profile.pk).id_number == NUMBER


def test_profile_page_shows_masked_number(applicant_client):
    applicant_client.post(reverse("accounts:profile"), GOOD)

    html = applicant_client.get(reverse("accounts:profile")).content.decode()

    assert f"{NUMBER[:6]}********{NUMBER[-4:]}" in html
    assert NUMBER not in html


BAD_INPUTS = [
    # (field, value, words of the Chinese message)
    ("id_number", NUMBER[:17] + ("0" if NUMBER[-1] != "0" else "1"), "校验码与前面的数字不符"),
    ("id_number", resident_id("110105", "19900231", "001"), "19900231 不是有效的出生日期"),
    ("id_number", resident_id("110105", "20991231", "001"), "不是有效的出生日期"),
    ("id_number", "1101051980", "居民身份证号码为18位"),
    ("id_number", "11010519800101ABCD", "居民身份证号码为18位"),
    ("id_number", "", "请填写证件号码"),
    ("real_name", "", "请填写真实姓名"),
    ("address", "", "请填写能收到法院文书的联系地址"),
]


@pytest.mark.parametrize("field, value, words", BAD_INPUTS)
def test_profile_bad_input_keeps_values(applicant_client, field, value, words):
    data = {**GOOD, field: value}

    response = applicant_client.post(reverse("accounts:profile"), data)

    html = response.content.decode()
    assert words in html
    assert "您已填写的内容都已保留" in html
    for other, kept in data.items():
        if other != field and kept and other not in ("id_type", "agent_kind"):
            assert f'value="{kept}"' in html, other
    assert 'value="resident_id" selected' in html
    assert not ApplicantProfile.objects.filter(user=applicant_client.user).exists()


def test_lawyer_agent_needs_licence_number(applicant_client):
    data = {**GOOD, "agent_kind": "lawyer", "lawyer_licence_number": "12345"}

    response = applicant_client.post(reverse("accounts:profile"), data)

    html = response.content.decode()
    assert "律师执业证号为17位数字" in html
    assert 'value="12345"' in html
    assert 'value="lawyer" required id="id_agent_kind_1" checked' in html


def test_other_document_types_are_accepted(applicant_client):
    data = {**GOOD, "id_type": "hk_macao_permit", "id_number": "h12345678"}

    applicant_client.post(reverse("accounts:profile"), data)

    profile = ApplicantProfile.objects.get(user=applicant_client.user)
    assert profile.id_number == "H12345678"
    assert profile.masked_id_number == "H1*****78"


def test_keyed_hash_finds_same_id_number(cast):
    twin = cast.applicant.__class__.objects.create_user("twin", password="x")
    first = cast.applicant.applicant_profile
    second = save_profile(
        twin, real_name="张三", id_type="resident_id", id_number=first.id_number.lower(), address="上海"
    )

    assert list(profiles_sharing_id_number(second)) == [first]
    assert first.id_number_hash == second.id_number_hash
    assert first.id_number not in first.id_number_hash
    assert not profiles_sharing_id_number(cast.second_applicant.applicant_profile).exists()
