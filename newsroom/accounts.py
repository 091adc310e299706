"""Roles, permissions and login records named in the staff's language.

Django stores permission names ("Can add press release") and our role names
("Editor") as data, in English, and django-axes names its login records in
English f-strings. The admin shows all of them through ``__str__``: the user and
group forms, the list filters, the group list, the history, the checkboxes of a
list and what a deletion takes with it. These names go through the catalogues.
"""

from axes.admin import AccessAttemptAdmin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.workflow import ROLE_NAMES

DEFAULT_PERMISSIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}


def role_name(group):
    """A role's name in the admin's language; any other group keeps the name it was given."""
    return str(ROLE_NAMES.get(group.name, group.name))


def permission_label(permission):
    """ "Press releases | press release | Can add press release", in the admin's language."""
    model = permission.content_type.model_class()
    if model is None:
        return f"{permission.content_type} | {permission.name}"
    action, _separator, model_name = permission.codename.partition("_")
    if model_name == model._meta.model_name and action in DEFAULT_PERMISSIONS:
        name = DEFAULT_PERMISSIONS[action] % {"name": model._meta.verbose_name}
    else:
        name = dict(model._meta.permissions).get(permission.codename, permission.name)
    return f"{permission.content_type} | {name}"


def login_record_label(record):
    """ "Login of editor1 at 30 November 2026 09:15", for any of django-axes' records."""
    when = formats.localize(timezone.localtime(record.attempt_time))
    return gettext("Login of %(username)s at %(time)s") % {
        "username": record.username,
        "time": when,
    }


def name_roles_and_permissions_in_language():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group, Permission

    Group.__str__ = role_name
    Permission.__str__ = permission_label
    for record in (AccessAttempt, AccessFailureLog, AccessLog):
        record.__str__ = login_record_label


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's, with its warning translated: Django joins it to the help text in English."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class StaffUserAdmin(UserAdmin):
    change_password_form = PasswordChangeForm


class LoginAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description=_("status"))
    def status(self, attempt):
        return super().status(attempt)
