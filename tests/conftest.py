import io
import shutil
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from articles import rendered
from articles.models import Article, Attachment, Section, Topic

SEED_PK = 1
SEED_URL_LO = "/lo/news/2022/08/1-meeting-concludes-digital-government-policy-research/"
SEED_URL_EN = "/en/news/2022/08/1-meeting-concludes-digital-government-policy-research/"


def blank_pdf():
    """A real one-page PDF, as the upload checks read it."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = blank_pdf()


def pytest_sessionfinish(session):
    """The run's own cache folder (newsroom/settings/test.py) goes with the run, also
    with one that ran no test."""
    shutil.rmtree(settings.CACHES["default"]["LOCATION"], ignore_errors=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as a new server does: pages a test
    cached must not answer the next test's requests."""
    cache.clear()


@pytest.fixture
def uncached(settings):
    """The page cache off: every reader page is rendered, as on a cache miss."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def staff(db, client):
    """Log the client in as a new account with one role."""

    def login(role):
        user = User.objects.create_user(role.lower(), password="x")
        call_command("add_to_role", user.username, role, stdout=io.StringIO())
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return login


@pytest.fixture
def seed_article(db):
    """The first real release, loaded from fixtures/ as `make run` loads it."""
    call_command("load_initial_data", stdout=io.StringIO())
    return Article.objects.get(pk=SEED_PK)


def photo_upload(width=1600, height=900, name="meeting.jpg"):
    """A camera-sized photo: wide enough that every rendition width is made."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 79, 138)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_upload(name="decision.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def publish(**fields):
    """A published release; Lao title and body are filled in unless given."""
    fields.setdefault("title_lo", "ຂ່າວທົດລອງ")
    fields.setdefault("body_lo", "ເນື້ອໃນຂ່າວ")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(days=1))
    topics = fields.pop("topics", ())
    article = Article.objects.create(**fields)
    article.topics.set(topics)
    return article


@pytest.fixture
def related_release(seed_article):
    """A second release in the seed's section and topic, with a photo and official PDFs."""
    article = publish(
        title_lo="ກອງປະຊຸມລັດຖະບານດີຈິຕອນ",
        body_lo="ເນື້ອໃນຂ່າວ",
        title_en="Digital government meeting",
        body_en="Body text",
        summary_en="A second release.",
        slug="digital-government-meeting",
        published_at=timezone.make_aware(datetime(2022, 9, 5, 10)),
        section=Section.objects.get(slug="digital-government"),
        topics=[Topic.objects.get(slug="korea")],
        image=photo_upload(),
        image_alt_lo="ຫ້ອງປະຊຸມ",
        image_alt_en="The meeting room",
    )
    Attachment.objects.create(
        article=article, language="lo", title="ຂໍ້ຕົກລົງ", file=pdf_upload("lo.pdf")
    )
    Attachment.objects.create(
        article=article, language="en", title="Decision", file=pdf_upload("en.pdf")
    )
    return Article.objects.get(pk=article.pk)


def related_to(article):
    """The releases its page offers as related, as the page asks for them: those of its
    section and topics, itself left out."""
    topics = [topic.pk for topic in article.topic_list]
    related = Article.objects.related_to(
        article.section_id, topics, limit=rendered.RELATED_RELEASES + 1
    )
    return [release for release in related if release.pk != article.pk][: rendered.RELATED_RELEASES]
