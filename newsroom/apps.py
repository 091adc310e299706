from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


def name_relationship(through):
    """Name a many-to-many table Django made ("article-topic relationship") by its two models.

    Django names it and its rows by the models' class names, in English ("Article_topics
    object (3)"); the admin shows them when it lists what a deletion takes with it.
    """
    source_field, target_field = through._meta.fields[1:3]
    source, target = source_field.related_model._meta, target_field.related_model._meta
    through._meta.verbose_name = format_lazy(
        _("{source}: {target}"), source=source.verbose_name, target=target.verbose_name
    )
    through._meta.verbose_name_plural = format_lazy(
        _("{source}: {target}"),
        source=source.verbose_name_plural,
        target=target.verbose_name_plural,
    )
    through.__str__ = lambda row: str(getattr(row, target_field.name))


class StaffAdminConfig(AdminConfig):
    """Django's admin with our site class, so `admin.site` and `@admin.register` need no change."""

    default_site = "newsroom.admin.StaffAdminSite"

    def ready(self):
        """Discover every app's admin, then name in Lao and English what Django names in English."""
        super().ready()
        from axes.models import AccessAttempt
        from django.apps import apps
        from django.contrib import admin
        from django.contrib.auth.models import User
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from newsroom.accounts import (
            LoginAttemptAdmin,
            StaffUserAdmin,
            name_roles_and_permissions_in_language,
        )
        from newsroom.authenticators import AuthenticatorAdmin

        for model, model_admin in [
            (User, StaffUserAdmin),
            (AccessAttempt, LoginAttemptAdmin),
            (TOTPDevice, AuthenticatorAdmin),
        ]:
            admin.site.unregister(model)
            admin.site.register(model, model_admin)
        name_roles_and_permissions_in_language()
        for model in apps.get_models(include_auto_created=True):
            if model._meta.auto_created:
                name_relationship(model)


class LoginAttemptsConfig(AxesAppConfig):
    """django-axes under a name staff understand, in their own language."""

    verbose_name = _("Login attempts")


class TwoFactorConfig(TOTPAppConfig):
    """django-otp's TOTP devices, named and shown in the staff's language.

    django-otp names its model and fields in plain English strings that no
    catalogue can translate. The model's names are set on ``_meta`` (migrations
    read the class's original Meta, so no migration follows); the admin is
    ``newsroom.authenticators``.
    """

    verbose_name = _("Two-factor login")

    def ready(self):
        device = self.get_model("TOTPDevice")
        device._meta.verbose_name = _("authenticator app")
        device._meta.verbose_name_plural = _("authenticator apps")
