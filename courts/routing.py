"""Suggest which court should receive an appeal (申诉) about a case.

The rule, for the court that issued the case number (the court whose
effective judgment, ruling or decision the appeal is about):

1. Judgments and rulings: that court first, then the court one level
   above. 《最高人民法院关于规范人民法院再审立案的若干意见（试行）》 (2002),
   article 6, gives appeals and retrial applications to the court of final
   instance as a rule, and the court above may take them directly.
2. Decisions of a compensation committee (委赔 and the other state
   compensation committee codes) and the courts' own compensation decisions
   (法赔): the court one level above first, then the same court.
   《中华人民共和国国家赔偿法》 article 30 sends an appeal against a committee
   decision to the committee of the court one level above, and the same
   committee re-examines a decision only when its president or a higher
   court orders it. Article 24 likewise sends a claimant who disagrees with
   a court's own compensation decision to the committee one level above.
3. The Supreme People's Court has no court above it, so its case numbers
   route to the SPC alone.

Inactive courts are left out of the list. The list is empty when the case
number's court is not in the registry.
"""

from courts.models import Court

# Compensation committee decisions and courts' own compensation decisions,
# whose appeal belongs first with the court one level above.
HIGHER_COURT_FIRST_TYPE_CODES = frozenset({"委赔", "委赔监", "委赔提", "委赔再", "法赔"})


def suggest_receiving_courts(parsed):
    """Return the courts that may receive an appeal about ``parsed``, best first.

    ``parsed`` is a ``courts.case_numbers.ParsedCaseNumber``.
    """
    court = parsed.court
    if court is None:
        return []

    parent = _parent(court)
    if parent is None:
        candidates = [court]
    elif parsed.type_code in HIGHER_COURT_FIRST_TYPE_CODES:
        candidates = [parent, court]
    else:
        candidates = [court, parent]
    return [candidate for candidate in candidates if candidate.is_active]


def _parent(court):
    if court.level == Court.Level.SUPREME or court.parent_id is None:
        return None
    return court.parent

