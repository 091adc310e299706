import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.pagination import LAST_POSSIBLE_PAGE, UncountedPaginator


class Releases(list):
    """A list that refuses to be counted, as the archive's lists must never be."""

    def count(self, *args):
        raise AssertionError("counted")

    def __len__(self):
        raise AssertionError("counted")


def numbers(count):
    return Releases(range(count))


def test_a_page_knows_its_neighbours_without_counting():
    paginator = UncountedPaginator(numbers(21), 10)
    first, second, third = (paginator.page(number) for number in (1, 2, 3))
    assert list(first) == list(range(10)) and first.has_next() and not first.has_previous()
    assert second.has_next() and second.has_previous()
    assert list(third) == [20] and not third.has_next() and third.has_previous()
    assert (third.start_index(), third.end_index()) == (21, 21)


def test_a_full_last_page_has_no_next():
    paginator = UncountedPaginator(numbers(20), 10)
    assert not paginator.page(2).has_next()
    with pytest.raises(EmptyPage):
        paginator.page(3)


def test_an_empty_list_has_one_empty_page():
    page = UncountedPaginator(numbers(0), 10).page(1)
    assert list(page) == [] and not page.has_other_pages()


@pytest.mark.parametrize("number", ["abc", "1.5", None, 2.5])
def test_a_page_number_must_be_a_whole_number(number):
    with pytest.raises(PageNotAnInteger):
        UncountedPaginator(numbers(5), 10).page(number)


@pytest.mark.parametrize("number", [0, -1, LAST_POSSIBLE_PAGE + 1, 10**30])
def test_impossible_pages_are_empty_before_any_database_reads_them(number):
    with pytest.raises(EmptyPage):
        UncountedPaginator(numbers(5), 10).page(number)


LISTS = ["/lo/", "/en/sections/digital-government/", "/lo/topics/korea/", "/en/archive/2022/08/"]


@pytest.mark.parametrize("url", LISTS)
def test_lists_never_count_the_archive(client, seed_article, settings, url):
    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [query for query in queries if "COUNT(" in query["sql"]]


@pytest.mark.parametrize("page", [str(LAST_POSSIBLE_PAGE), "99999999999999999999999"])
def test_a_page_far_past_the_end_is_a_404(client, seed_article, page):
    response = client.get("/en/", {"page": page})
    assert response.status_code == 404
    assert "Page not found" in response.text
