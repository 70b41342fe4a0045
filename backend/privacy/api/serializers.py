"""The shapes of the exports, for the OpenAPI schema. The views answer the selectors' dicts."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class PersonExportSerializer(serializers.Serializer[dict[str, Any]]):
    format = serializers.CharField(help_text="innsteg-personal-data/1")
    generated_at = serializers.DateTimeField()
    person_id = serializers.IntegerField()
    sections = serializers.DictField(
        child=serializers.ListField(child=serializers.DictField()),
        help_text="One list of rows per table that holds the person's data (privacy.registry).",
    )


class OrganisationExportSerializer(serializers.Serializer[dict[str, Any]]):
    format = serializers.CharField(help_text="innsteg-organisation-data/1")
    generated_at = serializers.DateTimeField()
    organisation = serializers.DictField()
    members = serializers.ListField(child=serializers.DictField())
    invitations = serializers.ListField(child=serializers.DictField())
    listings = serializers.ListField(child=serializers.DictField())
    applications = serializers.ListField(
        child=serializers.DictField(),
        help_text="As the organisation's people see them: anonymous review, withdrawn and "
        "deleted applicants respected.",
    )
    agreements = serializers.ListField(child=serializers.DictField())
