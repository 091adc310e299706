"""The newsroom's admin: Lao and English tabs, preview links, one-click publishing."""

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin

from .models import Article, Attachment, Section, Topic
from .uploads import CleanImageField


@admin.register(Section, Topic)
class NameAdmin(TranslationAdmin):
    list_display = ("__str__", "name_en", "slug")
    search_fields = ("name_lo", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("language", "title", "file")
    extra = 0


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "status", "published_at", "section", "english_version")
    list_filter = ("status", "section")
    autocomplete_fields = ("topics",)
    inlines = (AttachmentInline,)
    # Shows the search box; get_search_results replaces Django's icontains with ours.
    search_fields = ("title_lo",)
    date_hierarchy = "published_at"
    readonly_fields = ("preview_links",)
    actions = ("publish_now",)
    formfield_overrides = {models.ImageField: {"form_class": CleanImageField}}
    fieldsets = (
        (None, {"fields": ("title", "summary", "body", "source", "section", "topics")}),
        (
            _("Publishing"),
            {"fields": ("status", "published_at", "event_date", "slug", "preview_links")},
        ),
        (_("Featured image"), {"fields": ("image", "image_alt", "image_caption")}),
    )

    @admin.display(boolean=True, description=_("English version"))
    def english_version(self, article):
        return article.has_language("en")

    @admin.display(description=_("Preview"))
    def preview_links(self, article):
        if not article.pk:
            return _("Save the release to preview it.")
        links = []
        for code, name in (("lo", "ລາວ"), ("en", "English")):
            with translation.override(code):
                links.append((reverse("articles:preview", args=[article.pk]), code, name))
        return format_html_join(
            " · ", '<a href="{}" lang="{}" target="_blank" rel="noopener">{}</a>', links
        )

    @admin.action(description=_("Publish the selected releases now"))
    def publish_now(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or timezone.now()
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%d release published.", "%d releases published.", count) % count,
            messages.SUCCESS,
        )

    def get_search_results(self, request, queryset, search_term):
        """The same Lao-aware matching as the public search, over releases of every status."""
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_live else None
