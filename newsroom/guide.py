"""The guide for staff, kept in docs/ as Markdown and shown in the admin.

docs/staff-guide.md is the English guide, docs/staff-guide.lo.md the Lao one,
and docs/lao-words.md (both languages) explains the admin's Lao word list. The
files stay readable where they are; links between them lead to their admin pages.
"""

import re
from functools import lru_cache

import markdown
from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

DOCS = settings.BASE_DIR / "docs"
GUIDES = {"lo": "staff-guide.lo.md", "en": "staff-guide.md", "lao-words": "lao-words.md"}
_MARKDOWN_LINK = re.compile(r'href="([\w.-]+\.md)(#[\w-]*)?"')


def guide_url(page):
    return reverse("admin:staff_guide", args=[page])


def guide_for_current_language():
    language = get_language()
    return guide_url(language if language in GUIDES else settings.LANGUAGE_CODE)


@lru_cache(maxsize=len(GUIDES))
def _render(name, modified):
    """The page as HTML; the file's modification time is in the key, so an edit shows at once."""
    html = markdown.markdown((DOCS / name).read_text(encoding="utf-8"), extensions=["toc"])
    pages = {file: page for page, file in GUIDES.items()}

    def to_admin_page(match):
        page = pages.get(match.group(1))
        if page is None:
            return match.group()
        language = (
            f' lang="{page}" hreflang="{page}"'
            if page in settings.MODELTRANSLATION_LANGUAGES
            else ""
        )
        return f'href="{guide_url(page)}{match.group(2) or ""}"{language}'

    # Code (a field's value, a message as stored) is quoted as it is, never translated.
    html = html.replace("<code>", '<code translate="no">')
    return _MARKDOWN_LINK.sub(to_admin_page, html)


def render_guide(page):
    """(title, HTML) of a guide page; its title is its first heading."""
    if page not in GUIDES:
        raise Http404(gettext("There is no such page in the guide."))
    path = DOCS / GUIDES[page]
    html = _render(GUIDES[page], path.stat().st_mtime_ns)
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    body = html[title.end() :] if title else html
    return strip_tags(title.group(1)) if title else "", mark_safe(body)


def staff_guide(request, admin_site, page):
    title, body = render_guide(page)
    context = {**admin_site.each_context(request), "title": title, "guide": body}
    return TemplateResponse(request, "admin/staff_guide.html", context)
