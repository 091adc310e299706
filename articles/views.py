"""Reader pages: the latest releases and one release, plus a staff preview."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.generic import ListView

from newsroom.admin import staff_required

from .models import Article


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        return Article.objects.published()


def _render_article(request, article, *, preview=False):
    context = {"article": article, "version": article.version(get_language()), "preview": preview}
    return render(request, "articles/article_detail.html", context)


def article_detail(request, pk, year=None, month=None, slug=None):
    """Show a published release; any other address for it redirects to the canonical one."""
    article = get_object_or_404(Article.objects.published(), pk=pk)
    canonical = article.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    return _render_article(request, article)


@staff_required
def article_preview(request, pk):
    """Staff see any release, draft or not, exactly as readers will."""
    article = get_object_or_404(Article, pk=pk)
    response = _render_article(request, article, preview=True)
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
