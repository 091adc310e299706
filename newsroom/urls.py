"""Reader pages live under /lo/ and /en/; the admin (at ADMIN_URL), media, sitemap and
robots.txt stay outside."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from articles.sitemaps import sitemap_view
from newsroom.security import serve_media

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    # The admin's language switcher sets the language cookie here (django.views.i18n).
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_media),
    ]

urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    prefix_default_language=True,
)
