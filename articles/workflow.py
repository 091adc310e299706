"""Who may do what with a release: the Editor, Translator and Publisher roles.

Editors write the Lao original and send it for review; translators write only
the English; only publishers schedule, publish and withdraw. The groups are
created by a data migration from ROLES; ArticleAdmin enforces the same rules on
every save, so a hand-made POST gets no further than a hidden button would.
"""

from django.utils.translation import gettext_lazy as _

from .models import Article

EDITOR, TRANSLATOR, PUBLISHER = "Editor", "Translator", "Publisher"

_RELEASE_WRITING = [
    "articles.view_article",
    "articles.change_article",
    "articles.view_attachment",
    "articles.add_attachment",
    "articles.change_attachment",
    "articles.delete_attachment",
    "articles.view_galleryimage",
    "articles.add_galleryimage",
    "articles.change_galleryimage",
    "articles.delete_galleryimage",
    "articles.view_section",
    "articles.view_topic",
]
# Names and words of new releases, so that lines never break inside them.
_LAO_WORDS = ["articles.view_laoword", "articles.add_laoword", "articles.change_laoword"]
ROLES = {
    EDITOR: [*_RELEASE_WRITING, *_LAO_WORDS, "articles.add_article", "articles.change_lao_text"],
    TRANSLATOR: _RELEASE_WRITING,
    PUBLISHER: [
        *_RELEASE_WRITING,
        *_LAO_WORDS,
        "articles.delete_laoword",
        "articles.add_article",
        "articles.delete_article",
        "articles.change_lao_text",
        "articles.publish_article",
        "articles.add_section",
        "articles.change_section",
        "articles.add_topic",
        "articles.change_topic",
    ],
}
ROLE_NAMES = {EDITOR: _("Editor"), TRANSLATOR: _("Translator"), PUBLISHER: _("Publisher")}

# What only an editor or publisher may change: the Lao original, and what is not text.
LAO_FIELDS = ("title_lo", "summary_lo", "body_lo", "source_lo", "image_alt_lo", "image_caption_lo")
UNTRANSLATED_FIELDS = ("section", "topics", "event_date", "slug", "image")
PUBLISHING_FIELDS = ("status", "published_at")


def may_publish(user):
    return user.has_perm("articles.publish_article")


def may_change_lao(user):
    return user.has_perm("articles.change_lao_text")


def locked_fields(user):
    """The release form's fields this user may see but not change."""
    locked = []
    if not may_change_lao(user):
        locked += [*LAO_FIELDS, *UNTRANSLATED_FIELDS]
    if not may_publish(user):
        locked += ["published_at"]
        if not may_change_lao(user):
            locked += ["status"]
    return locked


def allowed_statuses(user, current):
    """The statuses this user may choose for a release that now has `current`."""
    if may_publish(user):
        return list(Article.Status)
    choices = [Article.Status.DRAFT, Article.Status.REVIEW]
    return choices if current in choices else [current, *choices]


def grant_role_permissions(group_model, permission_model):
    """Create the role groups with exactly their permissions (used by the data migration).

    A migration that runs before a model exists cannot grant its permissions: the
    sync after every migrate (articles.apps.sync_roles) grants them.
    """
    for role, names in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=role)
        permissions = [
            permission
            for name in names
            if (
                permission := permission_model.objects.filter(
                    content_type__app_label=name.split(".")[0], codename=name.split(".")[1]
                ).first()
            )
        ]
        group.permissions.set(permissions)
