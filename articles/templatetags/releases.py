from django import template
from django.utils.html import format_html, format_html_join

from articles import search
from articles.models import ORIGINAL_LANGUAGE

from .lao import words

register = template.Library()


@register.filter
def shows_lao_in(articles, language):
    """Whether a list read in `language` shows a release in its Lao original, whose
    fonts the page then needs as early as a Lao page does."""
    return language != ORIGINAL_LANGUAGE and any(
        not article.has_language(language) for article in articles
    )


@register.filter
def version_in(article, language):
    """The release's text for a reader of `language` (see Article.version)."""
    return article.version(language)


def _marked(pieces, language):
    html = []
    for piece, is_match in pieces:
        text = words(piece, language)
        html.append(format_html("<mark>{}</mark>", text) if is_match else text)
    return format_html_join("", "{}", ((part,) for part in html))


@register.simple_tag
def marked_title(version, query):
    """The title with the query's words marked."""
    return _marked(search.highlight(version.title, query), version.language)


@register.simple_tag
def search_snippet(version, query):
    """The stretch of summary or body around the first match, the query's words marked."""
    text = next(
        (text for text in (version.summary, version.body) if search.matches(text, query)),
        version.summary or version.body,
    )
    return _marked(search.snippet(text, query), version.language)
