"""Case type codes (类型代字) and specialised-trial codes (专门审判代字) in case numbers.

The codes come from 《人民法院案件类型及其代字标准》, the appendix to
《最高人民法院关于人民法院案件案号的若干规定》 (in force since 1 January 2016,
amended in 2018). A few codes that courts use but the 2015 appendix lacks are
marked where they are listed.

To support a new code, add one row to ``CASE_TYPES``. The parser picks the
longest code that matches, so 执恢 wins over 执 and 行赔初 over 行初.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseCategory(models.TextChoices):
    """The kind of matter a case is about, as petitions and statistics group it."""

    CRIMINAL = "criminal", _("Criminal")
    CIVIL = "civil", _("Civil")
    ADMINISTRATIVE = "administrative", _("Administrative")
    STATE_COMPENSATION = "state_compensation", _("State compensation")
    ENFORCEMENT = "enforcement", _("Enforcement")
    OTHER = "other", _("Other")


class CaseClass(models.TextChoices):
    """The first-level case class of the type-code standard."""

    JURISDICTION = "jurisdiction", _("Jurisdiction")
    CRIMINAL = "criminal", _("Criminal")
    CIVIL = "civil", _("Civil")
    ADMINISTRATIVE = "administrative", _("Administrative")
    STATE_COMPENSATION = "state_compensation", _("State compensation")
    JUDICIAL_RELIEF = "judicial_relief", _("Judicial relief")
    JUDICIAL_ASSISTANCE = "judicial_assistance", _("Judicial assistance")
    JUDICIAL_SANCTION = "judicial_sanction", _("Judicial sanction")
    PRESERVATION = "preservation", _("Preservation outside litigation")
    ENFORCEMENT = "enforcement", _("Enforcement")


class CaseProcedure(models.TextChoices):
    FIRST_INSTANCE = "first_instance", _("First instance")
    SECOND_INSTANCE = "second_instance", _("Second instance")
    # Review of an application for retrial (申) or of a case the court itself
    # examines for errors (监) before any retrial is ordered.
    RETRIAL_REVIEW = "retrial_review", _("Retrial review")
    PROTEST = "protest", _("Procuratorate protest")
    RETRIAL = "retrial", _("Retrial")
    # 刑核 covers death penalty review and the approval of a sentence below the
    # statutory minimum.
    DEATH_PENALTY_REVIEW = "death_penalty_review", _("Death penalty and sentence review")
    COMMUTATION_PAROLE = "commutation_parole", _("Commutation and parole")
    SPECIAL_PROCEDURE = "special_procedure", _("Special procedure")
    SUPERVISION = "supervision", _("Supervision")
    RECONSIDERATION = "reconsideration", _("Reconsideration")
    JURISDICTION = "jurisdiction", _("Jurisdiction")
    BANKRUPTCY = "bankruptcy", _("Bankruptcy and compulsory liquidation")
    PRE_LITIGATION_MEDIATION = "pre_litigation_mediation", _("Pre-litigation mediation")
    NON_LITIGATION_REVIEW = "non_litigation_review", _("Review of a non-litigation enforcement application")
    COMPENSATION_DECISION = "compensation_decision", _("Compensation decision by the court")
    COMPENSATION_COMMITTEE = "compensation_committee", _("Compensation committee")
    JUDICIAL_RELIEF = "judicial_relief", _("Judicial relief")
    JUDICIAL_ASSISTANCE = "judicial_assistance", _("Judicial assistance")
    JUDICIAL_SANCTION = "judicial_sanction", _("Judicial sanction")
    PRESERVATION = "preservation", _("Preservation")
    ENFORCEMENT_IMPLEMENTATION = "enforcement_implementation", _("Enforcement implementation")
    ENFORCEMENT_OBJECTION = "enforcement_objection", _("Enforcement objection")
    ENFORCEMENT_REVIEW = "enforcement_review", _("Enforcement review")
    ENFORCEMENT_SUPERVISION = "enforcement_supervision", _("Enforcement supervision")
    ENFORCEMENT_COORDINATION = "enforcement_coordination", _("Enforcement coordination")
    OTHER = "other", _("Other")


@dataclass(frozen=True)
class CaseType:
    code: str
    category: str
    case_class: str
    procedure: str


# Short aliases keep the table below one row per code.
_C = CaseCategory
_K = CaseClass
_P = CaseProcedure


def _rows(category, case_class, *pairs):
    return [CaseType(code, category, case_class, procedure) for code, procedure in pairs]


CASE_TYPES = (
    # 管辖案件: jurisdiction disputes, counted under the matter's own category.
    *_rows(_C.CRIMINAL, _K.JURISDICTION, ("刑辖", _P.JURISDICTION)),
    *_rows(
        _C.CIVIL,
        _K.JURISDICTION,
        ("民辖", _P.JURISDICTION),
        ("民辖终", _P.SECOND_INSTANCE),
        ("民辖监", _P.SUPERVISION),
    ),
    *_rows(
        _C.ADMINISTRATIVE,
        _K.JURISDICTION,
        ("行辖", _P.JURISDICTION),
        ("行辖终", _P.SECOND_INSTANCE),
    ),
    *_rows(
        _C.STATE_COMPENSATION,
        _K.JURISDICTION,
        ("赔辖", _P.JURISDICTION),
        ("赔辖终", _P.SECOND_INSTANCE),
    ),
    # 刑事案件
    *_rows(
        _C.CRIMINAL,
        _K.CRIMINAL,
        ("刑初", _P.FIRST_INSTANCE),
        ("刑终", _P.SECOND_INSTANCE),
        ("刑监", _P.RETRIAL_REVIEW),
        ("刑申", _P.RETRIAL_REVIEW),
        ("刑抗", _P.PROTEST),
        ("刑再", _P.RETRIAL),
        ("刑没", _P.SPECIAL_PROCEDURE),  # confiscation of illegal gains
        ("刑核", _P.DEATH_PENALTY_REVIEW),
        ("刑医", _P.SPECIAL_PROCEDURE),  # compulsory medical treatment
        ("刑医解", _P.SPECIAL_PROCEDURE),
        ("刑医复", _P.RECONSIDERATION),
        ("刑医监", _P.SUPERVISION),
        ("刑止", _P.SPECIAL_PROCEDURE),  # stay of a death sentence
        ("刑止调", _P.SPECIAL_PROCEDURE),
        ("刑止核", _P.SPECIAL_PROCEDURE),
        ("刑更", _P.COMMUTATION_PAROLE),
        ("刑更监", _P.SUPERVISION),
        ("刑更备", _P.COMMUTATION_PAROLE),
        ("刑他", _P.OTHER),
    ),
    # 民事案件
    *_rows(
        _C.CIVIL,
        _K.CIVIL,
        ("民初", _P.FIRST_INSTANCE),
        ("民终", _P.SECOND_INSTANCE),
        ("民监", _P.RETRIAL_REVIEW),
        ("民申", _P.RETRIAL_REVIEW),
        ("民抗", _P.PROTEST),
        ("民再", _P.RETRIAL),
        ("民撤", _P.FIRST_INSTANCE),  # third-party action to revoke a judgment
        ("民特", _P.SPECIAL_PROCEDURE),
        ("民特监", _P.SUPERVISION),
        ("民催", _P.SPECIAL_PROCEDURE),  # public summons for exhortation
        ("民督", _P.SPECIAL_PROCEDURE),  # payment order
        ("民督监", _P.SUPERVISION),
        ("民破", _P.BANKRUPTCY),
        ("民算", _P.BANKRUPTCY),  # compulsory liquidation
        ("民他", _P.OTHER),
        # Bankruptcy and liquidation codes that replaced 民破 and 民算 in
        # later practice; not in the 2015 appendix.
        ("破申", _P.BANKRUPTCY),
        ("破", _P.BANKRUPTCY),
        ("破终", _P.SECOND_INSTANCE),
        ("破监", _P.SUPERVISION),
        ("强清", _P.BANKRUPTCY),
        ("强清终", _P.SECOND_INSTANCE),
        ("强清监", _P.SUPERVISION),
        # Pre-litigation mediation, used by courts; not in the 2015 appendix.
        ("民诉前调", _P.PRE_LITIGATION_MEDIATION),
    ),
    # 行政案件
    *_rows(
        _C.ADMINISTRATIVE,
        _K.ADMINISTRATIVE,
        ("行初", _P.FIRST_INSTANCE),
        ("行终", _P.SECOND_INSTANCE),
        ("行监", _P.RETRIAL_REVIEW),
        ("行申", _P.RETRIAL_REVIEW),
        ("行抗", _P.PROTEST),
        ("行再", _P.RETRIAL),
        ("行审", _P.NON_LITIGATION_REVIEW),
        ("行审复", _P.RECONSIDERATION),
        ("行他", _P.OTHER),
    ),
    # 国家赔偿案件, including administrative compensation suits.
    *_rows(
        _C.STATE_COMPENSATION,
        _K.STATE_COMPENSATION,
        ("行赔初", _P.FIRST_INSTANCE),
        ("行赔终", _P.SECOND_INSTANCE),
        ("行赔监", _P.RETRIAL_REVIEW),
        ("行赔申", _P.RETRIAL_REVIEW),
        ("行赔抗", _P.PROTEST),
        ("行赔再", _P.RETRIAL),
        ("法赔", _P.COMPENSATION_DECISION),
        ("委赔", _P.COMPENSATION_COMMITTEE),
        ("委赔监", _P.RETRIAL_REVIEW),
        ("委赔提", _P.RETRIAL),  # re-examined by the committee above
        ("委赔再", _P.RETRIAL),  # re-examined by the same committee
        ("赔他", _P.OTHER),
    ),
    # 司法救助案件
    *_rows(
        _C.OTHER,
        _K.JUDICIAL_RELIEF,
        ("司救刑", _P.JUDICIAL_RELIEF),
        ("司救民", _P.JUDICIAL_RELIEF),
        ("司救行", _P.JUDICIAL_RELIEF),
        ("司救赔", _P.JUDICIAL_RELIEF),
        ("司救执", _P.JUDICIAL_RELIEF),
        ("司救访", _P.JUDICIAL_RELIEF),
        ("司救他", _P.JUDICIAL_RELIEF),
    ),
    # 区际和国际司法协助案件
    *_rows(
        _C.OTHER,
        _K.JUDICIAL_ASSISTANCE,
        ("认台", _P.JUDICIAL_ASSISTANCE),
        ("认港", _P.JUDICIAL_ASSISTANCE),
        ("认澳", _P.JUDICIAL_ASSISTANCE),
        ("认复", _P.RECONSIDERATION),
        ("认他", _P.OTHER),
        ("请台送", _P.JUDICIAL_ASSISTANCE),
        ("请港送", _P.JUDICIAL_ASSISTANCE),
        ("请澳送", _P.JUDICIAL_ASSISTANCE),
        ("台请送", _P.JUDICIAL_ASSISTANCE),
        ("港请送", _P.JUDICIAL_ASSISTANCE),
        ("澳请送", _P.JUDICIAL_ASSISTANCE),
        ("请台调", _P.JUDICIAL_ASSISTANCE),
        ("请港调", _P.JUDICIAL_ASSISTANCE),
        ("请澳调", _P.JUDICIAL_ASSISTANCE),
        ("台请调", _P.JUDICIAL_ASSISTANCE),
        ("港请调", _P.JUDICIAL_ASSISTANCE),
        ("澳请调", _P.JUDICIAL_ASSISTANCE),
        ("请移管", _P.JUDICIAL_ASSISTANCE),
        ("助移管", _P.JUDICIAL_ASSISTANCE),
        ("请移赃", _P.JUDICIAL_ASSISTANCE),
        ("助移赃", _P.JUDICIAL_ASSISTANCE),
        ("协外认", _P.JUDICIAL_ASSISTANCE),
        ("协他", _P.OTHER),
        ("协外送", _P.JUDICIAL_ASSISTANCE),
        ("请外送", _P.JUDICIAL_ASSISTANCE),
        ("协外调", _P.JUDICIAL_ASSISTANCE),
        ("请外调", _P.JUDICIAL_ASSISTANCE),
        ("请外移", _P.JUDICIAL_ASSISTANCE),
        ("协外移", _P.JUDICIAL_ASSISTANCE),
        ("请外引", _P.JUDICIAL_ASSISTANCE),
        ("协外引", _P.JUDICIAL_ASSISTANCE),
    ),
    # 司法制裁案件
    *_rows(
        _C.OTHER,
        _K.JUDICIAL_SANCTION,
        ("司惩", _P.JUDICIAL_SANCTION),
        ("司惩复", _P.RECONSIDERATION),
    ),
    # 非诉保全审查案件: 行保 is conduct preservation, not an administrative case.
    *_rows(
        _C.OTHER,
        _K.PRESERVATION,
        ("财保", _P.PRESERVATION),
        ("行保", _P.PRESERVATION),
        ("行保复", _P.RECONSIDERATION),
        ("证保", _P.PRESERVATION),
    ),
    # 执行案件
    *_rows(
        _C.ENFORCEMENT,
        _K.ENFORCEMENT,
        ("执", _P.ENFORCEMENT_IMPLEMENTATION),
        ("执恢", _P.ENFORCEMENT_IMPLEMENTATION),
        ("执保", _P.ENFORCEMENT_IMPLEMENTATION),
        ("执异", _P.ENFORCEMENT_OBJECTION),
        ("执复", _P.ENFORCEMENT_REVIEW),
        ("执监", _P.ENFORCEMENT_SUPERVISION),
        ("执协", _P.ENFORCEMENT_COORDINATION),
        ("执他", _P.OTHER),
    ),
)

CASE_TYPES_BY_CODE = {case_type.code: case_type for case_type in CASE_TYPES}
MAX_TYPE_CODE_LENGTH = max(len(code) for code in CASE_TYPES_BY_CODE)

# Specialised-trial codes stand between the court code and the type code, as
# in （2019）最高法知民终1号 from the SPC's intellectual property tribunal.
SPECIALISED_TRIAL_CODES = {
    "知": _("Intellectual property"),
}


def match_case_type(text):
    """Return the longest case type whose code starts ``text``, or None."""
    for length in range(min(MAX_TYPE_CODE_LENGTH, len(text)), 0, -1):
        case_type = CASE_TYPES_BY_CODE.get(text[:length])
        if case_type is not None:
            return case_type
    return None
