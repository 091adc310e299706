from django import template

register = template.Library()


@register.filter
def version_in(article, language):
    """The release's text for a reader of `language` (see Article.version)."""
    return article.version(language)


@register.simple_tag(takes_context=True)
def page_url(context, number, absolute=False):
    """Page `number` of the list on this page; page one is the list's own address."""
    request = context["request"]
    url = request.path if number == 1 else f"{request.path}?page={number}"
    return request.build_absolute_uri(url) if absolute else url
