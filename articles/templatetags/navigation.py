"""The site's main navigation: the latest releases, each section, the archive."""

from django import template

from articles.taxonomy import navigation_sections

register = template.Library()


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    return {
        "sections": navigation_sections(),
        "request": context["request"],
        "LANGUAGE_CODE": context["LANGUAGE_CODE"],
    }
