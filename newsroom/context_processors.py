"""Values every reader page needs: the links to this page in each language."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation


def language_links(request):
    """One link per language to the same page; the home page where the page has no twin."""
    links = []
    current = translation.get_language()
    for code, name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        if code != current and url == request.path:
            with translation.override(code):
                url = reverse("articles:list")
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"language_links": links}
