"""Reader pages read from the replica; staff, writes and commands use the primary."""

import pytest
from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom.routers import ReplicaMiddleware, ReplicaRouter, replica_reads

router = ReplicaRouter()


def read_database_for(request):
    """The database a view answering `request` would read from."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(Article))
        return HttpResponse()

    ReplicaMiddleware(view)(request)
    return seen[0]


def test_readers_read_from_the_replica():
    assert read_database_for(RequestFactory().get("/lo/")) == "replica"
    assert read_database_for(RequestFactory().head("/en/search/?q=x")) == "replica"


def test_staff_and_writes_use_the_primary():
    staff = RequestFactory().get("/lo/")
    staff.COOKIES[settings.SESSION_COOKIE_NAME] = "session"
    assert read_database_for(staff) == "default"
    assert read_database_for(RequestFactory().post("/lo/")) == "default"
    assert read_database_for(RequestFactory().get(f"/{settings.ADMIN_URL}")) == "default"


def test_outside_a_reader_request_everything_uses_the_primary():
    assert router.db_for_read(Article) == "default"
    with replica_reads():
        assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


@pytest.mark.django_db(databases=["default", "replica"], transaction=True)
@override_settings(DATABASE_ROUTERS=["newsroom.routers.ReplicaRouter"])
def test_a_reader_page_is_read_from_the_replica(client, seed_article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    # The navigation's sections are read once from the primary, then kept in the cache.
    client.get(seed_article.url_in("lo"))
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        assert client.get(seed_article.url_in("lo")).status_code == 200
    assert replica.captured_queries and not primary.captured_queries
