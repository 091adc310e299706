"""What every reader page shows of its own address: its canonical address and its address
in each language (articles/templatetags/navigation.py renders them)."""

from functools import lru_cache

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation


def page_query(request):
    """`?page=N` for page two and on of a list; page one's address is the list's own."""
    page = request.GET.get("page", "")
    return f"?page={page}" if page.isascii() and page.isdigit() and int(page) > 1 else ""


def links_for(path, origin, query=""):
    """The page at `path` in each language (the home page where it has no twin), its
    canonical address and its address without a language, all absolute: `origin` is
    the scheme and host, and `path` a path of this site, never `//host`."""
    return _links(path, origin, query, translation.get_language())


@lru_cache(maxsize=1024)
def _links(path, origin, query, current):
    """Worked out from the URL patterns alone, so each process keeps the latest pages'."""
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if code != current and url == path:
            with translation.override(code):
                url = reverse("articles:list")
        else:
            url += query
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "href": origin + url,
                "current": code == current,
            }
        )
    # As in Django's sitemaps: the address without a language prefix, which
    # LocaleMiddleware redirects to the reader's language.
    default = translate_url(path, settings.LANGUAGE_CODE)
    neutral = default.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    return {
        "language_links": links,
        "canonical_url": origin + path + query,
        "x_default_url": origin + neutral + query,
    }


def site_origin(request):
    """The scheme and host readers reach the site at: absolute addresses start with it.
    Worked out once a request, with the host checked against ALLOWED_HOSTS once: a
    list's view and its links asked five times."""
    try:
        return request._site_origin
    except AttributeError:
        request._site_origin = f"{request.scheme}://{request.get_host()}"
        return request._site_origin
