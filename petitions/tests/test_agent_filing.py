"""An agent filing on the web for a client with or without an account, and the client claiming it."""

import html
import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.profiles import is_unclaimed_client
from accounts.testing import resident_id, sent_code
from notifications.models import Outbox
from petitions.models import Petition, Status
from petitions.tests import helpers

pytestmark = pytest.mark.django_db
FILE_URL = reverse("petitions:file")
CLIENT_ID = resident_id("110105", "19540312", "021")
CLIENT_PHONE = "13912345678"
PASSWORD = "long-enough-Pass-1"


def field_errors(response, name):
    """Return the text of the error list rendered next to form field ``name`` ("" when none)."""
    match = re.search(rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>', response.content.decode(), re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))) if match else ""


def agent_filing(cast, **overrides):
    data = {
        "idempotency_key": uuid.uuid4().hex,
        "kind": "appeal",
        "case_number": helpers.CASE_NUMBER,
        "receiving_court": str(cast.court.pk),
        "court_query": "",
        "request_text": "请求撤销原判决，依法再审。",
        "facts_and_reasons": "原判决认定事实错误，证据不足。",
        "on_behalf": "on",
        "applicant_name": "赵老汉",
        "applicant_id_type": "resident_id",
        "applicant_id_number": CLIENT_ID,
        "applicant_phone": CLIENT_PHONE,
        "applicant_address": "北京市东城区和平里街道1号",
        "files_power_of_attorney": [helpers.pdf_upload("授权委托书.pdf")],
        "action": "submit",
    }
    data.update(overrides)
    return data


@pytest.fixture
def agent_client(client, cast):
    client.force_login(cast.agent)
    return client


def test_agent_files_for_new_client(agent_client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(FILE_URL, agent_filing(cast))

    petition = Petition.objects.get(agent=cast.agent)
    assert response["Location"] == reverse("petitions:submitted", args=[petition.pk])
    assert petition.status == Status.SUBMITTED
    assert petition.applicant_name == "赵老汉"
    client_user = petition.applicant
    assert client_user.phone == CLIENT_PHONE
    assert is_unclaimed_client(client_user)
    assert client_user.applicant_profile.created_by_agent == cast.agent


def test_new_client_is_texted_tracking_number_and_sign_up(agent_client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(FILE_URL, agent_filing(cast))

    petition = Petition.objects.get(agent=cast.agent)
    text = Outbox.objects.get(recipient=CLIENT_PHONE).text
    assert "王五" in text
    assert petition.tracking_number in text
    assert "注册" in text


def test_agent_files_for_existing_client_matched_by_id(agent_client, cast, django_capture_on_commit_callbacks):
    users_before = get_user_model().objects.count()
    data = agent_filing(
        cast,
        applicant_name="张三",
        applicant_id_number=resident_id("110105", "19800101", "001"),
        applicant_phone="",
        applicant_address="",
    )

    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(FILE_URL, data)

    petition = Petition.objects.get(agent=cast.agent)
    assert petition.status == Status.SUBMITTED
    assert petition.applicant == cast.applicant
    assert get_user_model().objects.count() == users_before
    text = Outbox.objects.get(recipient=cast.applicant.phone).text
    assert "王五" in text
    assert petition.tracking_number in text
    assert "登录" in text


def test_agent_filing_bad_id_keeps_everything_entered(agent_client, cast):
    bad_number = CLIENT_ID[:-1] + ("0" if CLIENT_ID[-1] != "0" else "1")
    users_before = get_user_model().objects.count()

    response = agent_client.post(FILE_URL, agent_filing(cast, applicant_id_number=bad_number))

    assert response.status_code == 400
    assert "核对" in field_errors(response, "applicant_id_number")
    page = html.unescape(response.content.decode())
    for value in (bad_number, CLIENT_PHONE, "北京市东城区和平里街道1号", "赵老汉", "原判决认定事实错误，证据不足。"):
        assert f'value="{value}"' in page or value in page
    assert "所选文件没有保留" in page
    assert not Petition.objects.exists()
    assert get_user_model().objects.count() == users_before


def test_agent_filing_phone_clash_is_rejected(agent_client, cast):
    response = agent_client.post(FILE_URL, agent_filing(cast, applicant_phone=cast.second_applicant.phone))

    assert response.status_code == 400
    errors = field_errors(response, "applicant_phone")
    assert cast.second_applicant.phone in errors
    assert "核对" in errors
    assert f'value="{CLIENT_ID}"' in response.content.decode()
    assert not Petition.objects.exists()
    assert not get_user_model().objects.filter(applicant_profile__real_name="赵老汉").exists()


def test_agent_filing_for_new_client_without_phone_names_field(agent_client, cast):
    response = agent_client.post(FILE_URL, agent_filing(cast, applicant_phone="", applicant_address=""))

    assert response.status_code == 400
    assert "手机号码" in field_errors(response, "applicant_phone")
    assert "地址" in field_errors(response, "applicant_address")
    assert not Petition.objects.exists()


def test_agent_draft_for_new_client_texts_only_on_submit(agent_client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(FILE_URL, agent_filing(cast, action="save", files_power_of_attorney=[]))
    petition = Petition.objects.get(agent=cast.agent)
    assert petition.status == Status.DRAFT
    assert not Outbox.objects.filter(recipient=CLIENT_PHONE).exists()

    edit_url = reverse("petitions:edit_draft", args=[petition.pk])
    missing = agent_client.post(edit_url, agent_filing(cast, idempotency_key=petition.idempotency_key, files_power_of_attorney=[]))
    assert "授权委托书" in field_errors(missing, "files_power_of_attorney")

    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(edit_url, agent_filing(cast, idempotency_key=petition.idempotency_key))

    petition.refresh_from_db()
    assert petition.status == Status.SUBMITTED
    assert Outbox.objects.filter(recipient=CLIENT_PHONE).count() == 1


def test_autosave_of_new_agent_filing_creates_nothing(agent_client, cast):
    data = agent_filing(cast, action="autosave", files_power_of_attorney=[])

    response = agent_client.post(FILE_URL, data)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "agent_draft_not_saved"
    assert "保存草稿" in response.json()["error"]["message"]
    assert not Petition.objects.exists()
    assert not get_user_model().objects.filter(phone=CLIENT_PHONE).exists()


def test_claimed_client_sees_matter_filed_by_agent(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FILE_URL, agent_filing(cast))
    petition = Petition.objects.get(agent=cast.agent)
    client.logout()

    client.post(reverse("accounts:signup"), {"phone": CLIENT_PHONE})
    data = {"code": sent_code(CLIENT_PHONE), "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(reverse("accounts:signup_verify"), data, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("petitions:my_matters")
    assert petition.tracking_number in page
    detail = client.get(reverse("petitions:detail", args=[petition.pk]))
    assert detail.status_code == 200
    assert petition.tracking_number in detail.content.decode()
