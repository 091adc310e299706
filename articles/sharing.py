"""What a shared release carries: plain share links and schema.org NewsArticle data.

Share links are ordinary addresses of each service's own share page, so the
site loads no third-party script and readers are not tracked until they click.
"""

import json
from urllib.parse import quote, urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# Characters that could end or confuse a <script> element, escaped as JSON allows.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def share_links(url, title):
    """(name, address, language of the name) for each service; brand names are English."""
    return [
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}", "en"),
        ("WhatsApp", f"https://wa.me/?{urlencode({'text': f'{title} {url}'})}", "en"),
        ("X", f"https://x.com/intent/post?{urlencode({'text': title, 'url': url})}", "en"),
        (
            _("E-mail"),
            f"mailto:?subject={quote(title)}&body={quote(url)}",
            None,
        ),
    ]


def _in_site_time_zone(moment):
    """A time written in Vientiane time, so its date is the one the page shows."""
    return timezone.localtime(moment) if moment else None


def news_article(article, version, *, url, image_url=None):
    """schema.org NewsArticle for a release as shown in `version.requested`."""
    publisher = {
        "@type": "GovernmentOrganization",
        "name": _("Ministry of Technology and Communications"),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.title,
        "description": version.summary,
        "inLanguage": version.language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _in_site_time_zone(article.published_at),
        "dateModified": _in_site_time_zone(article.updated_at),
        "publisher": publisher,
        "author": publisher,
        "isAccessibleForFree": True,
    }
    if image_url:
        data["image"] = [image_url]
    if article.section:
        data["articleSection"] = article.section.name
    topics = [topic.name for topic in article.topic_list]
    if topics:
        data["keywords"] = topics
    return {key: value for key, value in data.items() if value not in ("", None)}


def json_ld(data):
    """A <script type="application/ld+json"> element: data, never executed, so CSP allows it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
