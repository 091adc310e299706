"""The parts every reader page shares: its head, header, main navigation and footer.

They show the same on every page in one language, so each process renders each
once per language and keeps the HTML, as `lao_html` keeps each paragraph it
marked: with the inputs that can change while the site runs in the key (the
staff's Lao words, the sections and their names, which page is current), every
worker shows the same HTML; what else they show (templates, messages, static
files) changes only with a deploy, which starts new processes. The addresses
reader pages link to are kept the same way.
"""

from functools import lru_cache

from django import template
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

from articles import lexicon
from articles.taxonomy import navigation_sections
from newsroom.context_processors import links_for, page_query, site_origin

register = template.Library()
_RENDERED = {}
# Enough for the navigation in both languages, a few lists of words and every nav page.
KEPT_PARTS = 256


def _kept(key, render):
    html = _RENDERED.get(key)
    if html is None:
        if len(_RENDERED) >= KEPT_PARTS:
            _RENDERED.clear()
        html = _RENDERED[key] = render()
    return html


@register.simple_tag(takes_context=True)
def fixed_part(context, template_name, **values):
    """A template that shows only what its language, the Lao words and the values named
    make it: the site's header and footer, or a list page's own title and heading (a
    section's name and slug, a month and the months beside it). Rendered once per
    process for each; the template sees only those values and LANGUAGE_CODE."""
    values = tuple(sorted(values.items()))
    return _fixed_part(template_name, context["LANGUAGE_CODE"], lexicon.words_in_use(), values)


@lru_cache(maxsize=1024)
def _fixed_part(template_name, language, words, values):
    return render_to_string(template_name, {**dict(values), "LANGUAGE_CODE": language})


def _navigation_urls(language, sections):
    return _kept(
        ("navigation urls", language, sections),
        lambda: {
            reverse("articles:list"),
            reverse("articles:archive"),
            *(reverse("articles:section", kwargs={"slug": slug}) for slug, *_names in sections),
        },
    )


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The latest releases, each section and the archive; the current one marked. A
    view that read the sections for itself passes them as `navigation_sections`."""
    language = context["LANGUAGE_CODE"]
    sections = context.get("navigation_sections") or navigation_sections()
    signature = tuple((section.slug, *section.names()) for section in sections)
    path = context["request"].path
    current = path if path in _navigation_urls(language, signature) else ""
    return _kept(
        ("navigation", language, signature, lexicon.words_in_use(), current),
        lambda: render_to_string(
            "includes/site_nav.html",
            {"sections": sections, "current": current, "LANGUAGE_CODE": language},
        ),
    )


@register.simple_tag
def address(viewname, *args):
    """`{% url %}` for reader pages, kept per process: an address follows only from the
    URL patterns, the language and the script prefix, and reverse() costs each page
    about 40 µs a link (the month, year and archive pages link many)."""
    return _reversed(viewname, args, get_language(), get_script_prefix())


@lru_cache(maxsize=4096)
def _reversed(viewname, args, language, script_prefix):
    return reverse(viewname, args=args)


@register.simple_tag(takes_context=True)
def language_part(context, template_name):
    """The page's canonical and alternate links, or its language switcher: they follow
    from its address alone (and a release's from the languages it is written in), so
    each process renders them once per address, as `address` reverses it once."""
    request = context["request"]
    page_languages = tuple(context.get("page_languages") or ())
    key = (request.path, site_origin(request), page_query(request), page_languages)
    return _language_part(template_name, get_language(), *key)


@lru_cache(maxsize=1024)
def _language_part(template_name, language, path, origin, query, page_languages):
    context = {**links_for(path, origin, query), "page_languages": page_languages}
    return render_to_string(template_name, {**context, "LANGUAGE_CODE": language})


@register.simple_tag(takes_context=True)
def pages_part(context, template_name):
    """A list's links to its newer and older pages, in its head or below it: they follow
    from its address, its other parameters and its page number, so each process renders
    them once for each. Page one's address has no number."""
    page = context.get("page_obj")
    if page is None:
        return ""
    request = context["request"]
    query = ""
    if request.GET:
        parameters = request.GET.copy()
        parameters.pop("page", None)
        query = parameters.urlencode()
    key = (request.path, query, site_origin(request), page.number)
    return _pages_part(template_name, get_language(), *key, page.has_previous(), page.has_next())


@lru_cache(maxsize=1024)
def _pages_part(template_name, language, path, query, origin, number, newer, older):
    def page_address(number):
        parameters = QueryDict(query, mutable=True)
        if number != 1:
            parameters["page"] = number
        return f"{path}?{parameters.urlencode()}" if parameters else path

    context = {
        "number": number,
        "newer": page_address(number - 1) if newer else "",
        "older": page_address(number + 1) if older else "",
        "origin": origin,
    }
    return render_to_string(template_name, context)
