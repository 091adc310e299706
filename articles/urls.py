from django.urls import path, register_converter

from . import feeds, views


class TwoDigitConverter:
    """Months in addresses are always two digits: /2022/08/."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:02d}"


class YearConverter:
    """Years of this and the last century, so date arithmetic never leaves datetime's range."""

    regex = "(?:19|20)[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(TwoDigitConverter, "mm")
register_converter(YearConverter, "yyyy")

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("rss.xml", feeds.LatestReleasesFeed(), name="rss"),
    path("atom.xml", feeds.LatestReleasesAtomFeed(), name="atom"),
    path(
        "news/<int:year>/<mm:month>/<int:pk>-<slug:slug>/",
        views.article_detail,
        name="detail",
    ),
    path("news/<int:pk>/", views.article_detail, name="detail_short"),
    path("news/preview/<int:pk>/", views.article_preview, name="preview"),
    path(
        "news/preview/<int:pk>/revision/<int:version_id>/",
        views.article_preview,
        name="preview_revision",
    ),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("sections/<slug:slug>/rss.xml", feeds.SectionFeed(), name="section_rss"),
    path("sections/<slug:slug>/atom.xml", feeds.SectionAtomFeed(), name="section_atom"),
    path("topics/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    path("archive/<yyyy:year>/", views.YearArchive.as_view(), name="archive_year"),
    path("archive/<yyyy:year>/<mm:month>/", views.MonthArchive.as_view(), name="archive_month"),
]
