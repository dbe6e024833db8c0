"""The read-only petitions admin: who reaches it, and that nothing can be changed through it."""

import pytest
from django.urls import reverse

from accounts.models import PersonalDataAccess
from accounts.roles import Role
from accounts.staff import add_staff_member
from petitions import services
from petitions.models import Attachment, Event, Rating
from petitions.tests.helpers import draft, replied, services_upload, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, cast):
    client.force_login(cast.sysadmin)
    return client


def rated(cast):
    petition = replied(cast)
    services.rate(cast.applicant, petition, level=Rating.Level.SATISFIED, comment="答复清楚。")
    return petition


def test_petition_list_for_superuser(superuser_client, cast):
    petition = submitted(cast)

    response = superuser_client.get(reverse("admin:petitions_petition_changelist"))

    assert response.status_code == 200
    assert petition.tracking_number in response.content.decode()


@pytest.mark.parametrize(
    "term",
    ["tracking", "（2023）京01民终1234号", "(2023)京01民终1234号", "〔2023〕京01民终1234"],
)
def test_petition_search_whole_numbers(superuser_client, cast, term):
    petition = submitted(cast)
    other = submitted(cast, case_number="（2022）京01民终876号")
    if term == "tracking":
        term = petition.tracking_number

    response = superuser_client.get(reverse("admin:petitions_petition_changelist"), {"q": term})

    found = {row.pk for row in response.context["cl"].result_list}
    assert petition.pk in found
    assert other.pk not in found


def test_petition_filter_court_level(superuser_client, cast):
    at_intermediate = submitted(cast)
    at_high = submitted(cast, receiving_court=cast.upper_court)
    url = reverse("admin:petitions_petition_changelist")

    response = superuser_client.get(url, {"receiving_court__level__exact": "high"})

    found = {row.pk for row in response.context["cl"].result_list}
    assert at_high.pk in found
    assert at_intermediate.pk not in found


def test_petition_page_read_only_logged(superuser_client, cast):
    petition = submitted(cast)
    url = reverse("admin:petitions_petition_change", args=[petition.pk])

    page = superuser_client.get(url)
    post = superuser_client.post(url, {"status": "closed"})

    assert 'name="_save"' not in page.content.decode()
    assert post.status_code == 403
    petition.refresh_from_db()
    assert petition.status == "submitted"
    entry = PersonalDataAccess.objects.get(staff_user=cast.sysadmin)
    assert entry.subject_user == cast.applicant
    assert "applicant_id_masked" in entry.fields


def test_event_page_has_no_form(superuser_client, cast):
    event = submitted(cast).events.get(sequence=1)
    url = reverse("admin:petitions_event_change", args=[event.pk])

    page = superuser_client.get(url)

    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="_save"' not in body
    assert "<textarea" not in body


def test_event_change_add_delete_rejected(superuser_client, cast):
    event = submitted(cast).events.get(sequence=1)
    original_hash = event.hash

    change = superuser_client.post(
        reverse("admin:petitions_event_change", args=[event.pk]),
        {"action": "received", "public_message": "已篡改"},
    )
    delete = superuser_client.post(reverse("admin:petitions_event_delete", args=[event.pk]), {"post": "yes"})
    add = superuser_client.get(reverse("admin:petitions_event_add"))

    assert change.status_code == 403
    assert delete.status_code == 403
    assert add.status_code == 403
    event.refresh_from_db()
    assert event.action == "submitted"
    assert event.hash == original_hash
    assert Event.objects.filter(pk=event.pk).exists()


def test_event_list_no_bulk_delete(superuser_client, cast):
    submitted(cast)

    response = superuser_client.get(reverse("admin:petitions_event_changelist"))

    assert "delete_selected" not in response.content.decode()


def test_attachment_links_checked_download(superuser_client, cast, settings):
    petition = draft(cast, cast.agent, applicant=cast.applicant)
    attachment = services_upload(cast.agent, petition, Attachment.Kind.POWER_OF_ATTORNEY)

    response = superuser_client.get(reverse("admin:petitions_attachment_change", args=[attachment.pk]))

    body = response.content.decode()
    assert reverse("petitions:download", args=[petition.pk, attachment.pk]) in body
    assert attachment.file.name not in body
    assert settings.MEDIA_URL not in body


def test_rating_admin_read_only(superuser_client, cast):
    petition = rated(cast)
    rating = petition.rating
    url = reverse("admin:petitions_rating_change", args=[rating.pk])

    listing = superuser_client.get(reverse("admin:petitions_rating_changelist"))
    change = superuser_client.post(url, {"level": Rating.Level.DISSATISFIED})

    assert petition.tracking_number in listing.content.decode()
    assert change.status_code == 403
    rating.refresh_from_db()
    assert rating.level == Rating.Level.SATISFIED


@pytest.mark.parametrize(
    "url_name", ["petitions_petition_changelist", "petitions_event_changelist", "petitions_attachment_changelist"]
)
def test_admin_rejects_court_clerk(client, cast, url_name):
    cast.clerk.is_staff = True
    cast.clerk.save(update_fields=["is_staff"])
    client.force_login(cast.clerk)

    listing = client.get(reverse(f"admin:{url_name}"))
    index = client.get(reverse("admin:index"))

    assert listing.status_code == 403
    assert "/admin/petitions/" not in index.content.decode()


def test_admin_open_to_system_admin_role(client, cast):
    admin_user = add_staff_member(
        "court_sysadmin", court=cast.upper_court, roles=[Role.SYSTEM_ADMIN], is_staff=True
    )
    petition = submitted(cast)
    client.force_login(admin_user)

    response = client.get(reverse("admin:petitions_petition_changelist"))

    assert response.status_code == 200
    assert petition.tracking_number in response.content.decode()
