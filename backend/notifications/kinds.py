"""Which category each kind belongs to, who sees which categories, and the default channels."""

from __future__ import annotations

from accounts.models import Role, User
from notifications.models import Category, Channel, Kind

KIND_CATEGORY: dict[str, Category] = {
    Kind.APPLICATION_STATUS: Category.APPLICATIONS,
    Kind.APPLICATION_UNANSWERED: Category.APPLICANTS,
    Kind.INTERVIEW_TOMORROW: Category.INTERVIEWS,
    Kind.INTERVIEW_SOON: Category.INTERVIEWS,
    Kind.SAVED_LISTING_DEADLINE: Category.DEADLINES,
    Kind.OFFER_WAITING: Category.OFFERS,
    Kind.AGREEMENT_WAITING: Category.OFFERS,
    Kind.PERIOD_ENDING: Category.PERIODS,
    Kind.CASE_WAITING: Category.CASES,
    Kind.REFUND_CLAIM_DUE: Category.CASES,
    Kind.SEARCH_DIGEST: Category.SEARCHES,
    Kind.BUDDY_VOLUNTEER_DECIDED: Category.BUDDIES,
    Kind.BUDDY_PROPOSED: Category.BUDDIES,
    Kind.BUDDY_MATCHED: Category.BUDDIES,
    Kind.BUDDY_DECLINED: Category.BUDDIES,
    Kind.BUDDY_ENDED: Category.BUDDIES,
    Kind.BUDDY_CHECKIN_DUE: Category.BUDDIES,
    Kind.BUDDY_HORIZON: Category.BUDDIES,
    Kind.GUIDE_ASSIGNED: Category.GUIDANCE,
    Kind.GUIDE_MESSAGE: Category.GUIDANCE,
    Kind.GUIDE_SUGGESTION: Category.GUIDANCE,
    Kind.GUIDE_INTRODUCTION: Category.GUIDANCE,
    Kind.GUIDE_DIGEST: Category.GUIDANCE,
}

# Interview times, offers and agreements always reach the person in Innsteg; email and SMS for them
# can be switched off, the in-app message cannot.
NECESSARY: frozenset[str] = frozenset({Category.INTERVIEWS, Category.OFFERS})

ROLE_CATEGORIES: dict[str, tuple[Category, ...]] = {
    Role.NEWCOMER: (
        Category.APPLICATIONS,
        Category.INTERVIEWS,
        Category.OFFERS,
        Category.DEADLINES,
        Category.SEARCHES,
        Category.PERIODS,
        Category.BUDDIES,
        Category.GUIDANCE,
    ),
    Role.EMPLOYER: (
        Category.APPLICANTS,
        Category.INTERVIEWS,
        Category.OFFERS,
        Category.PERIODS,
        Category.CASES,
        Category.GUIDANCE,
    ),
    # Guides and veiledere coordinate buddy matches (buddies.selectors.coordinated_kommuner).
    Role.GUIDE: (Category.OFFERS, Category.PERIODS, Category.BUDDIES, Category.GUIDANCE),
    Role.VEILEDER: (Category.OFFERS, Category.PERIODS, Category.CASES, Category.BUDDIES),
    Role.BESLUTTER: (Category.CASES,),
    Role.ADMIN: tuple(Category),
    Role.VOLUNTEER: (Category.BUDDIES,),
}

ALL_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.IN_APP)


def categories_for(user: User) -> tuple[Category, ...]:
    return ROLE_CATEGORIES.get(user.role, ())


def default_channels(*, category: str, user: User) -> frozenset[str]:
    """In Innsteg and by email; SMS for what is necessary, or for people without email."""
    channels = {Channel.IN_APP, Channel.EMAIL}
    if category in NECESSARY or (not user.email and category != Category.SEARCHES):
        channels.add(Channel.SMS)
    return frozenset(channels)
