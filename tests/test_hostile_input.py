"""Random and malformed requests at every public address: never a 500, never a write.

Hypothesis builds paths, query strings and headers (Accept-Language, Cookie,
Host) around each URL pattern. The test client re-raises any exception a view
lets escape, so a crash fails the test with its traceback; every example also
sends no INSERT, UPDATE or DELETE, and no table has gained or lost a row at the end.
"""

from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_PK

MAX_EXAMPLES = 200

# What a WSGI server can hand Django in a header or query string: latin-1, no line breaks.
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"))
anything = st.text(max_size=40)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "1", str(SEED_PK), "00001", "1e9", "NaN", "९", "໑", "1.5", ""]),
)
# Each part is well formed often enough that the others reach the views behind it.
languages = st.one_of(
    st.just("lo"),
    st.just("en"),
    st.sampled_from(["LO", "en-gb", "fr", "zh-hant", "lo-LA", "", "..", "%00"]),
    st.text(max_size=12),
)
segments = st.one_of(
    anything,
    st.sampled_from(
        ["..", "../../etc/passwd", "%2e%2e/%2e%2e", "a%00b", "%ff%fe", "ລາວ", "//x", "x%00.png"]
    ),
)

PATTERNS = {
    "root": st.just("/"),
    "list": st.builds("/{}/".format, languages),
    "detail": st.builds(
        "/{}/news/{}/{}/{}-{}/".format, languages, numbers, numbers, numbers, segments
    ),
    "detail, well formed": st.builds(
        "/{}/news/2022/08/{}-{}/".format, st.sampled_from(["lo", "en"]), numbers, segments
    ),
    "short": st.builds("/{}/news/{}/".format, languages, numbers),
    "preview": st.builds("/{}/news/preview/{}/".format, languages, numbers),
    "media": st.builds("/media/{}".format, segments),
    "static": st.builds("/static/{}".format, segments),
    "admin login": st.just("/admin/login/"),
    "any path": st.builds("/{}".format, segments),
}

queries = st.one_of(
    st.builds("page={}".format, numbers.map(quote)),
    st.builds("page={}".format, header_text),
    header_text,
    st.dictionaries(anything, st.one_of(anything, numbers), max_size=4).map(urlencode),
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(
            header_text,
            st.sampled_from(["lo", "en-GB,en;q=0.9", "*", "lo;q=abc", "x" * 2000, ",,,;q=,"]),
        ),
        "HTTP_COOKIE": st.one_of(
            header_text,
            st.builds("sessionid={}; csrftoken={}; django_language={}".format, *[header_text] * 3),
        ),
        "HTTP_HOST": st.one_of(
            st.just("localhost"),
            st.sampled_from(["127.0.0.1:8000", "evil.example", "[::1]", "a" * 300, ""]),
            header_text,
        ),
        "HTTP_USER_AGENT": header_text,
        "HTTP_REFERER": header_text,
        "HTTP_X_FORWARDED_PROTO": header_text,
    },
)


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# The one write a reader's request may make: a release's parts, rendered again after a
# deploy or a change and stored for the next reader (articles/rendered.py).
STORING_PARTS = 'UPDATE "articles_article" SET "rendered" = '


def is_write(sql):
    sql = sql.lstrip()
    return sql.upper().startswith(WRITES) and not sql.startswith(STORING_PARTS)


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_public_urls_survive_hostile_requests(client, seed_article, pattern):
    before = row_counts()

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(path=PATTERNS[pattern], query=queries, extra=headers)
    def request(path, query, extra):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, QUERY_STRING=query, **extra)
            body = b"".join(response) if response.streaming else response.content
        assert response.status_code < 500, (path, query, extra, response.status_code)
        assert b"Traceback" not in body
        writes = [query["sql"] for query in queries if is_write(query["sql"])]
        assert writes == [], (path, query, extra)

    request()
    assert row_counts() == before
