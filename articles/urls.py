from django.urls import path, register_converter

from . import views


class TwoDigitConverter:
    """Months in addresses are always two digits: /2022/08/."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:02d}"


register_converter(TwoDigitConverter, "mm")

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("search/", views.SearchView.as_view(), name="search"),
    path(
        "news/<int:year>/<mm:month>/<int:pk>-<slug:slug>/",
        views.article_detail,
        name="detail",
    ),
    path("news/<int:pk>/", views.article_detail, name="detail_short"),
    path("news/preview/<int:pk>/", views.article_preview, name="preview"),
]
