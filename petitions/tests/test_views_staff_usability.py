"""Court staff pages: finding any matter, confirming final decisions, landing by role and error banners."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.staff import add_staff_member
from courts.models import Court, Department
from petitions import services
from petitions.models import Reply, Status
from petitions.tests import helpers
from petitions.views.staff import PAGE_SIZE


def login(client, user):
    client.force_login(user)
    return client


def case_url(petition):
    return reverse("petitions:case_file", args=[petition.pk])


def act_url(petition, action):
    return reverse("petitions:act", args=[petition.pk, action])


def post_action(client, petition, action, **fields):
    data = {f"{action}-version": petition.version}
    data.update({f"{action}-{name}": value for name, value in fields.items()})
    return client.post(act_url(petition, action), data)


def workbench(client, **params):
    return client.get(reverse("petitions:workbench"), params)


def pending(cast):
    petition = helpers.accepted(cast)
    services.draft_reply(cast.handler, petition, text="经审查，答复如下。")
    services.submit_reply_for_approval(cast.handler, petition)
    return petition


def lower_court(cast):
    """Return a basic court below the cast's court, with a received matter there."""
    court = Court.objects.create(code="京0105", name="北京市朝阳区人民法院", level=Court.Level.BASIC, parent=cast.court)
    return court, helpers.submitted(cast, receiving_court=court)


# 1. All matters of the court


def test_all_matters_lists_accepted_and_replied(client, cast):
    accepted = helpers.accepted(cast)
    replied = helpers.replied(cast)
    waiting = helpers.submitted(cast)

    response = workbench(login(client, cast.clerk), status="all")
    numbers = [petition.tracking_number for petition in response.context["page_obj"]]

    assert response.context["all_matters"] is True
    assert set(numbers) == {accepted.tracking_number, replied.tracking_number, waiting.tracking_number}
    # Newest first.
    assert numbers[0] == waiting.tracking_number


def test_intake_queue_still_hides_accepted(client, cast):
    accepted = helpers.accepted(cast)

    response = workbench(login(client, cast.clerk))

    assert response.context["all_matters"] is False
    assert accepted.tracking_number not in response.content.decode()


@pytest.mark.parametrize("search", ["tracking", "case_number", "half_width_case_number", "name"])
def test_search_finds_accepted_matter(client, cast, search):
    target = helpers.accepted(cast, case_number="（2023）京01民终77号")
    other = helpers.accepted(cast)
    text = {
        "tracking": target.tracking_number,
        "case_number": "民终77",
        "half_width_case_number": "(2023)京01民终77号",
        "name": target.applicant_name,
    }[search]

    response = workbench(login(client, cast.clerk), query=text)
    numbers = [petition.tracking_number for petition in response.context["page_obj"]]

    assert target.tracking_number in numbers
    if search != "name":
        assert other.tracking_number not in numbers


def test_all_matters_filters_by_later_status(client, cast):
    accepted = helpers.accepted(cast)
    replied = helpers.replied(cast)

    response = workbench(login(client, cast.clerk), status=Status.REPLIED)
    numbers = [petition.tracking_number for petition in response.context["page_obj"]]

    assert numbers == [replied.tracking_number]
    assert accepted.tracking_number not in numbers


def test_all_matters_is_paginated(client, cast):
    for _index in range(PAGE_SIZE + 1):
        helpers.submitted(cast)
    client = login(client, cast.clerk)

    first = workbench(client, status="all")
    second = workbench(client, status="all", page=2)

    assert len(first.context["page_obj"]) == PAGE_SIZE
    assert len(second.context["page_obj"]) == 1
    assert "status=all&amp;page=2" in first.content.decode()


def test_all_matters_supervisor_sees_courts_below(client, cast):
    court, below = lower_court(cast)
    own = helpers.accepted(cast)
    cast.supervisor.staff_membership.court = cast.court
    cast.supervisor.staff_membership.save()

    response = workbench(login(client, cast.supervisor), status="all", court="")
    numbers = {petition.tracking_number for petition in response.context["page_obj"]}

    assert numbers == {below.tracking_number, own.tracking_number}
    assert court.name in response.content.decode()


def test_all_matters_hides_other_courts(client, cast):
    ours = helpers.accepted(cast)

    response = workbench(login(client, cast.other_clerk), status="all", query=ours.tracking_number)

    assert list(response.context["page_obj"]) == []
    assert case_url(ours) not in response.content.decode()


def test_staff_header_links_to_all_matters(client, cast):
    page = workbench(login(client, cast.handler)).content.decode()

    assert reverse("petitions:workbench") + "?status=all" in page


# 2. Confirming final decisions


FINAL_ACTIONS = [
    # (action, state builder, actor, fields without the confirmation, typed value kept)
    ("decline", helpers.received, "clerk", {"reason": "不属于法院受理范围。"}, "不属于法院受理范围。"),
    ("guide_out", helpers.received, "clerk", {"competent_body": "区劳动仲裁委", "text": "请向仲裁委申请。"}, "区劳动仲裁委"),
    ("transfer", helpers.received, "clerk", {"to_court": "沪01", "reason": "由原审法院处理。"}, "由原审法院处理。"),
    ("approve_reply", pending, "head", {}, None),
]


@pytest.mark.parametrize(("action", "build", "actor", "fields", "kept"), FINAL_ACTIONS, ids=[c[0] for c in FINAL_ACTIONS])
def test_final_action_needs_confirmation(client, cast, action, build, actor, fields, kept):
    petition = build(cast)
    status_before = petition.status

    response = post_action(login(client, getattr(cast, actor)), petition, action, **fields)

    assert response.status_code == 400
    page = response.content.decode()
    assert _("Tick the box to confirm that you have checked it before sending.") in page
    if kept is not None:
        assert kept in page
    petition.refresh_from_db()
    assert petition.status == status_before


def test_confirmation_message_is_chinese(client, cast):
    petition = helpers.received(cast)

    response = post_action(login(client, cast.clerk), petition, "decline", reason="不予受理")

    with translation.override("en"):
        english = _("Tick the box to confirm that you have checked it before sending.")
    assert english not in response.content.decode()


def test_action_buttons_have_distinct_styles(client, cast):
    petition = helpers.received(cast)

    page = login(client, cast.clerk).get(case_url(petition)).content.decode()

    def button_class(action):
        form = re.search(rf'<form[^>]*id="action-{action}".*?</form>', page, re.S).group(0)
        return re.search(r'<button type="submit" class="([^"]+)"', form).group(1)

    assert "primary" in button_class("accept")
    assert "warning" in button_class("decline")
    assert "warning" in button_class("transfer")
    assert "secondary" in button_class("request_correction")


def test_head_sees_reply_preview_before_approving(client, cast):
    petition = pending(cast)
    client = login(client, cast.head)

    page = client.get(case_url(petition)).content.decode()
    preview = post_action(client, petition, "generate_reply_document")

    assert act_url(petition, "generate_reply_document") in page
    assert 'target="_blank"' in page
    assert preview["Content-Type"] == "application/pdf"
    assert preview.content.startswith(b"%PDF")
    assert Reply.objects.get(petition=petition).status == Reply.Status.PENDING_APPROVAL


def test_head_preview_links_uploaded_document(client, cast):
    petition = helpers.accepted(cast)
    services.draft_reply(cast.handler, petition, text="答复正文")
    from petitions.services.reply_documents import attach_reply_document

    document = attach_reply_document(cast.handler, petition, helpers.pdf_upload("签发稿.pdf"))
    services.submit_reply_for_approval(cast.handler, petition)

    page = login(client, cast.head).get(case_url(petition)).content.decode()

    assert reverse("petitions:download", args=[petition.pk, document.pk]) in page
    assert act_url(petition, "generate_reply_document") not in page


# 3. Landing by role


def test_dashboard_lands_by_role(client, cast):
    expected = {
        "clerk": "petitions:workbench",
        "handler": "petitions:my_cases",
        "head": "petitions:my_cases",
        "supervisor": "petitions:workbench",
    }
    for member, url_name in expected.items():
        response = login(client, getattr(cast, member)).get(reverse("core:dashboard"))
        assert response["Location"] == reverse(url_name), member


def test_dashboard_head_with_waiting_reply_lands_on_approvals(client, cast):
    pending(cast)

    response = login(client, cast.head).get(reverse("core:dashboard"))

    assert response["Location"] == reverse("petitions:approvals")


@pytest.mark.parametrize(
    ("member", "url_name"),
    [("clerk", "petitions:workbench"), ("handler", "petitions:my_cases"), ("head", "petitions:approvals")],
)
def test_case_file_back_link_by_role(client, cast, member, url_name):
    petition = helpers.accepted(cast)

    response = login(client, getattr(cast, member)).get(case_url(petition))

    assert response.context["back_url"] == reverse(url_name)
    assert f'<a href="{reverse(url_name)}">' in response.content.decode()


@pytest.mark.parametrize(("member", "url_name"), [("handler", "petitions:my_cases"), ("head", "petitions:approvals")])
def test_queues_mark_reply_awaiting_approval(client, cast, member, url_name):
    petition = pending(cast)

    response = login(client, getattr(cast, member)).get(reverse(url_name))

    rows = list(response.context["page_obj"])
    assert [row.pk for row in rows] == [petition.pk]
    assert rows[0].reply_pending is True
    assert _("Reply awaiting approval") in response.content.decode()


def test_my_cases_without_reply_has_no_approval_badge(client, cast):
    helpers.accepted(cast)

    response = login(client, cast.handler).get(reverse("petitions:my_cases"))

    assert _("Reply awaiting approval") not in response.content.decode()


# 4. Error banner at the top


def test_failed_action_banner_above_the_forms(client, cast):
    petition = helpers.received(cast)

    response = post_action(login(client, cast.clerk), petition, "decline", reason="", confirm="on")

    page = response.content.decode()
    banner = page.index('class="error-summary"')
    assert banner < page.index('id="applicant-heading"')
    assert banner < page.index('id="action-decline"')
    assert '<a href="#action-decline">' in page
    assert response.context["failed_action"]["heading"] == _("Do not accept")
    messages = [problem["message"] for problem in response.context["failed_action"]["problems"]]
    assert _("Give the reason for not accepting; the applicant will see it.") in messages


def test_every_action_form_has_an_anchor(client, cast):
    petition = helpers.received(cast)

    page = login(client, cast.clerk).get(case_url(petition)).content.decode()

    for action in ("accept", "request_correction", "guide_out", "transfer", "decline"):
        assert f'id="action-{action}"' in page


def test_successful_page_has_no_error_banner(client, cast):
    petition = helpers.received(cast)

    response = login(client, cast.clerk).get(case_url(petition))

    assert response.context["failed_action"] is None
    assert 'class="error-summary"' not in response.content.decode()


# 5. The reply draft form explains what the letter adds


def test_draft_reply_form_explains_generated_parts(client, cast):
    petition = helpers.accepted(cast)

    response = login(client, cast.handler).get(case_url(petition))

    form = next(item["form"] for item in response.context["action_forms"] if item["name"] == "draft_reply")
    help_text = form.fields["text"].help_text
    assert str(help_text) in response.content.decode().replace("&#x27;", "'")
    with translation.override("en"):
        assert "Type only the body of the letter." in str(help_text)
        assert "the court's name and the date" in str(help_text)


# 6. Staff names and labels


def test_timeline_and_replies_show_staff_full_names(client, cast):
    for user, surname, given_name in ((cast.clerk, "王", "立"), (cast.handler, "赵", "敏"), (cast.head, "孙", "强")):
        user.last_name, user.first_name = surname, given_name
        user.save()
    petition = helpers.replied(cast)

    page = login(client, cast.head).get(case_url(petition)).content.decode()

    for name in ("王立", "赵敏", "孙强"):
        assert name in page
    for username in (cast.clerk.username, cast.handler.username, cast.head.username):
        assert username not in page


def test_staff_without_name_show_username(client, cast):
    petition = helpers.accepted(cast)

    page = login(client, cast.clerk).get(case_url(petition)).content.decode()

    assert cast.handler.username in page


def test_search_label_says_tracking_number(client, cast):
    response = workbench(login(client, cast.clerk))

    label = response.context["form"].fields["query"].label
    assert str(label) in response.content.decode().replace("&#x27;", "'")
    with translation.override("en"):
        assert str(label) == "Tracking number, case number or applicant's name"


# 7. The handler list follows the department


def test_handler_options_carry_department(client, cast):
    other = Department.objects.create(court=cast.court, name="立案庭", kind=cast.department.kind)
    elsewhere = add_staff_member("handler_elsewhere", court=cast.court, roles=[Role.HANDLER], department=other)
    petition = helpers.received(cast)

    page = login(client, cast.clerk).get(case_url(petition)).content.decode()

    assert 'data-follows="id_accept-department"' in page
    assert re.search(rf'<option value="{cast.handler.pk}" data-department="{cast.department.pk}"', page)
    assert re.search(rf'<option value="{elsewhere.pk}" data-department="{other.pk}"', page)
    assert "petitions/staff.js" in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_handler_list_follows_department_in_browser(page, cast):
    other = Department.objects.create(court=cast.court, name="立案庭", kind=cast.department.kind)
    add_staff_member("handler_elsewhere", court=cast.court, roles=[Role.HANDLER], department=other, password=cast.password)
    petition = helpers.received(cast)

    page.goto(reverse("accounts:login"))
    page.get_by_label("手机号码或用户名").fill(cast.clerk.username)
    page.get_by_label("密码").fill(cast.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    page.goto(case_url(petition))
    form = page.get_by_role("form", name=_("Accept and assign"))
    form.get_by_label(_("Department")).select_option(label=other.name)

    handlers = form.get_by_label(_("Handler"))
    own_option = handlers.locator(f'option[value="{cast.handler.pk}"]')
    other_option = handlers.locator('option[data-department="%s"]' % other.pk)
    assert own_option.evaluate("option => option.disabled") is True
    assert other_option.evaluate("option => option.disabled") is False
