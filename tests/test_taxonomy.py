from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from articles import models
from articles.models import Article, Section, Topic
from tests.conftest import publish, related_to

pytestmark = pytest.mark.django_db


def test_names_follow_the_page_language_and_addresses_stay_ascii():
    section = Section.objects.create(
        name_lo="ລັດຖະບານດີຈິຕອນ", name_en="Digital government", slug="digital-government"
    )
    topic = Topic.objects.create(name_lo="ສ ເກົາຫຼີ", name_en="Republic of Korea", slug="korea")
    for language, name in (("lo", "ລັດຖະບານດີຈິຕອນ"), ("en", "Digital government")):
        with translation.override(language):
            assert section.name == name
            assert section.get_absolute_url() == f"/{language}/sections/digital-government/"
            assert topic.get_absolute_url() == f"/{language}/topics/korea/"
    assert str(section) == "ລັດຖະບານດີຈິຕອນ" and str(topic) == "ສ ເກົາຫຼີ"


def test_sections_keep_their_editorial_order():
    Section.objects.create(name_lo="ກ", name_en="B", slug="b", position=2)
    Section.objects.create(name_lo="ຂ", name_en="A", slug="a", position=1)
    assert [section.slug for section in Section.objects.all()] == ["a", "b"]


@pytest.mark.django_db
def test_related_releases_weigh_shared_topics_among_the_newest_candidates(monkeypatch):
    # The newest three of each way, the release itself among them.
    monkeypatch.setattr(models, "RELATED_CANDIDATES", 3)
    section = Section.objects.create(slug="posts", name_lo="ໄປສະນີ")
    topic = Topic.objects.create(slug="stamps", name_lo="ສະແຕມ")

    def release(days, **fields):
        return publish(published_at=timezone.now() - timedelta(days=days), **fields)

    article = release(0, section=section, topics=[topic])
    old_same_topic = release(30, topics=[topic])
    newest_in_section = [release(days, section=section) for days in (1, 2)]
    oldest_in_section = release(3, section=section)
    assert list(related_to(article)) == [old_same_topic, *newest_in_section]
    assert oldest_in_section not in related_to(article)


def test_topics_carried_in_the_row_are_the_related_topics_in_order(django_assert_num_queries):
    korea = Topic.objects.create(slug="korea", name_lo="ເກົາຫຼີ", name_en="Korea")
    budget = Topic.objects.create(slug="budget", name_lo="ງົບປະມານ", name_en="Budget")
    tagged = publish(topics=[korea, budget])
    untagged = publish()
    assert connection.features.supports_json_field  # SQLite asks once, with queries of its own
    with django_assert_num_queries(1):
        carried = {article.pk: article for article in Article.objects.with_topics()}
        assert carried[tagged.pk].topic_list == [budget, korea]
        assert carried[untagged.pk].topic_list == []
        with translation.override("en"):
            assert [topic.name for topic in carried[tagged.pk].topic_list] == ["Budget", "Korea"]
        with translation.override("lo"):
            assert [topic.name for topic in carried[tagged.pk].topic_list] == ["ງົບປະມານ", "ເກົາຫຼີ"]
    assert Article.objects.get(pk=tagged.pk).topic_list == [budget, korea]


def test_related_releases_without_topics_come_from_the_section_newest_first(
    django_assert_num_queries,
):
    section = Section.objects.create(slug="posts", name_lo="ໄປສະນີ")
    older, newer = (
        publish(section=section, published_at=timezone.now() - timedelta(days=days))
        for days in (2, 1)
    )
    publish()  # in no section, shares nothing
    untagged = publish(section=section)
    assert list(related_to(untagged)) == [newer, older]
    assert [release.common_topics for release in related_to(untagged)] == [0, 0]
    alone = publish()
    with django_assert_num_queries(1):  # its topics; no query looks for related releases
        assert list(related_to(alone)) == []


def test_a_section_page_follows_its_section_at_once(client, db, settings):
    """Section pages find their section among the navigation's, kept in the cache."""
    settings.PAGE_CACHE_SECONDS = 0
    assert client.get("/en/sections/farming/").status_code == 404
    section = Section.objects.create(slug="farming", name_lo="ກະສິກຳ", name_en="Farming")
    assert "Farming" in client.get("/en/sections/farming/").text
    section.name_en = "Agriculture"
    section.save()
    assert "Agriculture" in client.get("/en/sections/farming/").text
    section.delete()
    assert client.get("/en/sections/farming/").status_code == 404


def test_a_section_missing_from_a_stale_navigation_is_still_served(client, db, settings):
    """The kept list may lag a database restored behind Django's back: no 404 for that."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/")  # keeps the (empty) list of sections
    Section.objects.bulk_create([Section(slug="farming", name_lo="ກະສິກຳ", name_en="Farming")])
    assert "Farming" in client.get("/en/sections/farming/").text
