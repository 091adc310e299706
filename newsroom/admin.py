"""The staff admin: a password, and a TOTP code for every staff member who has an authenticator.

An administrator requires two-factor login for one staff member by adding a
TOTP device for them (Admin → TOTP devices, which shows the QR code to scan),
and for all staff with ``REQUIRE_STAFF_2FA=true``.
"""

import re
from functools import wraps
from html import unescape

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm

from articles import lexicon
from articles.lao.typography import mark_lao_words_in_page


def two_factor_required(user):
    return settings.REQUIRE_STAFF_2FA or user_has_device(user, confirmed=True)


class StaffAuthenticationForm(OTPAdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        help_text=_("The 6-digit code from your authenticator app, if you have one."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the 6-digit code from your authenticator app."),
        "invalid_token": _("That code is not right. Enter the current code from your app."),
    }

    def clean_otp(self, user):
        if user is None:
            return
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            if settings.REQUIRE_STAFF_2FA:
                raise forms.ValidationError(
                    _(
                        "Staff must log in with an authenticator app. Ask an administrator "
                        "to set one up for your account."
                    ),
                    code="otp_device_missing",
                )
            return
        # With one authenticator there is nothing to choose: spare staff the device list.
        if not self.cleaned_data.get("otp_device") and len(devices) == 1:
            self.cleaned_data["otp_device"] = devices[0].persistent_id
        super().clean_otp(user)


class StaffAdminSite(admin.AdminSite):
    login_form = StaffAuthenticationForm
    login_template = "admin/staff_login.html"

    def get_urls(self):
        from newsroom.guide import staff_guide

        guide = path(
            "guide/<slug:page>/",
            self.admin_view(staff_guide),
            {"admin_site": self},
            name="staff_guide",
        )
        return [guide, *super().get_urls()]

    def index(self, request, extra_context=None):
        from newsroom.guide import guide_for_current_language

        context = {"staff_guide_url": guide_for_current_language(), **(extra_context or {})}
        return super().index(request, context)

    def has_permission(self, request):
        """Staff, and verified by a code where a code is required."""
        return super().has_permission(request) and (
            request.user.is_verified() or not two_factor_required(request.user)
        )


def staff_required(view):
    """For staff pages outside the admin: the admin's own rules, two-factor included."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if admin.site.has_permission(request):
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))

    return wrapper


# Django's admin writes these image descriptions in English, outside its catalogue
# (the search box's magnifier, and the yes/no/unknown icons of lists).
UNTRANSLATED_ALT_TEXTS = {
    "Search": _("Search"),
    "True": _("Yes"),
    "False": _("No"),
    "None": _("Unknown"),
}
_UNTRANSLATED_ALT = re.compile(r'<img src="([^"]*)" alt="(Search|True|False|None)">')


def translate_alt_texts(page):
    """The page with Django's English image descriptions in the staff's language."""

    def translated(image):
        source, text = image.groups()
        return format_html(
            '<img src="{}" alt="{}">', unescape(source), UNTRANSLATED_ALT_TEXTS[text]
        )

    return _UNTRANSLATED_ALT.sub(translated, page)


class StaffPagesMiddleware:
    """Every admin page in the staff's language, its Lao kept whole word by word.

    The admin's text comes from Django's templates, the catalogues and staff's
    data, so it is marked once the page is rendered rather than field by field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (
            match is not None
            and match.namespace == "admin"
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            page = response.content.decode(response.charset)
            page = translate_alt_texts(page)
            response.content = mark_lao_words_in_page(page, lexicon.segmenter())
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
