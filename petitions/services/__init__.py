"""The petition lifecycle: one function per action (see each module).

Every function takes the acting user first and the petition second, checks
permission and state, writes with a conditional update, records an event,
sends notices after commit, and runs in one transaction. Errors come from
``petitions.errors``.
"""

from petitions.services.closing import close, close_unrated, rate, request_review
from petitions.services.filing import (
    discard_draft,
    file_petition,
    save_draft,
    submission_errors,
    submit,
    withdraw,
)
from petitions.services.intake import (
    accept,
    decline,
    guide_out,
    receive,
    request_correction,
    supplement,
    transfer,
)
from petitions.services.replies import (
    approve_reply,
    current_reply,
    draft_reply,
    extend,
    return_reply,
    submit_reply_for_approval,
)

__all__ = [
    "accept",
    "approve_reply",
    "close",
    "close_unrated",
    "current_reply",
    "decline",
    "discard_draft",
    "draft_reply",
    "extend",
    "file_petition",
    "guide_out",
    "rate",
    "receive",
    "request_correction",
    "request_review",
    "return_reply",
    "save_draft",
    "submission_errors",
    "submit",
    "submit_reply_for_approval",
    "supplement",
    "transfer",
    "withdraw",
]
