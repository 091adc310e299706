"""Values every reader page needs: its canonical address and its address in each language."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation


def _page_query(request):
    """`?page=N` for page two and on of a list; page one's address is the list's own."""
    page = request.GET.get("page", "")
    return f"?page={page}" if page.isascii() and page.isdigit() and int(page) > 1 else ""


def language_links(request):
    """One link per language to the same page; the home page where the page has no twin."""
    links = []
    current = translation.get_language()
    query = _page_query(request)
    for code, name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        if code != current and url == request.path:
            with translation.override(code):
                url = reverse("articles:list")
        else:
            url += query
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "href": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    # As in Django's sitemaps: the address without a language prefix, which
    # LocaleMiddleware redirects to the reader's language.
    default = translate_url(request.path, settings.LANGUAGE_CODE)
    neutral = default.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    return {
        "language_links": links,
        "canonical_url": request.build_absolute_uri(request.path + query),
        "x_default_url": request.build_absolute_uri(neutral + query),
    }
