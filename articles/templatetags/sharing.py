"""Template tags for what other sites read from an article page: Open Graph and JSON-LD."""

from urllib.parse import urljoin

from django import template

from articles.sharing import json_ld, news_article

register = template.Library()

# Open Graph wants a locale with a territory.
OPEN_GRAPH_LOCALES = {"lo": "lo_LA", "en": "en_US"}


@register.simple_tag
def locale_tag(language):
    return OPEN_GRAPH_LOCALES[language]


@register.simple_tag(takes_context=True)
def absolute_uri(context, url):
    """Media URLs are site-relative on one server and absolute on object storage: both work.
    Stored parts are rendered without a request: the page's `origin` says where the site is."""
    return urljoin(context["origin"], url)


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, version):
    picture = article.picture
    image_url = absolute_uri(context, picture.largest.url) if picture else None
    url = absolute_uri(context, article.get_absolute_url())
    return json_ld(news_article(article, version, url=url, image_url=image_url))
