"""factory_boy factories for the personas and objects the tests need."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from accounts.models import NewcomerProfile, Role, User
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
