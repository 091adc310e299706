from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def make(**fields):
    fields.setdefault("title_lo", "ຂ່າວທົດລອງ")
    fields.setdefault("body_lo", "ເນື້ອໃນຂ່າວ")
    return Article.objects.create(**fields)


def test_published_means_released_and_due():
    past = timezone.now() - timedelta(hours=1)
    future = timezone.now() + timedelta(hours=1)
    live = make(status=Article.Status.PUBLISHED, published_at=past)
    due = make(status=Article.Status.SCHEDULED, published_at=past)
    make(status=Article.Status.DRAFT, published_at=past)
    make(status=Article.Status.SCHEDULED, published_at=future)
    assert set(Article.objects.published()) == {live, due}


def test_publishing_without_a_time_publishes_now():
    before = timezone.now()
    article = make(status=Article.Status.PUBLISHED)
    assert before <= article.published_at <= timezone.now()
    assert article.is_live


def test_publishing_with_a_future_time_schedules():
    article = make(status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1))
    assert article.status == Article.Status.SCHEDULED
    assert not article.is_live


def test_a_draft_has_no_publication_time():
    assert make().published_at is None


def test_save_applies_the_invisible_lao_fixes_in_every_translated_field():
    article = make(
        title_lo="ນໍາ\u200bໃຊ້",
        summary_lo="ເເລະ",
        body_lo="ຫນ້າ",
        source_lo="ກ່ີ",
        title_en="Zero\u200bwidth",
        body_en="English",
    )
    article.refresh_from_db()
    assert (article.title_lo, article.summary_lo, article.body_lo, article.source_lo) == (
        "ນຳໃຊ້",
        "ແລະ",
        "ໜ້າ",
        "ກີ່",
    )
    assert article.title_en == "Zerowidth"


def test_slug_is_ascii_from_the_english_title_and_kept_afterwards():
    article = make(title_en="Digital Government: KSP Closing Meeting", body_en="Text")
    assert article.slug == "digital-government-ksp-closing-meeting"
    article.title_en = "A new headline"
    article.save()
    assert article.slug == "digital-government-ksp-closing-meeting"


def test_lao_only_release_gets_a_neutral_ascii_slug():
    article = make(status=Article.Status.PUBLISHED)
    assert article.slug == ""
    assert article.get_absolute_url().endswith(f"/{article.pk}-release/")


def test_url_carries_year_month_id_and_slug_in_each_language():
    article = make(
        title_en="Closing meeting",
        body_en="Text",
        status=Article.Status.PUBLISHED,
        published_at=timezone.make_aware(timezone.datetime(2022, 8, 24, 9)),
    )
    assert article.url_in("lo") == f"/lo/news/2022/08/{article.pk}-closing-meeting/"
    assert article.url_in("en") == f"/en/news/2022/08/{article.pk}-closing-meeting/"


def test_language_versions_and_explicit_fallback():
    article = make(summary_lo="ສະຫຼຸບ")
    assert article.languages == ["lo"]
    english = article.version("en")
    assert (english.language, english.is_fallback, english.title) == ("lo", True, "ຂ່າວທົດລອງ")
    article.title_en, article.body_en = "Test release", "Body"
    assert article.languages == ["lo", "en"]
    english = article.version("en")
    assert (english.language, english.is_fallback, english.summary) == ("en", False, "")


def test_an_image_needs_alt_text_in_every_language_version():
    image = SimpleUploadedFile("photo.png", b"not checked here", content_type="image/png")
    article = Article(title_lo="ຂ່າວ", body_lo="ເນື້ອໃນ", title_en="News", body_en="Text")
    article.image = image
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert set(error.value.message_dict) == {"image_alt_lo", "image_alt_en"}
    article.image_alt_lo, article.image_alt_en = "ຮູບ", "Photo"
    article.clean()
