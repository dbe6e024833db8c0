"""The text message sent to an applicant when an agent files a matter on their behalf."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.profiles import is_unclaimed_client
from core.context_processors import PLATFORM_NAME
from notifications.sms import send_sms

logger = logging.getLogger(__name__)


def text_applicant_about_agent_filing(petition):
    """Text the applicant of an agent-filed matter once the submission commits.

    The text goes to the applicant's number even when it is unconfirmed,
    because a client whose agent created the account learns of it only this
    way; it tells them to sign up with the number to follow the matter.
    """
    applicant = petition.applicant
    if petition.agent_id is None or not applicant.phone:
        return

    params = {
        "platform": PLATFORM_NAME,
        "agent": petition.agent.display_name,
        "number": petition.tracking_number,
    }
    if is_unclaimed_client(applicant):
        text = _(
            "[%(platform)s] %(agent)s filed matter %(number)s with the court on your behalf. "
            "To follow it, sign up on the platform with this mobile number."
        ) % params
    else:
        text = _(
            "[%(platform)s] %(agent)s filed matter %(number)s with the court on your behalf. "
            "Log in to the platform to follow it."
        ) % params

    phone = applicant.phone
    transaction.on_commit(lambda: send_sms(phone, text, purpose="agent_filing"))
    logger.info("Applicant %s will be texted about agent filing of petition %s", applicant.pk, petition.pk)
