"""The newsroom's admin: Lao and English tabs, roles, revisions, previews, publishing."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationAdmin,
    TranslationStackedInline,
)
from reversion.admin import VersionAdmin

from newsroom.context_processors import site_origin

from . import rendered, revisions, workflow
from .editing import ArticleAdminForm, MergingInlineFormSet
from .lao import segment
from .models import STORED_FIELDS, Article, Attachment, GalleryImage, LaoWord, Section, Topic
from .uploads import CleanImageField

admin.site.site_header = _("Ministry of Technology and Communications: press releases")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Press releases and their sections and topics")


@admin.register(Section, Topic)
class NameAdmin(TranslationAdmin):
    list_display = ("__str__", "name_en", "slug")
    search_fields = ("name_lo", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class AttachmentInline(admin.TabularInline):
    model = Attachment
    formset = MergingInlineFormSet
    fields = ("language", "title", "file")
    extra = 0


class GalleryInline(TranslationStackedInline):
    model = GalleryImage
    formset = MergingInlineFormSet
    fields = ("image", "alt", "caption", "position")
    extra = 0
    formfield_overrides = {models.ImageField: {"form_class": CleanImageField}}

    def get_readonly_fields(self, request, obj=None):
        """A translator writes the English alt text and caption; the photos are the editor's."""
        if workflow.may_change_lao(request.user):
            return ()
        return ("image", "alt_lo", "caption_lo", "position")

    def has_add_permission(self, request, obj=None):
        return workflow.may_change_lao(request.user) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return workflow.may_change_lao(request.user) and super().has_delete_permission(request, obj)


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("English version")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return Article.Translation.choices

    def queryset(self, request, queryset):
        return {
            Article.Translation.MISSING: queryset.english_missing,
            Article.Translation.STALE: queryset.english_stale,
            Article.Translation.CURRENT: queryset.english_current,
        }.get(self.value(), queryset.all)()


def preview_links_html(article, version=None):
    links = []
    for code, name in (("lo", "ລາວ"), ("en", "English")):
        with translation.override(code):
            if version is None:
                url = reverse("articles:preview", args=[article.pk])
            else:
                url = reverse("articles:preview_revision", args=[article.pk, version.pk])
        links.append((url, code, name))
    return format_html_join(
        " · ", '<a href="{}" lang="{}" target="_blank" rel="noopener">{}</a>', links
    )


@admin.register(Article)
class ArticleAdmin(VersionAdmin, TabbedTranslationAdmin):
    form = ArticleAdminForm
    list_display = ("__str__", "status", "published_at", "section", "english_version")
    list_filter = ("status", TranslationStatusFilter, "section")
    autocomplete_fields = ("topics",)
    inlines = (GalleryInline, AttachmentInline)
    # Shows the search box; get_search_results replaces Django's icontains with ours.
    search_fields = ("title_lo",)
    date_hierarchy = "published_at"
    readonly_fields = ("preview_links",)
    actions = ("publish_now", "withdraw")
    formfield_overrides = {models.ImageField: {"form_class": CleanImageField}}
    history_latest_first = True
    object_history_template = "admin/articles/article/object_history.html"
    fieldsets = (
        (
            None,
            {"fields": ("title", "summary", "body", "source", "section", "topics", "edit_token")},
        ),
        (
            _("Publishing"),
            {"fields": ("status", "published_at", "event_date", "slug", "preview_links")},
        ),
        (_("Featured image"), {"fields": ("image", "image_alt", "image_caption")}),
    )

    @admin.display(description=_("English version"))
    def english_version(self, article):
        return article.translation_status.label

    @admin.display(description=_("Preview"))
    def preview_links(self, article):
        if not article.pk:
            return _("Save the release to preview it.")
        return preview_links_html(article)

    def get_queryset(self, request):
        """Without the search index and the stored HTML: large, and never edited here."""
        return super().get_queryset(request).defer(*STORED_FIELDS)

    def reversion_register(self, model, **kwargs):
        """Derived data is rebuilt on save, so revisions keep only what people wrote."""
        derived = {Article: ("image_renditions", "render_generation", *STORED_FIELDS)}
        derived[GalleryImage] = ("renditions",)
        super().reversion_register(model, exclude=derived.get(model, ()), **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Restoring a revision saves over the current state on purpose.
        restoring = request.resolver_match.url_name.endswith("_revision")
        return type(
            form.__name__, (form,), {"user": request.user, "check_conflicts": not restoring}
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.merged:
            fields = ", ".join(str(label) for label in form.merged)
            self.message_user(
                request,
                _("Merged with changes saved since you opened the form: %(fields)s.")
                % {"fields": fields},
                messages.INFO,
            )
        for warning in form.proofreading_warnings():
            self.message_user(request, warning, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        rendered.render_saved(form.instance.pk, site_origin(request))

    def has_publish_permission(self, request):
        return workflow.may_publish(request.user)

    @admin.action(description=_("Publish the selected releases now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            if article.published_at is None or article.published_at > timezone.now():
                article.published_at = timezone.now()
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%d release published.", "%d releases published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw the selected releases"), permissions=["publish"])
    def withdraw(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.WITHDRAWN):
            article.status = Article.Status.WITHDRAWN
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%d release withdrawn.", "%d releases withdrawn.", count) % count,
            messages.SUCCESS,
        )

    def get_search_results(self, request, queryset, search_term):
        """The same Lao-aware matching as the public search, over releases of every status."""
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_live else None

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        keep = self.admin_site.admin_view(self.keep_session)
        return [
            path("<int:object_id>/history/compare/", compare, name="articles_article_compare"),
            path("keep-session/", keep, name="articles_article_keep_session"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A release that has no revision yet (loaded from a fixture, say) gets one when its
        form is first opened: two forms opened on it can then be merged field by field."""
        article = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if request.method == "GET" and article and not revisions.versions_of(article).exists():
            with reversion.create_revision():
                reversion.set_comment(_("The release as it was before its first save here."))
                reversion.add_to_revision(article)
        return super().change_view(request, object_id, form_url, extra_context)

    # reversion's list template offers "Recover deleted" to whoever may add; ours, to publishers.
    change_list_template = "admin/articles/article/change_list.html"

    def changelist_view(self, request, extra_context=None):
        context = {"may_recover": workflow.may_publish(request.user), **(extra_context or {})}
        return super().changelist_view(request, context)

    def recoverlist_view(self, request, extra_context=None):
        """A deleted release comes back as it was, published or not: the publisher's call."""
        if not workflow.may_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not workflow.may_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring replaces the Lao text and status too, so it is the publisher's call."""
        if not workflow.may_publish(request.user):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        article = get_object_or_404(Article, pk=object_id)
        response = super().history_view(
            request, object_id, {"may_restore": workflow.may_publish(request.user)}
        )
        by_revision = {version.revision_id: version for version in revisions.versions_of(article)}
        for action in response.context_data.get("action_list", []):
            version = by_revision[action["revision"].pk]
            action["version_id"] = version.pk
            action["preview"] = preview_links_html(article, version)
        return response

    def keep_session(self, request):
        """Called while someone types in a release form: the session lasts as they work."""
        request.session.modified = True
        return HttpResponse(status=204)

    def compare_view(self, request, object_id):
        """Two stored revisions of a release side by side: what changed from one to the other."""
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = revisions.versions_of(article)
        chosen = [request.GET.get(end, "") for end in ("from", "to")]
        if not all(value.isdigit() for value in chosen):
            raise Http404
        older, newer = (get_object_or_404(versions, pk=value) for value in chosen)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare revisions"),
            "older": older,
            "newer": newer,
            "changes": revisions.changes(
                revisions.version_values(older), revisions.version_values(newer)
            ),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)


@admin.register(LaoWord)
class LaoWordAdmin(admin.ModelAdmin):
    list_display = ("word", "meaning", "cut_without_the_list", "added_by", "added_at")
    search_fields = ("word", "meaning")
    fields = ("word", "meaning", "cut_without_the_list")
    readonly_fields = ("cut_without_the_list",)

    @admin.display(description=_("Cut without this list"))
    def cut_without_the_list(self, lao_word):
        """Why the word is here: the pieces lines could break between without it."""
        return " | ".join(piece for piece in segment.BUNDLED.words(lao_word.word) if piece.strip())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)
