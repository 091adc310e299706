"""sitemap.xml: every published release in each language it is written in, and the list pages."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Max
from django.urls import reverse

from . import pagecache
from .models import Article, Section, Topic


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
    """The home page, sections and topics: each exists in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        published = Article.objects.published()
        used_sections = published.values("section")
        used_topics = published.values("topics")
        return [
            "articles:list",
            *Section.objects.filter(pk__in=used_sections),
            *Topic.objects.filter(pk__in=used_topics),
        ]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        releases = Article.objects.published()
        if isinstance(item, Section):
            releases = releases.filter(section=item)
        elif isinstance(item, Topic):
            releases = releases.filter(topics=item)
        return releases.aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"releases": ReleaseSitemap, "listings": ListingSitemap}


def sitemap_view(request):
    """sitemap.xml, kept by the page cache until a release, section or topic changes."""
    return pagecache.tag(sitemap(request, sitemaps=SITEMAPS), "sitemap")
