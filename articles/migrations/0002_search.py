import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

import articles.search


def write_search_vectors(apps, schema_editor):
    """Releases saved before search existed get their search lexemes now."""
    Article = apps.get_model("articles", "Article")
    vendor = schema_editor.connection.vendor
    for article in Article.objects.all():
        article.search_vector = articles.search.article_document(article, vendor)
        article.save(update_fields=["search_vector"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(write_search_vectors, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="article_search_vector"
            ),
        ),
    ]
