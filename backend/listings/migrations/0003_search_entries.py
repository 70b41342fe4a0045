import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


# The columns an entry copies from its listing, in the table's order.
COLUMNS = (
    "search_vector",
    "published_at",
    "deadline",
    "kind",
    "kommune_id",
    "bydel_id",
    "occupation_id",
    "position_percent",
    "start_date",
    "norwegian_spoken",
    "norwegian_written",
    "workplace_languages",
)
# And two the facet counts group by, made once here rather than on every search.
DERIVED = {
    "start_month": "date_trunc('month', {row}start_date)::date",
    "workplace_languages_text": "{row}workplace_languages::text",
}
_LISTED = ", ".join([*COLUMNS, *DERIVED])
_FROM_NEW = ", ".join(
    [*(f"NEW.{column}" for column in COLUMNS), *(sql.format(row="NEW.") for sql in DERIVED.values())]
)
_FROM_TABLE = ", ".join([*COLUMNS, *(sql.format(row="") for sql in DERIVED.values())])
_UPDATED = ", ".join(f"{column} = EXCLUDED.{column}" for column in [*COLUMNS, *DERIVED])

CREATE = [
    """
    CREATE TABLE listings_searchentry (
        listing_id bigint PRIMARY KEY,
        search_vector tsvector,
        published_at timestamp with time zone,
        deadline date NOT NULL,
        kind varchar(20) NOT NULL,
        kommune_id varchar(4) NOT NULL,
        bydel_id varchar(6),
        occupation_id varchar(4) NOT NULL,
        position_percent smallint NOT NULL,
        start_date date NOT NULL,
        norwegian_spoken varchar(2) NOT NULL,
        norwegian_written varchar(2) NOT NULL,
        workplace_languages jsonb NOT NULL,
        start_month date NOT NULL,
        workplace_languages_text text NOT NULL
    )
    """,
    "CREATE INDEX searchentry_words ON listings_searchentry USING gin (search_vector)",
    # A word may name an occupation: that part of the match is a BitmapOr with the words.
    "CREATE INDEX searchentry_occupation ON listings_searchentry (occupation_id)",
    f"""
    CREATE FUNCTION listings_searchentry_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.status <> 'published') THEN
            DELETE FROM listings_searchentry WHERE listing_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
            INSERT INTO listings_searchentry (listing_id, {_LISTED})
            VALUES (NEW.id, {_FROM_NEW})
            ON CONFLICT (listing_id) DO UPDATE SET {_UPDATED};
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER listings_searchentry_keep
    AFTER INSERT OR UPDATE OR DELETE ON listings_listing
    FOR EACH ROW EXECUTE FUNCTION listings_searchentry_keep()
    """,
    # TRUNCATE fires no row trigger: emptying the listings (Django's flush between tests does)
    # empties their entries too.
    """
    CREATE FUNCTION listings_searchentry_empty() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE listings_searchentry;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER listings_searchentry_empty
    AFTER TRUNCATE ON listings_listing
    FOR EACH STATEMENT EXECUTE FUNCTION listings_searchentry_empty()
    """,
    f"""
    INSERT INTO listings_searchentry (listing_id, {_LISTED})
    SELECT id, {_FROM_TABLE} FROM listings_listing WHERE status = 'published'
    """,
    "ANALYZE listings_searchentry",
]

DROP = [
    "DROP TRIGGER IF EXISTS listings_searchentry_keep ON listings_listing",
    "DROP FUNCTION IF EXISTS listings_searchentry_keep()",
    "DROP TRIGGER IF EXISTS listings_searchentry_empty ON listings_listing",
    "DROP FUNCTION IF EXISTS listings_searchentry_empty()",
    "DROP TABLE IF EXISTS listings_searchentry",
]


def _forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def _backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    """The published listings' searchable columns in a table of their own, kept by a trigger
    on PostgreSQL (see listings.models.SearchEntry); SQLite has the model's state only."""

    dependencies = [
        ("listings", "0002_search_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "listing",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="listings.listing",
                    ),
                ),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("published_at", models.DateTimeField(null=True)),
                ("deadline", models.DateField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("praksisplass", "Work practice (praksisplass)"),
                            ("innstegsjobb", "Entry job with Norwegian tuition (innstegsjobb)"),
                            ("nystartsjobb", "Job with the nystartsjobb relief"),
                            ("trainee", "Trainee post"),
                            ("laereplass", "Apprenticeship (læreplass)"),
                        ],
                        max_length=20,
                    ),
                ),
                ("position_percent", models.PositiveSmallIntegerField()),
                ("start_date", models.DateField()),
                ("norwegian_spoken", models.CharField(max_length=2)),
                ("norwegian_written", models.CharField(max_length=2)),
                ("workplace_languages", models.JSONField(default=list)),
                ("start_month", models.DateField()),
                ("workplace_languages_text", models.TextField()),
            ],
            options={
                "db_table": "listings_searchentry",
                "managed": False,
            },
        ),
        migrations.RunPython(_forwards, _backwards),
    ]
