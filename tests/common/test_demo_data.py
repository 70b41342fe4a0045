import pytest

from accounts.models import Role, User
from common.demo import seed_demo
from listings.models import Listing, ListingStatus
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_data_has_every_persona_and_loads_twice_without_change() -> None:
    logins = seed_demo()
    counts = (User.objects.count(), Organisation.objects.count(), Listing.objects.count())
    assert {login.role for login in logins} == {role.value for role in Role}
    assert len({u.language for u in User.objects.filter(role=Role.NEWCOMER)}) >= 5
    assert Organisation.objects.values("kommune").distinct().count() >= 3
    assert Listing.objects.filter(status=ListingStatus.PUBLISHED).count() >= 4
    seed_demo()
    assert (User.objects.count(), Organisation.objects.count(), Listing.objects.count()) == counts
