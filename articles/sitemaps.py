"""sitemap.xml: every published release in each language it is written in, and the list pages."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Max
from django.urls import reverse

from . import pagecache
from .models import Article, Section, Topic, released_by_now

HOME = "articles:list"


class ReleaseSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Article.objects.published()

    def get_languages_for_item(self, item):
        """Only versions that really exist: an untranslated release has no English URL."""
        return item.languages

    def lastmod(self, item):
        return item.updated_at


class ListingSitemap(Sitemap):
    """The home page, and the sections and topics that have releases: each exists in every
    language. Each carries the last change of its releases, read in the same three
    queries however many sections and topics there are."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        shown = released_by_now("articles__")
        latest = Max("articles__updated_at", filter=shown)
        self.home_changed = Article.objects.published().aggregate(latest=Max("updated_at"))
        return [
            HOME,
            *Section.objects.annotate(latest=latest).filter(latest__isnull=False),
            *Topic.objects.annotate(latest=latest).filter(latest__isnull=False),
        ]

    def location(self, item):
        return reverse(item) if item == HOME else item.get_absolute_url()

    def lastmod(self, item):
        return self.home_changed["latest"] if item == HOME else item.latest


SITEMAPS = {"releases": ReleaseSitemap, "listings": ListingSitemap}


def sitemap_view(request):
    """sitemap.xml, kept by the page cache until a release, section or topic changes."""
    return pagecache.tag(sitemap(request, sitemaps=SITEMAPS), "sitemap")
