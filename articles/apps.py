from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_roles(sender, **kwargs):
    """Keep the role groups as articles/workflow.py says, also after a flush empties them."""
    from django.contrib.auth.models import Group, Permission

    from .workflow import grant_role_permissions

    grant_role_permissions(Group, Permission)


def repair_full_text_index(sender, using, **kwargs):
    from .fulltext import repair

    repair(using)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Press releases")

    def ready(self):
        post_migrate.connect(sync_roles, sender=self)
        from . import lexicon, pagecache, rendered

        post_migrate.connect(repair_full_text_index, sender=self)

        pagecache.connect_signals()
        lexicon.connect_signals()
        rendered.connect_signals()
        post_migrate.connect(pagecache.forget_every_page_after_migrating, sender=self)
        checks.register(pagecache.check_cache_folder, checks.Tags.caches)
