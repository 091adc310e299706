"""On PostgreSQL, the stored teasers stay in the release's row, and stored parts are
compressed with LZ4.

Lists read three fields of each release's stored teasers (articles/rendered.py,
teaser_columns), and PostgreSQL fetches and decompresses the value for each.
With the table's toast_tuple_target of 128 (0007), the teasers (about 1.6 KB
compressed) went to the TOAST table, compressed with pglz: a third of the home
page's query was reading them back. Kept in the row (storage MAIN) and compressed
with LZ4, the home page's query executes in 0.045 ms instead of 0.15, a month's
in 0.057 instead of 0.16, at 100,000 releases (docs/benchmarks.md). The rendered
parts, read once a page and about 11 KB compressed, stay out of the row.

Values already stored keep their old form until they are stored again: this file
changes the deployed fingerprint, so each release's parts are rendered and stored
anew on their next view. SQLite is left as it is; a PostgreSQL without LZ4 keeps
its default compression.
"""

from django.db import migrations


def _has_lz4(cursor):
    cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
    row = cursor.fetchone()
    return row is not None and "lz4" in row[0]


def _alter(schema_editor, teasers_storage, compression):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        lz4 = _has_lz4(cursor)
    changes = [f"ALTER COLUMN {schema_editor.quote_name('teasers')} SET STORAGE {teasers_storage}"]
    if lz4:
        changes += [
            f"ALTER COLUMN {schema_editor.quote_name(column)} SET COMPRESSION {compression}"
            for column in ("teasers", "rendered")
        ]
    table = schema_editor.quote_name("articles_article")
    schema_editor.execute(f"ALTER TABLE {table} {', '.join(changes)}")


def keep_in_row_with_lz4(apps, schema_editor):
    _alter(schema_editor, "MAIN", "lz4")


def restore_defaults(apps, schema_editor):
    _alter(schema_editor, "EXTENDED", "DEFAULT")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_stored_parts"),
    ]

    operations = [migrations.RunPython(keep_in_row_with_lz4, restore_defaults)]
