from django import template

register = template.Library()


@register.filter
def version_in(article, language):
    """The release's text for a reader of `language` (see Article.version)."""
    return article.version(language)
