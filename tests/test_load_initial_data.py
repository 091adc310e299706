from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def load():
    output = StringIO()
    call_command("load_initial_data", stdout=output)
    return output.getvalue()


def test_loads_the_seed_release_once_and_keeps_editors_changes():
    assert "Loaded 5 new record(s); kept 0" in load()
    article = Article.objects.get(pk=1)
    assert article.is_live and article.has_language("en")
    assert article.section.slug == "digital-government"
    assert article.topics.count() == 3

    article.title_en = "Edited by an editor"
    article.save()
    assert "Loaded 0 new record(s); kept 5" in load()
    assert Article.objects.get(pk=1).title_en == "Edited by an editor"
    assert Article.objects.count() == 1


def test_new_releases_get_fresh_ids_after_loading(seed_article):
    """On PostgreSQL the id sequence must move past the fixture's ids."""
    added = Article.objects.create(title_lo="ຂ່າວໃໝ່", body_lo="ເນື້ອໃນ")
    assert added.pk > seed_article.pk
