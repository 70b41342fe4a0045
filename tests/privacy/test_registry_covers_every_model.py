"""Every model that links to a person is in privacy.registry: the rights keep up with the data.

A link is a ForeignKey, OneToOne or ManyToMany to the user model (through tables included), or
a key to a row that is a person's data (an answer of their application, an event of their
agreement, the confirmation of their email address), over every installed app: allauth's,
oauth-toolkit's and Django's own included.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from privacy.registry import ENTRIES, OnDelete, entries


def _links(model: type[models.Model], target: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is target
    ]


def _registered() -> dict[str, set[str]]:
    paths: dict[str, set[str]] = {}
    for entry in entries():
        paths.setdefault(entry.model, set()).add(entry.person)
    return paths


def test_every_direct_link_to_the_user_model_is_registered() -> None:
    user_model = get_user_model()
    registered = _registered()
    missing = [
        f"{model._meta.label}.{name}"
        for model in apps.get_models(include_auto_created=True)
        for name in _links(model, user_model)
        if name not in registered.get(model._meta.label, set())
    ]
    assert missing == [], f"add these to privacy.registry: {missing}"


def test_every_row_under_a_persons_data_is_registered() -> None:
    """Walk down from each table that is a person's data: whatever points at it is theirs too."""
    about_person = {entry.model for entry in entries() if entry.about_person}
    user_label = get_user_model()._meta.label
    about_person.discard(user_label)  # the direct links are checked above
    seen: set[str] = set()
    missing: list[str] = []
    queue = sorted(about_person)
    while queue:
        label = queue.pop()
        if label in seen:
            continue
        seen.add(label)
        target = apps.get_model(label)
        for model in apps.get_models(include_auto_created=True):
            for name in _links(model, target):
                child = model._meta.label
                if child not in about_person:
                    missing.append(f"{child}.{name} -> {label}")
                else:
                    queue.append(child)
    assert missing == [], f"add these to privacy.registry: {missing}"


def test_every_entry_names_a_real_lookup_and_real_fields(db: None) -> None:
    for entry in entries():
        entry.rows(0).exists()  # a wrong lookup raises FieldError
        for name in entry.fields:
            entry.model_class._meta.get_field(name)
        assert entry.reason, entry
        assert entry.on_delete in OnDelete


def test_the_consent_hook_is_left_for_accounts_consent() -> None:
    assert [entry for entry in ENTRIES if entry.model == "accounts.Consent"]


def test_the_user_models_own_many_to_many_tables_are_registered() -> None:
    user_model = get_user_model()
    registered = _registered()
    for field in user_model._meta.many_to_many:
        through = field.remote_field.through._meta.label  # type: ignore[union-attr]
        assert through in registered, through
