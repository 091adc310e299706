"""Readable differences between two states of a release, for history and edit conflicts.

django-reversion keeps every saved state; this module turns two of them into
what a person can read: per field, the words removed and added. Lao is compared
word by word as ICU segments it, so a changed word is marked whole.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.conf import settings
from django.utils.html import format_html, format_html_join
from reversion.models import Version

from .lexicon import words
from .models import Article

OTHER_FIELDS = ("status", "published_at", "event_date", "slug", "section_id", "image")


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    language: str
    diff: str


def text_fields():
    return [
        (f"{name}_{code}", code)
        for name in Article.TRANSLATED_TEXT
        for code, _language in settings.LANGUAGES
    ]


def label_of(field):
    return Article._meta.get_field(field).verbose_name


def inline_diff(old, new):
    """HTML of new text with removed words in <del> and added words in <ins>."""
    before, after = words(old), words(new)
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("span", "".join(after[j1:j2])))
            continue
        if i2 > i1:
            parts.append(("del", "".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("ins", "".join(after[j1:j2])))
    return format_html_join("", "<{0}>{1}</{0}>", parts)


def changes(before, after):
    """What differs between two dicts of field values, text fields as word diffs."""
    found = []
    for field, language in text_fields():
        old, new = before.get(field) or "", after.get(field) or ""
        if old != new:
            found.append(Change(field, label_of(field), language, inline_diff(old, new)))
    for field in OTHER_FIELDS:
        old, new = before.get(field), after.get(field)
        if str(old or "") != str(new or ""):
            name = field.removesuffix("_id")
            diff = format_html("<del>{}</del> <ins>{}</ins>", old or "", new or "")
            found.append(Change(field, label_of(name), "", diff))
    return found


@dataclass(frozen=True)
class Conflict:
    """A field two people changed since the same revision: what each of them did."""

    field: str
    label: str
    language: str
    theirs: str
    yours: str


def _shown(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def conflicts(before, theirs, yours):
    """Word diffs from the common revision to each side: `before` holds a revision's
    values (version_values), `theirs` and `yours` the values by the form's field names."""
    languages = dict(text_fields())
    found = []
    for field, mine in yours.items():
        other = theirs[field]
        original = before.get(stored_name(field))
        if field in languages:
            their_diff = inline_diff(original or "", other or "")
            your_diff = inline_diff(original or "", mine or "")
        else:
            their_diff, your_diff = (
                format_html("<del>{}</del> <ins>{}</ins>", _shown(original), _shown(value))
                for value in (other, mine)
            )
        found.append(
            Conflict(field, label_of(field), languages.get(field, ""), their_diff, your_diff)
        )
    return found


def stored_name(field):
    """A form field's key in a stored revision's values (version_values)."""
    return "section_id" if field == "section" else field


def current_values(article):
    return {field.attname: getattr(article, field.attname) for field in Article._meta.fields}


def version_values(version):
    """A stored revision's field values, keyed like current_values()."""
    values = dict(version.field_dict)
    if "section" in values:
        values["section_id"] = values.pop("section")
    return values


def versions_of(article):
    return Version.objects.get_for_object(article).select_related("revision__user")


def article_at(version, current):
    """An unsaved Article holding a stored revision's fields, to preview as readers see it.

    Topics, documents and the gallery are today's; renditions are reused while the
    revision's image is still the current one.
    """
    concrete = {field.attname for field in Article._meta.concrete_fields}
    values = {name: value for name, value in version_values(version).items() if name in concrete}
    values.pop("search_vector", None)
    article = Article(**values)
    if article.image.name == current.image.name:
        article.image_renditions = current.image_renditions
    return article
