"""The releases a list shows (all, a section's, a topic's, a month's), newest first,
read a page at a time through prepared queries (articles/prepared.py): each row is
a release's id and its stored list teaser in the reader's language (articles/rendered.py)."""

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache

from django.db.models import DateField, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import Article, released_by_now
from .prepared import PreparedQuery
from .rendered import teaser_columns, teasers_of


@dataclass
class Listed:
    """A release as a list shows it: its id and its stored teasers in the list's language."""

    pk: int
    stored: dict | None
    teaser: str = ""


@cache
def _list_query(language, kind):
    """One per language and kind of list, compiled on first use."""

    def build(now, **narrowed):
        releases = Article.objects.filter(released_by_now(now=now))
        columns = teaser_columns("list_teaser", language)
        if kind == "section":
            releases = releases.filter(section_id=narrowed["section"])
        elif kind == "topic":
            releases = releases.filter(topics=narrowed["topic"])
        elif kind == "period":
            since, until = narrowed["since"], narrowed["until"]
            releases = releases.filter(published_at__gte=since, published_at__lt=until)
            # The months of the nearest releases after and before the period, in the
            # same query: the database reads each from the index once, not once a row,
            # and gives a date (in the site's time zone), which costs less to read back
            # on every row than a time.
            columns["newer"] = _local_month(_nearest(now, until, newer=True))
            columns["older"] = _local_month(_nearest(now, since, newer=False))
        return releases.values("pk", **columns)

    numbers = [kind] if kind in ("section", "topic") else []
    times = ["now", "since", "until"] if kind == "period" else ["now"]
    return PreparedQuery(Article, build, numbers=numbers, times=times, paged=True)


def _local_month(moment):
    """The month, as its first day in the site's time zone, of a query's one time."""
    return TruncMonth(Subquery(moment), output_field=DateField())


def _nearest(now, bound, *, newer):
    """The publication time of the release nearest `bound`: the first from it on, or
    the last before it."""
    releases = Article.objects.filter(released_by_now(now=now))
    if newer:
        releases = releases.filter(published_at__gte=bound).order_by("published_at")
    else:
        releases = releases.filter(published_at__lt=bound).order_by("-published_at")
    return releases.values("published_at")[:1]


class ListedReleases:
    """A list's published releases as the paginator slices them, each slice one query.

    Narrowed by `section` or `topic` (an id), or by a period from `since` up to `until`:
    a period's slice also finds `newer_month` and `older_month`, the nearest months after
    and before it with a published release (None where there is none).
    """

    newer_month = older_month = None

    def __init__(self, language, **narrowed):
        kind = "period" if "since" in narrowed else next(iter(narrowed), "all")
        self.query = _list_query(language, kind)
        self.narrowed = narrowed

    def __getitem__(self, page):
        rows = self.query.rows(
            limit=page.stop - page.start, offset=page.start, now=timezone.now(), **self.narrowed
        )
        if rows and "newer" in rows[0]:
            self.newer_month, self.older_month = rows[0]["newer"], rows[0]["older"]
        return [Listed(row["pk"], teasers_of(row, "list_teaser")) for row in rows]


def month_start(month):
    """The first moment of `month` (a date) in the site's time zone."""
    return timezone.make_aware(datetime.combine(month.replace(day=1), time.min))


def next_month(month):
    """The first day of the month after `month`."""
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)
