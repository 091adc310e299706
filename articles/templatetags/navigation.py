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
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

from articles import lexicon
from articles.taxonomy import navigation_sections

register = template.Library()
_RENDERED = {}
# Enough for every part in both languages, a few lists of words and every nav page.
KEPT_PARTS = 256


def _kept(key, render):
    html = _RENDERED.get(key)
    if html is None:
        if len(_RENDERED) >= KEPT_PARTS:
            _RENDERED.clear()
        html = _RENDERED[key] = render()
    return html


@register.simple_tag(takes_context=True)
def fixed_part(context, template_name):
    """A template that shows only what its language and the Lao words make it."""
    language = context["LANGUAGE_CODE"]
    return _kept(
        (template_name, language, lexicon.words_in_use()),
        lambda: render_to_string(template_name, {"LANGUAGE_CODE": language}),
    )


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
    """The latest releases, each section and the archive; the current one marked."""
    language = context["LANGUAGE_CODE"]
    sections = navigation_sections()
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
