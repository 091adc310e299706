"""The admin of staff's authenticator apps (django-otp's TOTP devices), in the staff's language."""

from django.contrib import admin
from django.contrib.admin.utils import display_for_value
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin


class AuthenticatorAdmin(TOTPDeviceAdmin):
    """django-otp's TOTP device admin with every label and help text translatable."""

    FIELD_TEXTS = {
        "user": (_("staff member"), _("The staff member who logs in with this app.")),
        "name": (_("name"), _("A name that tells this app apart, such as the phone it is on.")),
        "confirmed": (_("ready for use"), _("Untick to stop accepting this app's codes.")),
        "key": (
            _("secret key"),
            _("The key the app is set up with, in hexadecimal. Anyone who has it can make codes."),
        ),
        "step": (_("seconds per code"), _("How long each code lasts. Authenticator apps use 30.")),
        "t0": (_("start time"), _("The Unix time at which codes start to count. Leave it at 0.")),
        "digits": (_("digits"), _("How many digits each code has. Authenticator apps use 6.")),
        "tolerance": (
            _("codes accepted either side"),
            _("How many codes before or after the current one are still accepted."),
        ),
        "drift": (
            _("clock drift"),
            _("How many codes the phone's clock is known to be off by. Kept up to date by itself."),
        ),
        "throttling_failure_timestamp": (
            _("last wrong code"),
            _("When a wrong code was last entered; empty once a right code is entered."),
        ),
        "throttling_failure_count": (
            _("wrong codes in a row"),
            _("Each wrong code makes the next try wait longer."),
        ),
    }
    FIELDSET_NAMES = {
        "Identity": None,
        "Timestamps": _("Dates"),
        "Configuration": _("Code settings"),
        "State": _("Clock"),
        "Throttling": _("Wrong codes"),
    }
    RENAMED_FIELDS = {"created_at": "added", "last_used_at": "last_used"}
    list_display = ["staff_member", "name_column", "added", "last_used", "ready"]
    # django-otp filters by fields it names in English only; a ministry has few devices.
    list_filter = []
    search_fields = ["user__username", "name"]
    search_help_text = _("Search by the staff member's username or the app's name.")
    readonly_fields = ["added", "last_used", "qrcode_link"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.FIELD_TEXTS:
            kwargs["label"], kwargs["help_text"] = self.FIELD_TEXTS[db_field.name]
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return [
            (
                self.FIELDSET_NAMES.get(name, name),
                {
                    **options,
                    "fields": [self.RENAMED_FIELDS.get(f, f) for f in options["fields"]],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description=_("staff member"), ordering="user__username")
    def staff_member(self, device):
        return device.user

    @admin.display(description=_("name"), ordering="name")
    def name_column(self, device):
        return device.name

    @admin.display(description=_("added"), ordering="created_at")
    def added(self, device):
        return display_for_value(device.created_at, self.get_empty_value_display())

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, device):
        return display_for_value(device.last_used_at, self.get_empty_value_display())

    @admin.display(description=_("ready for use"), boolean=True, ordering="confirmed")
    def ready(self, device):
        return device.confirmed

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        url = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', url, _("Show the QR code to scan"))
