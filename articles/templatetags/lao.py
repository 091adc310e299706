"""Template filters that hand text to the Lao typography rules."""

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

from articles import lexicon
from articles.lao.typography import lao_html, paragraphs

register = template.Library()


@register.filter
def words(text, language):
    """Inline text: Lao is kept whole word by word, other languages are only escaped."""
    if language == "lo":
        return mark_safe(lao_html(text, lexicon.segmenter()))
    return escape(text)


@register.filter
def prose(text, language):
    """Body text as paragraphs, one per stored line."""
    return format_html_join(
        "", "<p>{}</p>", ((words(part, language),) for part in paragraphs(text))
    )
