"""Every sentence the rules can say, as English source strings with ``%(name)s`` placeholders.

The strings are marked with ``gettext_noop`` so that Django's ``makemessages`` extracts them; the
caller's ``translate`` turns them into the reader's language before the parameters are filled in.
Change a string here and every translation of it has to be redone, so change them with care.
"""

from __future__ import annotations

from .translation import gettext_noop

# --- target groups ---------------------------------------------------------------------------

NEWCOMER_PERMIT_WITHIN_WINDOW = gettext_noop(
    "The residence permit was granted %(months)s months before the application (limit %(limit)s)."
)
NEWCOMER_NO_PERMIT = gettext_noop(
    "There is no residence permit to count the newcomer window from (limit %(limit)s months)."
)
NEWCOMER_PERMIT_KIND = gettext_noop(
    "The residence permit is of kind %(kind)s (kinds that count: %(kinds)s)."
)
NEWCOMER_PERMIT_KIND_MISSING = gettext_noop(
    "There is no residence permit (kinds that count: %(kinds)s)."
)
NEWCOMER_IN_PROGRAMME = gettext_noop("The person takes part in the introduction programme.")
NEWCOMER_NOT_IN_PROGRAMME = gettext_noop(
    "The person does not take part in the introduction programme."
)
LTU_OUT_OF_WORK = gettext_noop(
    "Out of work %(months)s of the %(window)s months before the application "
    "(at least %(required)s needed at age %(age)s)."
)
LTU_TOO_YOUNG = gettext_noop(
    "Aged %(age)s on the start date: the long-term unemployed group starts at age %(min_age)s."
)
TARGET_GROUP_NEWCOMER = gettext_noop("The person is in the newcomer target group.")
TARGET_GROUP_LTU = gettext_noop("The person is in the long-term unemployed target group.")
TARGET_GROUP_NONE = gettext_noop(
    "The person is neither a newcomer nor long-term unemployed, so no target group applies."
)
TARGET_GROUP_NOT_NEWCOMER = gettext_noop(
    "The person is not a newcomer, and an innstegsjobb is only for newcomers."
)

# --- conditions on everyone ------------------------------------------------------------------

MINIMUM_AGE = gettext_noop("Aged %(age)s on the start date (at least %(limit)s required).")
AGE_LIMIT_PERIOD = gettext_noop(
    "The subsidy period ends by %(last_day)s, the day before the %(age_limit)sth birthday."
)
AGE_LIMIT_REACHED = gettext_noop(
    "The person turns %(age_limit)s on %(birthday)s, on or before the start date."
)
ORGNR_VALID = gettext_noop("The organisation number %(orgnr)s passes the mod-11 check.")
ORGNR_INVALID = gettext_noop("The organisation number %(orgnr)s fails the mod-11 check.")
TAX_ARREARS = gettext_noop(
    "The employer owes NOK %(arrears)s in employer taxes (at most %(limit)s allowed)."
)
WAGE_MEETS_TARIFF = gettext_noop("The wage meets the collective agreement or its equivalent.")
WAGE_BELOW_TARIFF = gettext_noop(
    "The wage does not meet the collective agreement or its equivalent."
)
JOB_STARTS_AFTER_APPLICATION = gettext_noop(
    "The job starts on %(start_date)s, not before the application of %(application_date)s."
)
JOB_STARTED_BEFORE_APPLICATION = gettext_noop(
    "The job started before the application of %(application_date)s."
)
NO_OTHER_WAGE_SUBSIDY = gettext_noop(
    "No other wage subsidy is paid for the same person and period."
)
OTHER_WAGE_SUBSIDY = gettext_noop(
    "Another wage subsidy is already paid for the same person and period."
)
OTHER_SUBSIDY_COVERS_START = gettext_noop(
    "The approved subsidy decision %(decision)s for the same person runs from %(start)s to "
    "%(end)s and covers the start date."
)
OTHER_SUBSIDY_LATER = gettext_noop(
    "No other wage subsidy until %(until)s; the approved subsidy decision %(decision)s for the "
    "same person runs from %(start)s to %(end)s, so this decision ends before it."
)
NO_FAMILY_TIE = gettext_noop("There is no family tie between the person and the employer.")
FAMILY_TIE = gettext_noop(
    "There is a family tie between the person and the employer, so the case goes to manual review."
)

# --- nystartsjobb ----------------------------------------------------------------------------

NYSTARTSSONE_BONUS = gettext_noop(
    "The business unit lies in the nystartssone district %(bydel)s and the firm has fewer than "
    "%(limit)s employees, so the factor rises by %(bonus)s."
)
NYSTARTSSONE_OUTSIDE = gettext_noop(
    "The business unit does not lie in a nystartssone district, so there is no bonus."
)
NYSTARTSSONE_TOO_LARGE = gettext_noop(
    "The firm has %(employees)s employees, not fewer than %(limit)s, so there is no nystartssone "
    "bonus."
)
NYSTARTSJOBB_FACTOR_NEWCOMER = gettext_noop("Factor %(factor)s for a newcomer.")
NYSTARTSJOBB_FACTOR_LTU = gettext_noop(
    "Factor %(factor)s for %(absence_months)s months out of work up to the application "
    "(gaps of up to %(gap_months)s months bridged)."
)
NYSTARTSJOBB_FACTOR_NEWCOMER_BONUS = gettext_noop(
    "Factor %(factor)s: %(base_factor)s for a newcomer plus a bonus of %(bonus)s."
)
NYSTARTSJOBB_FACTOR_LTU_BONUS = gettext_noop(
    "Factor %(factor)s: %(base_factor)s for %(absence_months)s months out of work up to the "
    "application (gaps of up to %(gap_months)s months bridged) plus a bonus of %(bonus)s."
)
NYSTARTSJOBB_AMOUNT = gettext_noop(
    "NOK %(amount)s a month: factor %(factor)s times %(rate)s times NOK %(base)s "
    "(the wage, at most the cap of NOK %(cap)s, with G %(g)s for %(month)s)."
)

# --- innstegsjobb ----------------------------------------------------------------------------

TUITION_ENROLLED = gettext_noop("The person is enrolled in Norwegian tuition.")
TUITION_NOT_ENROLLED = gettext_noop(
    "The person is not enrolled in Norwegian tuition, which an innstegsjobb requires."
)
INNSTEGSJOBB_WINDOW = gettext_noop(
    "The innstegsjobb must end by %(window_end)s, %(limit)s months from the residence permit."
)
INNSTEGSJOBB_WINDOW_CLOSED = gettext_noop(
    "The job starts after %(window_end)s, the end of the %(limit)s months from the residence "
    "permit."
)
INNSTEGSJOBB_WINDOW_EXEMPT = gettext_noop(
    "A participant in the introduction programme without a residence permit date has no window."
)
INNSTEGSJOBB_WINDOW_NO_PERMIT = gettext_noop(
    "There is no residence permit date to count the %(limit)s months from."
)
INNSTEGSJOBB_AMOUNT = gettext_noop(
    "NOK %(amount)s a month: %(share)s of a wage cost of NOK %(wage_cost)s, at most the cap of "
    "NOK %(cap)s (G %(g)s for %(month)s)."
)

# --- duration --------------------------------------------------------------------------------

ENTITLEMENT_MONTHS = gettext_noop(
    "Entitled to %(months)s months (at most %(limit)s under the rules), until %(end)s."
)
ENTITLEMENT_NONE = gettext_noop(
    "The rules give no months of entitlement (at most %(limit)s months)."
)
DECISION_PERIOD = gettext_noop(
    "This decision covers %(months)s of the %(entitlement_months)s months, from %(start)s to "
    "%(end)s (at most %(limit)s months per decision)."
)

# --- input errors ----------------------------------------------------------------------------

ERROR_REQUIRED = gettext_noop("This field is required.")
ERROR_UNKNOWN_FIELD = gettext_noop("Unknown field.")
ERROR_OBJECT = gettext_noop("Must be an object.")
ERROR_LIST = gettext_noop("Must be a list.")
ERROR_NOT_JSON = gettext_noop("Not valid JSON: %(detail)s.")
ERROR_REFERENCE = gettext_noop("Must be a reference of 1 to 100 characters.")
ERROR_STRING = gettext_noop("Must be a string.")
ERROR_BOOLEAN = gettext_noop("Must be true or false.")
ERROR_NUMBER = gettext_noop("Must be a number.")
ERROR_INTEGER = gettext_noop("Must be a whole number.")
ERROR_NOT_NEGATIVE = gettext_noop("Must not be negative.")
ERROR_DATE = gettext_noop("Must be a date written as YYYY-MM-DD.")
ERROR_MONTH = gettext_noop("Must be a month written as YYYY-MM.")
ERROR_CHOICE = gettext_noop("Must be one of: %(choices)s.")
ERROR_POSITION_PERCENT = gettext_noop("Must be more than 0 and at most 100.")
ERROR_RATE = gettext_noop("Must be at least 0 and less than 1.")
ERROR_ORGNR_FORMAT = gettext_noop("Must be 9 digits.")
ERROR_ORGNR_CHECKSUM = gettext_noop("Not a valid organisation number (the mod-11 check fails).")
ERROR_KOMMUNE = gettext_noop("Must be a kommune number of 4 digits.")
ERROR_KOMMUNE_UNKNOWN = gettext_noop("There is no kommune %(kommune)s in the kommune table.")
ERROR_ZONE_KOMMUNE = gettext_noop(
    "The kommune %(kommune)s lies in arbeidsgiveravgift zone %(zones)s, not %(zone)s."
)
ERROR_BYDEL = gettext_noop("Must be a bydel number of 6 digits.")
ERROR_BYDEL_KOMMUNE = gettext_noop("The bydel %(bydel)s does not lie in the kommune %(kommune)s.")
ERROR_PERIOD_END = gettext_noop("The end is before the start.")
ERROR_BIRTH_AFTER_START = gettext_noop("The birth date must be before the start date.")
ERROR_PERMIT_AFTER_APPLICATION = gettext_noop(
    "The residence permit cannot be granted after the application date."
)
ERROR_RATE_REQUIRED = gettext_noop("This field is required for an innstegsjobb.")
ERROR_UNKNOWN_RULE_SET = gettext_noop("Unknown rule set (known: %(choices)s).")
ERROR_NO_RULE_SET_IN_FORCE = gettext_noop(
    "No rule set is in force on %(date)s (the first applies from %(first)s)."
)
ERROR_RULE_SET_NOT_IN_FORCE = gettext_noop(
    "The rule set %(rule_set)s is not in force on %(date)s (it applies from %(valid_from)s)."
)
ERROR_RULE_SET_ENDED = gettext_noop(
    "The rule set %(rule_set)s is not in force on %(date)s (it applied until %(valid_to)s)."
)
ERROR_NO_GRUNNBELOP = gettext_noop("No grunnbeløp is known for %(month)s.")
ERROR_UNKNOWN_PARAMETER = gettext_noop("Unknown rule parameter.")
ERROR_PARAMETER_VALUE = gettext_noop("Not a valid value for this parameter: %(detail)s.")
