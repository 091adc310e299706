from django import forms
from django.utils.translation import gettext_lazy as _

from .search import LONGEST_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search press releases"),
        max_length=LONGEST_QUERY,
        required=False,
        strip=True,
        error_messages={
            "max_length": _("Please search with at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )
