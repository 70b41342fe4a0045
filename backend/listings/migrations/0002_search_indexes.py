import django.contrib.postgres.indexes
from django.db import migrations, models


def _published_search_index() -> django.contrib.postgres.indexes.GinIndex:
    return django.contrib.postgres.indexes.GinIndex(
        fields=["search_vector"],
        name="listing_search_published",
        condition=models.Q(status="published"),
    )


def _all_search_index() -> django.contrib.postgres.indexes.GinIndex:
    return django.contrib.postgres.indexes.GinIndex(
        fields=["search_vector"], name="listing_search_gin"
    )


def _forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        listing = apps.get_model("listings", "Listing")
        schema_editor.remove_index(listing, _all_search_index())
        schema_editor.add_index(listing, _published_search_index())


def _backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        listing = apps.get_model("listings", "Listing")
        schema_editor.remove_index(listing, _published_search_index())
        schema_editor.add_index(listing, _all_search_index())


class Migration(migrations.Migration):
    """Search reads published listings only: the GIN index leaves the archive (closed and filled
    listings) out, and a partial b-tree gives the newest published listings in order."""

    dependencies = [("listings", "0001_initial")]

    operations = [
        # The GIN indexes exist on PostgreSQL only; SQLite (the embedded demo) has no such type.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="listing", name="listing_search_gin"),
                migrations.AddIndex(model_name="listing", index=_published_search_index()),
            ],
            database_operations=[migrations.RunPython(_forwards, _backwards)],
        ),
        migrations.AddIndex(
            model_name="listing",
            index=models.Index(
                condition=models.Q(status="published"),
                fields=["-published_at", "-id"],
                name="listing_published_newest",
            ),
        ),
    ]
