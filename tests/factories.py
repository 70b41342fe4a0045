"""factory_boy factories for the personas and objects the tests need."""

from __future__ import annotations

import datetime as _datetime

import factory
from allauth.account.models import EmailAddress

from accounts.models import NewcomerProfile, Role, User
from applications.models import Application, ApplicationEvent
from listings.models import Listing, ListingKind, ListingStatus, ScreeningQuestion
from listings.services import listing_update_search_vector
from organisations.models import MemberRights, Membership, Organisation
from reference.models import Kommune

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    role = Role.NEWCOMER
    language = "nb"
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and self.email:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def serves(self, create: bool, extracted: tuple[str, ...] | None, **kwargs: object) -> None:
        if create and extracted:
            self.kommuner.set(Kommune.objects.filter(number__in=extracted))


class NewcomerFactory(UserFactory):
    role = Role.NEWCOMER

    @factory.post_generation
    def profile(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            NewcomerProfile.objects.get_or_create(user=self)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    orgnr = factory.Iterator(["988077917", "974760673", "937884117", "983971636"])
    name = factory.Faker("company")
    kommune_id = "0301"
    aga_zone = "I"
    employees = 20
    verified = True


def make_employer(organisation: Organisation, **kwargs: object) -> User:
    user = UserFactory(role=Role.EMPLOYER, **kwargs)
    Membership.objects.create(organisation=organisation, user=user, rights=MemberRights.ADMIN)
    return user


# Listings and applications.


class ListingFactory(factory.django.DjangoModelFactory[Listing]):
    """A published nystartsjobb as a baker in Oslo, open for applications for a month."""

    class Meta:
        model = Listing
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ListingKind.NYSTARTSJOBB
    status = ListingStatus.PUBLISHED
    title = factory.Sequence(lambda n: f"Bakeriarbeider {n}")
    description = "Du baker brød og boller sammen med oss. Vi lærer deg opp."
    occupation_id = "7512"
    kommune_id = "0301"
    position_percent = 100
    start_date = factory.LazyFunction(lambda: _datetime.date.today() + _datetime.timedelta(days=60))
    monthly_wage = 32000
    deadline = factory.LazyFunction(lambda: _datetime.date.today() + _datetime.timedelta(days=30))
    published_at = factory.LazyFunction(lambda: _datetime.datetime.now(tz=_datetime.UTC))

    @factory.post_generation
    def indexed(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            listing_update_search_vector(listing=self)


class ScreeningQuestionFactory(factory.django.DjangoModelFactory[ScreeningQuestion]):
    class Meta:
        model = ScreeningQuestion

    listing = factory.SubFactory(ListingFactory)
    text = "Kan du jobbe tidlig om morgenen?"
    required_answer = True


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    listing = factory.SubFactory(ListingFactory)
    applicant = factory.SubFactory(NewcomerFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = "submitted"

    @factory.post_generation
    def submitted_event(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            ApplicationEvent.objects.create(
                application=self, from_status="", to_status="submitted", by=self.applicant
            )
