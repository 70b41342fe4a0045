"""factory_boy factories for development plans and the competence mapping."""

from __future__ import annotations

import factory

from plans.models import (
    Competence,
    CompetenceKind,
    DevelopmentPlan,
    Education,
    EducationLevel,
    PlanStep,
    StepKind,
)
from tests.factories import NewcomerFactory


class PlanFactory(factory.django.DjangoModelFactory[DevelopmentPlan]):
    """A plan aiming at work as a baker (STYRK 7512), from A1 to B1 Norwegian."""

    class Meta:
        model = DevelopmentPlan

    newcomer = factory.SubFactory(NewcomerFactory)
    goal_occupation_id = "7512"
    norwegian_spoken_now = "A2"
    norwegian_written_now = "A1"


class StepFactory(factory.django.DjangoModelFactory[PlanStep]):
    class Meta:
        model = PlanStep

    plan = factory.SubFactory(PlanFactory)
    kind = StepKind.NORWEGIAN_COURSE
    title = factory.Sequence(lambda n: f"Norskkurs {n}")


class CompetenceFactory(factory.django.DjangoModelFactory[Competence]):
    class Meta:
        model = Competence

    plan = factory.SubFactory(PlanFactory)
    kind = CompetenceKind.EXPERIENCE
    title = "Baker"


class EducationFactory(factory.django.DjangoModelFactory[Education]):
    class Meta:
        model = Education

    plan = factory.SubFactory(PlanFactory)
    level = EducationLevel.SECONDARY
    title = "Upper secondary school"
