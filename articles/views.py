"""Reader pages: lists of releases (latest, by section, topic and month), one release, a preview."""

import logging
import time
from datetime import date

from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.generic import ListView, TemplateView, YearArchiveView

from newsroom.admin import staff_required
from newsroom.context_processors import site_origin
from newsroom.database import BUSY_RETRY_SECONDS

from . import listing, pagecache, rendered
from .forms import SearchForm
from .models import ORIGINAL_LANGUAGE, Article, Section, Topic
from .pagination import UncountedPaginator
from .revisions import article_at, versions_of
from .search import Ranking, parse_query, rank
from .taxonomy import navigation_sections

RELEASES_PER_PAGE = 10
logger = logging.getLogger(__name__)


class ListedReleasesMixin:
    """A list of releases, each shown by its stored teaser."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        origin = site_origin(self.request)
        in_lao = rendered.with_current_teasers(context["object_list"], language, origin)
        # A list read in English that shows a release in its Lao original needs the Lao
        # fonts as early as a Lao page does.
        context["lao_fonts"] = language != ORIGINAL_LANGUAGE and in_lao
        return context


class CachedPageMixin:
    """A reader page the page cache may keep until what it shows changes."""

    def page_tags(self):
        raise NotImplementedError

    def render_to_response(self, context, **kwargs):
        return pagecache.tag(super().render_to_response(context, **kwargs), *self.page_tags())


class ArticleListView(ListedReleasesMixin, CachedPageMixin, ListView):
    """The latest releases; the other lists narrow it down."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = RELEASES_PER_PAGE
    paginator_class = UncountedPaginator

    def get_queryset(self):
        return listing.ListedReleases(get_language())

    def page_tags(self):
        return ["home"]


class SectionView(ArticleListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        # From the navigation's sections, kept in the cache: no query for the section.
        # A slug not among them is looked up, so a cache out of step costs a query, not
        # a 404.
        slug = self.kwargs["slug"]
        self.sections = navigation_sections()
        kept = next((item for item in self.sections if item.slug == slug), None)
        self.section = kept or get_object_or_404(Section, slug=slug)
        return listing.ListedReleases(get_language(), section=self.section.pk)

    def get_context_data(self, **kwargs):
        # The navigation shows the sections just read: the cache is not read twice.
        return super().get_context_data(
            section=self.section, navigation_sections=self.sections, **kwargs
        )

    def page_tags(self):
        return [f"section:{self.section.pk}"]


class TopicView(ArticleListView):
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = _topic(self.kwargs["slug"])
        return listing.ListedReleases(get_language(), topic=self.topic.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)

    def page_tags(self):
        return [f"topic:{self.topic.pk}"]


def _topic(slug):
    """The topic a topic page is for, kept in the cache until it changes: a topic page
    then reads only its releases. A slug that names no topic is looked up each time."""
    name = f"topic:{slug}"
    topic = pagecache.kept_value(name)
    if topic is None:
        started = time.time()
        topic = get_object_or_404(Topic, slug=slug)
        pagecache.keep_value(name, topic, {f"topic:{topic.pk}"}, started)
    return topic


class ArchiveIndexView(CachedPageMixin, TemplateView):
    """Every month with releases, newest first, grouped by year."""

    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        years = {}
        for month in Article.objects.published().months():
            years.setdefault(month["month"].year, []).append(month)
        return super().get_context_data(years=years.items(), **kwargs)

    def page_tags(self):
        return ["archive"]


class YearArchive(ListedReleasesMixin, CachedPageMixin, YearArchiveView):
    """A year's releases, newest first, in the site's time zone."""

    date_field = "published_at"
    context_object_name = "articles"
    paginate_by = RELEASES_PER_PAGE
    paginator_class = UncountedPaginator
    allow_empty = False
    make_object_list = True

    def get_queryset(self):
        return Article.objects.published().with_stored_teasers(get_language())

    def get_next_year(self, date):
        """The year page links no other year (the archive index does): skip Django's query."""
        return None

    def get_previous_year(self, date):
        return None

    def page_tags(self):
        return [f"year:{self.get_year()}"]


class MonthArchive(ArticleListView):
    """A month's releases, newest first, in the site's time zone, with the nearest months
    before and after it that have releases."""

    template_name = "articles/article_archive_month.html"

    def get_queryset(self):
        try:
            self.month = date(int(self.kwargs["year"]), int(self.kwargs["month"]), 1)
        except ValueError:
            raise Http404 from None
        since = listing.month_start(self.month)
        until = listing.month_start(listing.next_month(self.month))
        return listing.ListedReleases(get_language(), since=since, until=until)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["object_list"]:
            raise Http404  # a month without releases has no page
        return {
            **context,
            "month": self.month,
            "next_month": self.object_list.newer_month,
            "previous_month": self.object_list.older_month,
        }

    def page_tags(self):
        return [f"month:{self.month:%Y-%m}", pagecache.MONTHS_TAG]


class SearchView(CachedPageMixin, ListView):
    """Published releases matching the reader's words, best first, with the words marked."""

    template_name = "articles/article_search.html"
    context_object_name = "articles"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query = parse_query(self.form.cleaned_data["q"]) if self.form.is_valid() else None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        published = Article.objects.published()
        self.unavailable = False
        try:
            self.ranking = rank(published, self.query)
        except OperationalError:
            # A database locked past its timeout, an index being rebuilt: say so, and
            # let the reader try again, rather than fail.
            logger.exception("Search failed for %r", self.query)
            self.ranking, self.unavailable = Ranking(()), True
        return self.ranking.pages(published)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            query=self.query,
            older_matches=self.ranking.older_matches,
            search_unavailable=self.unavailable,
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        if not self.unavailable:
            return super().render_to_response(context, **kwargs)
        response = super().render_to_response(context, status=503, **kwargs)
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response

    def page_tags(self):
        return ["search"]


def _release_page(request, article, release, related, *, preview=False):
    """The page around a release's parts: the site's header and footer, related releases."""
    teasers, related_in_lao = related
    language = get_language()
    context = {
        "article": article,
        "release": release.parts,
        "preview": preview,
        "page_languages": release.parts["languages"],
        "lao_fonts": language != ORIGINAL_LANGUAGE
        and (release.parts["language"] != language or related_in_lao),
        "related": teasers,
    }
    return render(request, "articles/article_detail.html", context)


def article_detail(request, pk, year=None, month=None, slug=None):
    """Show a published release; any other address for it redirects to the canonical one."""
    language = get_language()
    origin = site_origin(request)
    release = rendered.published_release(pk, language, origin)
    if release is None:
        # An archive says what it no longer shows: 410 Gone, not "never existed".
        withdrawn = Article.objects.filter(pk=pk, status=Article.Status.WITHDRAWN).exists()
        if withdrawn:
            return render(request, "articles/article_withdrawn.html", status=410)
        raise Http404
    if request.path != release.parts["url"]:
        return redirect(release.parts["url"], permanent=True)
    related = rendered.related_teasers(release, language, origin)
    response = _release_page(request, None, release, related)
    return pagecache.tag(response, *release.own_page_tags())


@staff_required
def article_preview(request, pk, version_id=None):
    """Staff see any release or stored revision of it, draft or not, exactly as readers will."""
    article = get_object_or_404(Article, pk=pk)
    if version_id is not None:
        article = article_at(get_object_or_404(versions_of(article), pk=version_id), article)
    language = get_language()
    origin = site_origin(request)
    parts = rendered.render_parts(article, origin, languages=[language], preview=True)
    release = rendered.Release(
        article.pk, article.section_id, parts[language]["topics"], parts[language]
    )
    related = rendered.related_teasers(release, language, origin)
    response = _release_page(request, article, release, related, preview=True)
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
