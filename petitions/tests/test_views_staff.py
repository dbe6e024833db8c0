"""The court staff's pages: queues, the case file and every action through the view."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import PersonalDataAccess
from accounts.roles import Role
from accounts.staff import add_staff_member
from petitions import services
from petitions.models import Event, Extension, Kind, Petition, Reply, Status
from petitions.tests import helpers
from petitions.views.staff import available_actions


def login(client, user):
    client.force_login(user)
    return client


def case_url(petition):
    return reverse("petitions:case_file", args=[petition.pk])


def act_url(petition, action):
    return reverse("petitions:act", args=[petition.pk, action])


def post_action(client, petition, action, **fields):
    """Post one action form the way the case file page does (prefixed fields, current version)."""
    data = {f"{action}-version": petition.version}
    data.update({f"{action}-{name}": value for name, value in fields.items()})
    return client.post(act_url(petition, action), data)


def make_overdue(petition, field="receipt_due", days=3):
    Petition.objects.filter(pk=petition.pk).update(**{field: petition.submitted_at.date() - timedelta(days=days)})


def events(petition):
    return list(Event.objects.filter(petition=petition).order_by("sequence").values_list("action", flat=True))


# The workbench


def test_workbench_lists_overdue_first_with_badge(client, cast):
    in_time = helpers.submitted(cast, request_text="请求一")
    late = helpers.submitted(cast, request_text="请求二")
    make_overdue(late)

    page = login(client, cast.clerk).get(reverse("petitions:workbench")).content.decode()

    assert page.index(late.tracking_number) < page.index(in_time.tracking_number)
    assert page.count(_("Overdue")) >= 2  # the count tile and the row badge
    assert 'class="overdue"' in page
    assert case_url(late) in page


def test_workbench_counts_matters_by_status(client, cast):
    helpers.submitted(cast)
    helpers.submitted(cast)
    helpers.received(cast)

    response = login(client, cast.clerk).get(reverse("petitions:workbench"))

    rows = {row["status"]: row["count"] for row in response.context["counts"]["rows"]}
    assert rows == {"submitted": 2, "received": 1, "awaiting_correction": 0}
    assert response.context["counts"]["total"] == 3


def test_workbench_filters_by_kind_and_overdue(client, cast):
    appeal = helpers.submitted(cast)
    complaint = helpers.submitted(cast, kind=Kind.COMPLAINT, case_number="", category="")
    late_complaint = helpers.submitted(cast, kind=Kind.COMPLAINT, case_number="", category="")
    make_overdue(late_complaint)
    client = login(client, cast.clerk)

    by_kind = client.get(reverse("petitions:workbench"), {"kind": "complaint"}).content.decode()
    overdue = client.get(reverse("petitions:workbench"), {"kind": "complaint", "overdue": "on"}).content.decode()

    assert complaint.tracking_number in by_kind
    assert appeal.tracking_number not in by_kind
    assert late_complaint.tracking_number in overdue
    assert complaint.tracking_number not in overdue


def test_workbench_pages_keep_filters(client, cast):
    for _index in range(30):
        helpers.submitted(cast)

    response = login(client, cast.clerk).get(reverse("petitions:workbench"), {"kind": "appeal", "status": "submitted"})

    assert len(response.context["page_obj"].object_list) == 25
    assert "kind=appeal&amp;status=submitted&amp;page=2" in response.content.decode()
    second = client.get(reverse("petitions:workbench"), {"kind": "appeal", "status": "submitted", "page": 2})
    assert len(second.context["page_obj"].object_list) == 5


def test_workbench_query_count_is_bounded(client, cast, django_assert_max_num_queries):
    for index in range(30):
        petition = helpers.submitted(cast)
        if index % 3 == 0:
            make_overdue(petition)
    client = login(client, cast.clerk)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("petitions:workbench"))

    assert response.content.decode().count('href="/petitions/case/') == 25


def test_workbench_supervisor_switches_to_lower_court(client, cast):
    matter = helpers.submitted(cast)
    client = login(client, cast.supervisor)

    own = client.get(reverse("petitions:workbench"))
    lower = client.get(reverse("petitions:workbench"), {"court": cast.court.pk})
    foreign = client.get(reverse("petitions:workbench"), {"court": cast.other_court.pk})

    assert own.context["court"] == cast.upper_court
    assert matter.tracking_number not in own.content.decode()
    assert lower.context["court"] == cast.court
    assert matter.tracking_number in lower.content.decode()
    # A court outside the supervisor's tree is not offered and falls back to their own.
    assert foreign.context["court"] == cast.upper_court
    assert cast.other_court.name not in own.content.decode()


def test_workbench_for_clerk_shows_no_court_choice(client, cast):
    response = login(client, cast.clerk).get(reverse("petitions:workbench"), {"court": cast.other_court.pk})

    assert response.context["court"] == cast.court
    assert 'name="court"' not in response.content.decode()


def test_workbench_other_court_clerk_sees_none_of_ours(client, cast):
    matter = helpers.submitted(cast)

    page = login(client, cast.other_clerk).get(reverse("petitions:workbench")).content.decode()

    assert matter.tracking_number not in page


def test_workbench_analyst_sees_counts_but_no_matter(client, cast):
    matter = helpers.submitted(cast)

    response = login(client, cast.analyst).get(reverse("petitions:workbench"))

    assert response.context["counts"]["total"] == 1
    assert matter.tracking_number not in response.content.decode()
    assert matter.applicant_name not in response.content.decode()


def test_staff_pages_are_404_for_applicants(client, cast):
    matter = helpers.submitted(cast)
    client = login(client, cast.applicant)

    for url in (
        reverse("petitions:workbench"),
        reverse("petitions:my_cases"),
        reverse("petitions:approvals"),
        case_url(matter),
    ):
        assert client.get(url).status_code == 404, url


def test_my_cases_lists_assigned_matters_by_deadline(client, cast):
    first = helpers.accepted(cast)
    second = helpers.accepted(cast)
    Petition.objects.filter(pk=second.pk).update(handling_due=first.handling_due - timedelta(days=5))
    unassigned = helpers.received(cast)

    page = login(client, cast.handler).get(reverse("petitions:my_cases")).content.decode()

    assert page.index(second.tracking_number) < page.index(first.tracking_number)
    assert unassigned.tracking_number not in page


def test_approvals_lists_pending_replies_for_head(client, cast):
    pending = helpers.accepted(cast)
    services.draft_reply(cast.handler, pending, text="答复内容")
    services.submit_reply_for_approval(cast.handler, pending)
    drafted = helpers.accepted(cast)
    services.draft_reply(cast.handler, drafted, text="草稿")

    head_page = login(client, cast.head).get(reverse("petitions:approvals")).content.decode()
    handler_page = login(client, cast.handler).get(reverse("petitions:approvals")).content.decode()

    assert pending.tracking_number in head_page
    assert drafted.tracking_number not in head_page
    assert pending.tracking_number not in handler_page


# The case file


def test_case_file_shows_the_whole_matter(client, cast):
    petition = helpers.received(cast)
    services.request_correction(cast.clerk, petition, items="判决书复印件\n身份证明")

    page = login(client, cast.clerk).get(case_url(petition)).content.decode()

    assert petition.applicant_name in page
    assert petition.applicant_id_masked in page
    assert "（2023）京01民终1234号" in page
    assert cast.court.name in page
    assert "请求撤销原判决" in page
    assert "判决书复印件" in page
    assert _("Correction requested") in page


def test_case_file_lists_files_with_download_links(client, cast):
    petition = helpers.draft(cast)
    attachment = helpers.services_upload(cast.applicant, petition, "evidence")
    petition = services.submit(cast.applicant, petition)

    page = login(client, cast.clerk).get(case_url(petition)).content.decode()

    assert reverse("petitions:download", args=[petition.pk, attachment.pk]) in page
    assert "授权委托书.pdf" in page


def test_case_file_shows_internal_notes_of_transfer(client, cast):
    petition = helpers.received(cast)
    services.transfer(cast.clerk, petition, to_court=cast.other_court, reason="属上海法院管辖（内部）")

    page = login(client, cast.clerk).get(case_url(petition)).content.decode()

    assert "属上海法院管辖（内部）" in page
    assert cast.other_court.name in page


def test_case_file_full_id_is_logged(client, cast):
    petition = helpers.received(cast)
    full_id = cast.applicant.applicant_profile.id_number
    client = login(client, cast.clerk)

    masked_page = client.get(case_url(petition)).content.decode()
    assert full_id not in masked_page
    assert PersonalDataAccess.objects.count() == 0

    revealed = client.get(case_url(petition), {"show": "id_number"}).content.decode()

    assert full_id in revealed
    entry = PersonalDataAccess.objects.get()
    assert entry.staff_user == cast.clerk
    assert entry.subject_user == cast.applicant
    assert entry.fields == ["id_number"]


def test_case_file_supervisor_sees_masked_id_only(client, cast):
    petition = helpers.received(cast)
    full_id = cast.applicant.applicant_profile.id_number

    page = login(client, cast.supervisor).get(case_url(petition), {"show": "id_number"}).content.decode()

    assert petition.tracking_number in page
    assert full_id not in page
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.parametrize(
    ("member", "status"),
    [
        ("clerk", 200),
        ("handler", 200),
        ("head", 200),
        ("supervisor", 200),
        ("other_clerk", 404),
        ("analyst", 404),
        ("applicant", 404),
        ("second_applicant", 404),
        ("agent", 404),
    ],
)
def test_case_file_permission_matrix(client, cast, member, status):
    petition = helpers.received(cast)

    response = login(client, getattr(cast, member)).get(case_url(petition))

    assert response.status_code == status


def test_case_file_anonymous_is_sent_to_login(client, cast):
    petition = helpers.received(cast)

    response = client.get(case_url(petition))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    ("member", "state", "expected"),
    [
        ("clerk", "submitted", ["receive"]),
        ("clerk", "received", ["accept", "request_correction", "guide_out", "transfer", "decline"]),
        ("head", "received", ["accept", "decline"]),
        ("handler", "received", []),
        ("supervisor", "received", []),
        ("handler", "accepted", ["draft_reply", "request_correction"]),
        ("head", "accepted", ["draft_reply", "request_correction", "extend"]),
        ("clerk", "accepted", []),
    ],
)
def test_case_file_offers_actions_by_state_and_role(cast, member, state, expected):
    petition = getattr(helpers, state)(cast)

    assert available_actions(getattr(cast, member), petition) == expected


def test_case_file_offers_approval_only_to_head(cast):
    petition = helpers.accepted(cast)
    services.draft_reply(cast.handler, petition, text="答复")
    services.submit_reply_for_approval(cast.handler, petition)

    assert "approve_reply" in available_actions(cast.head, petition)
    assert "approve_reply" not in available_actions(cast.handler, petition)
    assert "draft_reply" not in available_actions(cast.handler, petition)


# Each action through the view


def _accept_fields(cast):
    return {"department": cast.department.pk, "handler": cast.handler.pk}


def _pending(cast):
    petition = helpers.accepted(cast)
    services.draft_reply(cast.handler, petition, text="经审查，答复如下。")
    services.submit_reply_for_approval(cast.handler, petition)
    return petition


def _drafted(cast):
    petition = helpers.accepted(cast)
    services.draft_reply(cast.handler, petition, text="经审查，答复如下。")
    return petition


ACTION_CASES = [
    # (action, state builder, actor, fields, expected status, expected event)
    ("receive", helpers.submitted, "clerk", {}, Status.RECEIVED, "received"),
    ("request_correction", helpers.received, "clerk", {"items": "判决书\n身份证"}, Status.AWAITING_CORRECTION, "correction_requested"),
    ("accept", helpers.received, "clerk", _accept_fields, Status.ACCEPTED, "accepted"),
    ("guide_out", helpers.received, "clerk", {"competent_body": "区劳动人事争议仲裁委员会", "text": "请向仲裁委申请。", "confirm": "on"}, Status.REPLIED, "guided_out"),
    ("decline", helpers.received, "clerk", {"reason": "不属于法院受理范围。", "confirm": "on"}, Status.REPLIED, "declined"),
    ("transfer", helpers.received, "clerk", {"to_court": "沪01", "reason": "由原审法院处理。", "confirm": "on"}, Status.TRANSFERRED, "transferred"),
    ("extend", helpers.accepted, "head", {"days": 20, "reason": "案情复杂，需调取卷宗。"}, Status.ACCEPTED, "extended"),
    ("draft_reply", helpers.accepted, "handler", {"text": "经复查，原判决并无不当。"}, Status.ACCEPTED, "reply_drafted"),
    ("submit_reply", _drafted, "handler", {}, Status.ACCEPTED, "reply_submitted"),
    ("approve_reply", _pending, "head", {"confirm": "on"}, Status.REPLIED, "replied"),
    ("return_reply", _pending, "head", {"note": "请补充法律依据。"}, Status.ACCEPTED, "reply_returned"),
]


@pytest.mark.parametrize(
    ("action", "build", "actor", "fields", "status", "event"), ACTION_CASES, ids=[c[0] for c in ACTION_CASES]
)
def test_action_changes_state_and_records_event(client, cast, action, build, actor, fields, status, event):
    petition = build(cast)
    fields = fields(cast) if callable(fields) else fields

    response = post_action(login(client, getattr(cast, actor)), petition, action, **fields)

    assert response.status_code == 302
    assert response["Location"] == case_url(petition)
    petition.refresh_from_db()
    assert petition.status == status
    assert events(petition)[-1] == event


def test_transfer_creates_linked_matter_in_target_queue(client, cast):
    petition = helpers.received(cast)
    post_action(login(client, cast.clerk), petition, "transfer", to_court="沪01", reason="由原审法院处理。", confirm="on")

    new = Petition.objects.get(transferred_from=petition)
    page = login(client, cast.other_clerk).get(reverse("petitions:workbench")).content.decode()
    case = client.get(case_url(new)).content.decode()

    assert new.receiving_court == cast.other_court
    assert new.status == Status.SUBMITTED
    assert new.tracking_number in page
    assert petition.tracking_number in case
    # The original court is not visible to the target court's clerk, so no link to it.
    assert case_url(petition) not in case


def test_extend_sets_new_deadline(client, cast):
    petition = helpers.accepted(cast)
    before = petition.handling_due

    post_action(login(client, cast.head), petition, "extend", days=10, reason="需要调查核实。")

    petition.refresh_from_db()
    assert petition.handling_due > before
    assert Extension.objects.get(petition=petition).days == 10


def test_draft_reply_with_document_attaches_it(client, cast):
    petition = helpers.accepted(cast)
    client = login(client, cast.handler)

    response = client.post(
        act_url(petition, "draft_reply"),
        {"draft_reply-version": petition.version, "draft_reply-text": "答复正文", "draft_reply-document": helpers.pdf_upload("答复书.pdf")},
    )

    assert response.status_code == 302
    reply = Reply.objects.get(petition=petition)
    assert reply.text == "答复正文"
    assert reply.document.original_name == "答复书.pdf"
    assert events(petition)[-2:] == ["reply_drafted", "reply_document_attached"]


def test_approved_reply_keeps_uploaded_document(client, cast):
    petition = _drafted(cast)
    client = login(client, cast.handler)
    client.post(
        act_url(petition, "upload_reply_document"),
        {"upload_reply_document-version": petition.version, "upload_reply_document-document": helpers.pdf_upload("签发稿.pdf")},
    )
    services.submit_reply_for_approval(cast.handler, petition)

    post_action(login(client, cast.head), petition, "approve_reply", confirm="on")

    reply = Reply.objects.get(petition=petition)
    assert reply.status == Reply.Status.APPROVED
    assert reply.document.original_name == "签发稿.pdf"


def test_upload_reply_document_rejects_images(client, cast):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    petition = _drafted(cast)
    output = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(output, format="PNG")
    photo = SimpleUploadedFile("照片.png", output.getvalue(), content_type="image/png")

    response = login(client, cast.handler).post(
        act_url(petition, "upload_reply_document"),
        {"upload_reply_document-version": petition.version, "upload_reply_document-document": photo},
    )

    assert response.status_code == 400
    assert _("The reply document must be a PDF or Word file.") in response.content.decode()
    assert Reply.objects.get(petition=petition).document is None


def test_generate_reply_document_returns_pdf_preview(client, cast):
    petition = _drafted(cast)

    response = post_action(login(client, cast.handler), petition, "generate_reply_document")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert Reply.objects.get(petition=petition).document is None


# Permissions on actions


@pytest.mark.parametrize("member", ["other_clerk", "applicant", "second_applicant", "analyst", "supervisor"])
def test_act_is_404_for_outsiders(client, cast, member):
    petition = helpers.submitted(cast)

    response = post_action(login(client, getattr(cast, member)), petition, "receive")

    assert response.status_code == 404
    petition.refresh_from_db()
    assert petition.status == Status.SUBMITTED


def test_handler_cannot_approve(client, cast):
    petition = _pending(cast)

    response = post_action(login(client, cast.handler), petition, "approve_reply", confirm="on")

    assert response.status_code == 404
    assert Reply.objects.get(petition=petition).status == Reply.Status.PENDING_APPROVAL


def test_handler_of_other_matter_cannot_draft(client, cast):
    petition = helpers.accepted(cast)
    other_handler = add_staff_member(
        "second_handler", court=cast.court, roles=[Role.HANDLER], department=cast.department, password="x"
    )

    response = post_action(login(client, other_handler), petition, "draft_reply", text="越权答复")

    assert response.status_code == 404
    assert not Reply.objects.filter(petition=petition).exists()


def test_unknown_action_is_404(client, cast):
    petition = helpers.submitted(cast)

    response = post_action(login(client, cast.clerk), petition, "delete_everything")

    assert response.status_code == 404


def test_act_refuses_get(client, cast):
    petition = helpers.submitted(cast)

    response = login(client, cast.clerk).get(act_url(petition, "receive"))

    assert response.status_code == 405


# Bad input keeps what was typed


BAD_INPUT_CASES = [
    # (action, state builder, actor, fields, field with the error, expected message, a typed value kept)
    ("decline", helpers.received, "clerk", {"reason": "  "}, "reason",
     "Give the reason for not accepting; the applicant will see it.", None),
    ("extend", helpers.accepted, "head", {"days": 31, "reason": "案情复杂需延期"}, "days",
     "Extend by 1 to %(max)s days.", "案情复杂需延期"),
    ("extend", helpers.accepted, "head", {"days": 0, "reason": "案情复杂需延期"}, "days",
     "Extend by 1 to %(max)s days.", "案情复杂需延期"),
    ("transfer", helpers.received, "clerk", {"to_court": "京01", "reason": "转办理由保留"}, "to_court",
     "The matter is already at this court. Choose another court.", "转办理由保留"),
    ("transfer", helpers.received, "clerk", {"to_court": "火星法院", "reason": "转办理由保留"}, "to_court",
     "No court matches “%(text)s”. Check the code or the name.", "转办理由保留"),
    ("accept", helpers.received, "clerk", {"department": "", "handler": 999999}, "handler",
     "Choose a handler of this court from the list.", None),
    ("request_correction", helpers.received, "clerk", {"items": ""}, "items",
     "List the missing materials, one per line.", None),
    ("guide_out", helpers.received, "clerk", {"competent_body": "", "text": "请向仲裁委申请。"}, "competent_body",
     "Name the body that handles this kind of matter.", "请向仲裁委申请。"),
    ("return_reply", _pending, "head", {"note": ""}, "note", "Say what the handler should change.", None),
    ("draft_reply", helpers.accepted, "handler", {"text": ""}, "text", "Write the reply.", None),
]


@pytest.mark.parametrize(
    ("action", "build", "actor", "fields", "field", "message", "kept"),
    BAD_INPUT_CASES,
    ids=[f"{c[0]}-{c[4]}-{index}" for index, c in enumerate(BAD_INPUT_CASES)],
)
def test_bad_input_shows_message_and_keeps_values(client, cast, action, build, actor, fields, field, message, kept):
    petition = build(cast)
    status_before = petition.status
    events_before = events(petition)

    response = post_action(login(client, getattr(cast, actor)), petition, action, **fields)

    assert response.status_code == 400
    form = next(item["form"] for item in response.context["action_forms"] if item["name"] == action)
    expected = _(message) % {"max": 30, "text": fields.get("to_court", "")}
    assert expected in form.errors[field]
    assert expected in response.content.decode()
    if kept is not None:
        assert kept in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == status_before
    assert events(petition) == events_before


def test_accept_handler_of_other_department(client, cast):
    from courts.models import Department

    petition = helpers.received(cast)
    other_department = Department.objects.create(court=cast.court, name="立案庭", kind=cast.department.kind)
    outsider = add_staff_member(
        "handler_elsewhere", court=cast.court, roles=[Role.HANDLER], department=other_department, password="x"
    )

    response = post_action(
        login(client, cast.clerk), petition, "accept", department=cast.department.pk, handler=outsider.pk
    )

    assert response.status_code == 400
    assert _("Choose a handler who works in the chosen department.") in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED


REFRESH_MESSAGE = "This matter has just been handled by someone else. Its current state is shown below; check it and try again."


def test_stale_page_shows_refresh_message(client, cast):
    petition = helpers.received(cast)
    stale_version = petition.version
    services.accept(cast.clerk, petition, department=cast.department, handler=cast.handler)

    response = login(client, cast.clerk).post(
        act_url(petition, "decline"),
        {"decline-version": stale_version, "decline-reason": "不予受理理由", "decline-confirm": "on"},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert _(REFRESH_MESSAGE) in page
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED


def test_action_in_wrong_state_shows_refresh_message(client, cast):
    petition = helpers.received(cast)

    response = login(client, cast.clerk).post(act_url(petition, "receive"), {})

    assert response.status_code == 409
    assert _(REFRESH_MESSAGE) in response.content.decode()
    assert events(petition)[-1] == "received"


@pytest.mark.parametrize(
    ("action", "build", "actor", "fields", "chinese"),
    [
        ("decline", helpers.received, "clerk", {"reason": ""}, "请填写不予受理的理由，申请人会看到。"),
        ("extend", helpers.accepted, "head", {"days": 45, "reason": "需调卷"}, "延长天数须在1至30天之间。"),
        ("transfer", helpers.received, "clerk", {"to_court": "京01", "reason": "转办"}, "该事项已在本院，不能转给本院，请选择其他法院。"),
        ("accept", helpers.received, "clerk", {"department": "", "handler": 999999}, "请从列表中选择本院的承办人。"),
    ],
    ids=["empty-reason", "extension-over-max", "same-court", "unknown-handler"],
)
def test_bad_input_message_is_chinese(client, cast, action, build, actor, fields, chinese):
    petition = build(cast)

    response = post_action(login(client, getattr(cast, actor)), petition, action, **fields)

    assert chinese in response.content.decode()


def test_refresh_message_is_chinese(client, cast):
    petition = helpers.received(cast)

    response = login(client, cast.clerk).post(act_url(petition, "receive"), {})

    assert "此事项已被他人处理" in response.content.decode()
