from petitions.models.attachment import Attachment
from petitions.models.event import GENESIS_HASH, AppendOnlyError, Event
from petitions.models.petition import (
    INTAKE_STATUSES,
    OPEN_STATUSES,
    WITHDRAWABLE_STATUSES,
    Category,
    Kind,
    Petition,
    Status,
    queue_due_expression,
)
from petitions.models.steps import (
    CorrectionNotice,
    Extension,
    Rating,
    Reply,
    Transfer,
    TrackingCounter,
)

__all__ = [
    "INTAKE_STATUSES",
    "OPEN_STATUSES",
    "WITHDRAWABLE_STATUSES",
    "GENESIS_HASH",
    "AppendOnlyError",
    "Attachment",
    "Category",
    "CorrectionNotice",
    "Event",
    "Extension",
    "Kind",
    "Petition",
    "Rating",
    "Reply",
    "Status",
    "TrackingCounter",
    "Transfer",
    "queue_due_expression",
]
