"""The release form in the admin: role limits, stale-form detection, Lao proofreading.

Roles are enforced here, on the data, so a hand-made POST is refused just as
the hidden button suggests. A form carries the state of the release it was
opened on; saving over someone else's newer save is stopped, the user's input
stays in the form, and the other person's changes are shown beside it.
"""

import copy
from datetime import datetime

from django import forms
from django.db import models
from django.db.models.fields.files import FieldFile
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


CONFLICTING_ROW = _(
    "Someone else changed this to “%(theirs)s” since you opened the form. Save again to "
    "keep yours, or write theirs here."
)


def base_version(article, token):
    """The stored revision of the release that a form with this edit token was opened on."""
    _saved, _sep, version_id = token.partition(TOKEN_SEPARATOR)
    if not version_id.isdigit():
        return None
    return revisions.versions_of(article).filter(pk=version_id).first()


def show_in_form(form, name, value):
    """Put a merged value in a bound form, as a browser would send it, for the next save."""
    if not getattr(form.data, "_mutable", True):
        form.data = form.data.copy()
    widget = form.fields[name].widget
    key = form.add_prefix(name)
    if isinstance(widget, forms.MultiWidget):
        parts = widget.decompress(value)
        for suffix, part_widget, part in zip(
            widget.widgets_names, widget.widgets, parts, strict=True
        ):
            form.data[key + suffix] = part_widget.format_value(part) or ""
    elif isinstance(value, list):
        form.data.setlist(key, [str(item.pk) for item in value])
    elif isinstance(value, models.Model):
        form.data[key] = str(value.pk)
    elif not isinstance(widget, forms.FileInput):
        form.data[key] = widget.format_value(value) or ""


class MergingInlineFormSet(forms.BaseInlineFormSet):
    """Photos and documents of a release form opened before someone else's save: a
    field of a row that only they changed keeps their value, as the release's do, and
    one both changed stops the save with their value beside yours."""

    def clean(self):
        super().clean()
        base = base_version(self.instance, self.data.get("edit_token", ""))
        if base is None:
            return
        for form in self.initial_forms:
            row = form.instance
            if not row.pk or self._should_delete_form(form) or not form.is_valid():
                continue
            stored = base.revision.version_set.get_for_object(row).first()
            current = type(row).objects.filter(pk=row.pk).first()
            if stored is None or current is None:
                continue
            for name in form.fields:
                if name in ("id", "DELETE", self.fk.name) or name not in stored.field_dict:
                    continue
                theirs = getattr(current, name)
                original, mine = (
                    _comparable(stored.field_dict[name]),
                    _comparable(form.cleaned_data.get(name)),
                )
                if _comparable(theirs) in (original, mine):
                    continue
                if mine == original:
                    form.cleaned_data[name] = theirs
                    setattr(row, name, theirs)
                    show_in_form(form, name, theirs)
                else:
                    # The form comes back with the newest edit token: saving again keeps yours.
                    form.add_error(name, CONFLICTING_ROW % {"theirs": _comparable(theirs)})


class ArticleAdminForm(forms.ModelForm):
    edit_token = forms.CharField(
        label=_("version of the form"), widget=forms.HiddenInput, required=False
    )

    # Set by ArticleAdmin.get_form for the request's user.
    user = None
    check_conflicts = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.conflict_by = None
        self.merged = []  # labels of the fields that took another person's newer save
        self.choices = []  # the fields both changed, for the user to choose
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
            self._merge_with_newer_save()
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

    def _merge_with_newer_save(self):
        """Merge this form with what others saved since it was opened, field by field.

        A field only they changed takes their value, a field only this user changed
        keeps this user's, and a field both changed to different values stops the
        save: both changes are shown side by side and the user chooses for each.
        """
        submitted = self.data.get(self.add_prefix("edit_token"), "")
        current = edit_token(self.instance)
        if submitted == current:
            self._use_theirs_where_chosen()
            return
        versions = revisions.versions_of(self.instance)
        base = base_version(self.instance, submitted)
        latest = versions.first()
        # Only a revision newer than the form's names who saved; a save made outside
        # the admin and without a revision has no name to show.
        if latest and latest != base:
            self.conflict_by = latest.revision.user
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_token")] = current
        if base is None:
            self.conflict = revisions.changes({}, revisions.current_values(self.instance))
            self._stop()
            return
        before = revisions.version_values(base)
        theirs = {}  # the fields both changed, and the other editor's value of each
        for name in self._merged_fields():
            current = self._current(name)
            original, other, mine = (
                _comparable(before.get(revisions.stored_name(name))),
                _comparable(current),
                _comparable(self.cleaned_data[name]),
            )
            if mine == other or other == original:
                continue
            if mine == original:
                self.cleaned_data[name] = current
                self.merged.append(self.fields[name].label)
                show_in_form(self, name, current)
            else:
                theirs[name] = current
        if theirs:
            yours = {name: self.cleaned_data[name] for name in theirs}
            self.choices = revisions.conflicts(before, theirs, yours)
            self._stop()

    def _stop(self):
        self.add_error(
            None,
            _(
                "Someone else saved this release while you were editing it. Nothing has been "
                "saved yet and your text is still in the form, with their changes to the "
                "fields you did not change. Where you both changed a field, both versions are "
                "shown below: choose for each, then save again."
            ),
        )

    def _merged_fields(self):
        """The release's own fields this form changes and were cleaned without an error."""
        return [
            name
            for name in self.fields
            if name in self.cleaned_data and name not in ("edit_token", *self.locked)
        ]

    def _current(self, name):
        if name == "topics":
            return list(self.instance.topics.all())
        return getattr(self.instance, name)

    def _use_theirs_where_chosen(self):
        """After a stop, the fields the user chose to take from the other save."""
        for name in self._merged_fields():
            if self.data.get(f"keep_{name}") == "theirs":
                self.cleaned_data[name] = self._current(name)

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


def _comparable(value):
    """A field's value from a revision, the database or a form, in one comparable form."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, models.QuerySet)):
        return sorted(_comparable(item) for item in value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime):
        return value.timestamp()
    return "" if value is None else str(value)
