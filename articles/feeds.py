"""RSS and Atom feeds of the releases, one per language, site-wide and per section.

A feed says which language it is in, so it lists only releases written in that
language: the English feed leaves out releases not translated yet rather than
passing Lao off as English.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import pagecache
from .models import Article, Section

FEED_LENGTH = 20


class LatestReleasesFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        return pagecache.tag(super().__call__(request, *args, **kwargs), "feeds")

    def title(self):
        return _("Ministry of Technology and Communications")

    def description(self):
        return _("Press releases of the Ministry of Technology and Communications, Lao PDR")

    def link(self):
        return reverse("articles:list")

    def feed_url(self):
        return reverse("articles:rss")

    def releases(self, obj):
        return Article.objects.published().in_language(get_language())

    def items(self, obj=None):
        releases = self.releases(obj).select_related("section").with_topics()
        return releases[:FEED_LENGTH]

    def item_title(self, item):
        return item.version(get_language()).title

    def item_description(self, item):
        version = item.version(get_language())
        return version.summary or version.body.split("\n", 1)[0]

    def item_pubdate(self, item):
        """In Vientiane time, so the date written in the feed is the release's date."""
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_categories(self, item):
        names = [topic.name for topic in item.topic_list]
        return [item.section.name, *names] if item.section else names


class LatestReleasesAtomFeed(LatestReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return reverse("articles:atom")


class SectionFeed(LatestReleasesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{section.name} · {super().title()}"

    def link(self, section):
        return section.get_absolute_url()

    def feed_url(self, section):
        return reverse("articles:section_rss", kwargs={"slug": section.slug})

    def releases(self, section):
        return super().releases(section).filter(section=section)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return self.description()

    def feed_url(self, section):
        return reverse("articles:section_atom", kwargs={"slug": section.slug})
