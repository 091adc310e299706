from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """Django's admin with our site class, so `admin.site` and `@admin.register` need no change."""

    default_site = "newsroom.admin.StaffAdminSite"
