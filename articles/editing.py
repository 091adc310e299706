"""The release form in the admin: role limits, stale-form detection, Lao proofreading.

Roles are enforced here, on the data, so a hand-made POST is refused just as
the hidden button suggests. A form carries the state of the release it was
opened on; saving over someone else's newer save is stopped, the user's input
stays in the form, and the other person's changes are shown beside it.
"""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from . import revisions, workflow
from .lao.proofreading import proofread
from .models import Article

TOKEN_SEPARATOR = "|"
PROOFREADING_MESSAGES = {
    "thai": _(
        "%(field)s: Thai characters “%(detail)s” near “%(context)s”. They look like Lao, "
        "but search and spell-checking treat them as another script."
    ),
    "invisible": _(
        "%(field)s: an invisible zero-width character near “%(context)s” was removed on saving."
    ),
    "mixed": _(
        "%(field)s: both spellings %(detail)s are used in this text, "
        "for example near “%(context)s”. Choose one."
    ),
    "split": _("%(field)s: the space near “%(context)s” splits the word “%(detail)s”."),
}


def edit_token(article):
    """What a form was opened on: the release's last save and its latest revision."""
    if not article.pk:
        return ""
    latest = Version.objects.get_for_object(article).values_list("pk", flat=True).first()
    return f"{article.updated_at.isoformat()}{TOKEN_SEPARATOR}{latest or ''}"


class ArticleAdminForm(forms.ModelForm):
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    # Set by ArticleAdmin.get_form for the request's user.
    user = None
    check_conflicts = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.conflict_by = None
        self.fields["edit_token"].initial = edit_token(self.instance)
        self.locked = {}
        for name in workflow.locked_fields(self.user):
            if name in self.fields:
                self.locked[name] = copy.deepcopy(self.fields[name])
                self.fields[name].disabled = True
        if "status" in self.fields and "status" not in self.locked:
            allowed = workflow.allowed_statuses(self.user, self.instance.status)
            self.fields["status"].widget.choices = [
                (value, label) for value, label in Article.Status.choices if value in allowed
            ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        if "status" not in self.locked and status not in workflow.allowed_statuses(
            self.user, self.instance.status
        ):
            raise forms.ValidationError(
                _("Only a publisher can schedule, publish or withdraw a release."),
                code="not_publisher",
            )
        return status

    def clean(self):
        cleaned = super().clean()
        self._refuse_locked_changes()
        if self.check_conflicts and self.instance.pk:
            self._stop_stale_save()
        return cleaned

    def _refuse_locked_changes(self):
        """A locked field sent with a new value is an error, not something silently dropped."""
        for name, field in self.locked.items():
            prefixed = self.add_prefix(name)
            if field.widget.value_omitted_from_data(self.data, self.files, prefixed):
                continue
            submitted = field.widget.value_from_datadict(self.data, self.files, prefixed)
            if field.has_changed(self.get_initial_for_field(field, name), submitted):
                self.add_error(
                    None,
                    _("Your role does not allow changing “%(field)s”.") % {"field": field.label},
                )

    def _stop_stale_save(self):
        submitted = self.data.get(self.add_prefix("edit_token"), "")
        current = edit_token(self.instance)
        if submitted == current:
            return
        _saved, _sep, version_id = submitted.partition(TOKEN_SEPARATOR)
        versions = revisions.versions_of(self.instance)
        base = versions.filter(pk=version_id).first() if version_id.isdigit() else None
        before = revisions.version_values(base) if base else {}
        self.conflict = revisions.changes(before, revisions.current_values(self.instance))
        latest = versions.first()
        # Only a revision newer than the form's names who saved; a save made outside
        # the admin and without a revision has no name to show.
        if latest and latest != base:
            self.conflict_by = latest.revision.user
        # The re-shown form carries the current token: saving again keeps this user's text.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_token")] = current
        self.add_error(
            None,
            _(
                "Someone else saved this release while you were editing it. Nothing has been "
                "saved yet and your text is still in the form. Check their changes shown "
                "below, then save again to keep your version."
            ),
        )

    def proofreading_warnings(self):
        """Hints about the Lao text as typed, before the storage clean-up removes anything."""
        warnings = []
        for name in workflow.LAO_FIELDS:
            if name not in self.changed_data:
                continue  # warn about what this save changes, not on every save
            text = self.data.get(self.add_prefix(name), "")
            for finding in proofread(text):
                warnings.append(
                    PROOFREADING_MESSAGES[finding.code]
                    % {
                        "field": self.fields[name].label,
                        "detail": finding.detail,
                        "context": finding.context,
                    }
                )
        return warnings
