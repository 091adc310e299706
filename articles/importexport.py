"""Releases as folders: the bulk import and export format.

One folder per release holds ``metadata.json``, ``lo.txt`` (the Lao title on
the first line, a blank line, then the body), an optional ``en.txt`` in the same
shape, and the image and PDF files that metadata names. docs/editing.md describes it.

Import and export share one description of a release, :func:`describe`, with
every file stood in for by a hash of its bytes: a folder whose description
equals the stored release's changes nothing, which makes imports idempotent,
and export followed by import gives back the same descriptions.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .documents import validate_pdf
from .gallery import validate_image_format
from .lao.text import clean_for_storage
from .models import Article, Attachment, GalleryImage, Section, Topic

METADATA = "metadata.json"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class FolderError(Exception):
    """A folder that cannot be imported, with what is wrong in words an editor understands."""


@dataclass
class Release:
    """One release as a folder holds it: its description and the bytes of its files."""

    key: str
    description: dict
    files: dict = field(default_factory=dict)  # hash -> (file name, bytes)


def _digest(content):
    return hashlib.sha256(content).hexdigest()


def _names(item, name):
    return {code: getattr(item, f"{name}_{code}") or "" for code in LANGUAGES}


def _text_file(title, body):
    return f"{title}\n\n{body}\n" if title or body else ""


def describe(article):
    """A stored release as a Release, files read from storage."""
    files = {}

    def stored(field_file, name):
        with field_file.open("rb") as source:
            content = source.read()
        digest = _digest(content)
        files.setdefault(digest, (name, content))  # identical files are written once
        return digest

    description = {
        "status": article.status,
        # In Vientiane time: an editor reading the folder sees the release's own date.
        "published_at": (
            timezone.localtime(article.published_at).isoformat() if article.published_at else None
        ),
        "event_date": article.event_date.isoformat() if article.event_date else None,
        "slug": article.slug,
        "section": (
            {"slug": article.section.slug, "name": _names(article.section, "name")}
            if article.section
            else None
        ),
        "topics": [
            {"slug": topic.slug, "name": _names(topic, "name")}
            for topic in article.topics.order_by("slug")
        ],
        "text": {
            code: _text_file(getattr(article, f"title_{code}"), getattr(article, f"body_{code}"))
            for code in LANGUAGES
        },
        "summary": _names(article, "summary"),
        "source": _names(article, "source"),
        "image": None,
        "gallery": [],
        "attachments": [],
    }
    if article.image:
        suffix = Path(article.image.name).suffix
        description["image"] = {
            "file": stored(article.image, f"image{suffix}"),
            "alt": _names(article, "image_alt"),
            "caption": _names(article, "image_caption"),
        }
    for number, photo in enumerate(article.gallery.all(), start=1):
        suffix = Path(photo.image.name).suffix
        description["gallery"].append(
            {
                "file": stored(photo.image, f"photo-{number}{suffix}"),
                "alt": _names(photo, "alt"),
                "caption": _names(photo, "caption"),
            }
        )
    for number, document in enumerate(article.attachments.all(), start=1):
        description["attachments"].append(
            {
                "file": stored(document.file, f"document-{number}-{document.language}.pdf"),
                "language": document.language,
                "title": document.title,
            }
        )
    return Release(article.import_key or f"release-{article.pk}", description, files)


def write_folder(release, folder):
    """Write a Release as a folder: metadata with file names, text files, the files."""
    folder.mkdir(parents=True, exist_ok=True)
    description = json.loads(json.dumps(release.description))
    names = {digest: name for digest, (name, _content) in release.files.items()}
    for item in [description["image"], *description["gallery"], *description["attachments"]]:
        if item:
            item["file"] = names[item["file"]]
    for code, text in description.pop("text").items():
        if text:
            (folder / f"{code}.txt").write_text(text, encoding="utf-8")
    metadata = {"import_key": release.key, **description}
    (folder / METADATA).write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    for name, content in release.files.values():
        (folder / name).write_bytes(content)


def _check(condition, message):
    if not condition:
        raise FolderError(message)


def _read_file(folder, name, validator):
    path = folder / str(name)
    _check(
        Path(str(name)).name == str(name) and path.is_file(),
        f"{METADATA} names {name!r}, which is not a file in the folder",
    )
    content = path.read_bytes()
    try:
        validator(ContentFile(content, name=str(name)))
    except ValidationError as error:
        raise FolderError(f"{name}: {' '.join(error.messages)}") from error
    return content


def _languages(value, what):
    value = value or {}
    _check(isinstance(value, dict), f"{what} must be an object with 'lo' and 'en' texts")
    return {code: clean_for_storage(str(value.get(code) or "").strip()) for code in LANGUAGES}


def read_folder(folder):
    """Read and check one release folder; raise FolderError saying what is wrong."""
    try:
        metadata = json.loads((folder / METADATA).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise FolderError(f"no {METADATA} in the folder") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise FolderError(f"{METADATA} is not valid JSON: {error}") from error
    _check(isinstance(metadata, dict), f"{METADATA} must hold an object")
    key = str(metadata.get("import_key") or folder.name)
    _check(len(key) <= 100, "import_key is longer than 100 characters")

    text = {}
    for code in LANGUAGES:
        path = folder / f"{code}.txt"
        written = path.read_text(encoding="utf-8") if path.is_file() else ""
        title, _blank, body = clean_for_storage(written).partition("\n\n")
        _check(
            not written or (title.strip() and body.strip()),
            f"{code}.txt needs a title line, a blank line, then the body",
        )
        text[code] = _text_file(title.strip(), body.strip())
    _check(text["lo"], "lo.txt is missing: every release has its Lao original")

    status = metadata.get("status", Article.Status.DRAFT)
    _check(status in Article.Status.values, f"unknown status {status!r}")
    published_at = metadata.get("published_at")
    if published_at is not None:
        _check(
            parse_datetime(str(published_at)) is not None,
            f"published_at {published_at!r} is not a date and time like 2022-08-24T10:00:00+07:00",
        )
    event_date = metadata.get("event_date")
    if event_date is not None:
        _check(
            parse_date(str(event_date)) is not None,
            f"event_date {event_date!r} is not a date like 2022-08-24",
        )

    files = {}

    def file_of(name, validator):
        content = _read_file(folder, name, validator)
        digest = _digest(content)
        files.setdefault(digest, (str(name), content))
        return digest

    def taxonomy(item):
        _check(isinstance(item, dict) and item.get("slug"), "a section or topic needs a slug")
        return {"slug": str(item["slug"]), "name": _languages(item.get("name"), "name")}

    image = metadata.get("image")
    for photo in [image, *(metadata.get("gallery") or [])]:
        if photo:
            _check(
                _languages(photo.get("alt"), "alt")["lo"],
                "every image needs Lao alt text, for readers who cannot see it",
            )
    if image:
        image = {
            "file": file_of(image.get("file"), validate_image_format),
            "alt": _languages(image.get("alt"), "image alt"),
            "caption": _languages(image.get("caption"), "image caption"),
        }
    gallery = [
        {
            "file": file_of(photo.get("file"), validate_image_format),
            "alt": _languages(photo.get("alt"), "photo alt"),
            "caption": _languages(photo.get("caption"), "photo caption"),
        }
        for photo in metadata.get("gallery") or []
    ]
    attachments = []
    for document in metadata.get("attachments") or []:
        _check(document.get("language") in LANGUAGES, "a document's language must be lo or en")
        _check(document.get("title"), "a document needs a title")
        attachments.append(
            {
                "file": file_of(document.get("file"), validate_pdf),
                "language": document["language"],
                "title": str(document["title"]),
            }
        )
    section = metadata.get("section")
    description = {
        "status": status,
        "published_at": published_at,
        "event_date": event_date,
        "slug": str(metadata.get("slug") or ""),
        "section": taxonomy(section) if section else None,
        "topics": sorted(
            (taxonomy(topic) for topic in metadata.get("topics") or []),
            key=lambda topic: topic["slug"],
        ),
        "text": text,
        "summary": _languages(metadata.get("summary"), "summary"),
        "source": _languages(metadata.get("source"), "source"),
        "image": image,
        "gallery": gallery,
        "attachments": attachments,
    }
    return Release(key, description, files)


# Filled in on saving when a folder leaves them out (Article.save), so only compared when given.
FILLED_IN_ON_SAVE = ("published_at", "slug")


def _comparable(description, folder):
    """What must match for a folder to change nothing, as the database gives it back."""
    comparable = json.loads(json.dumps(description))
    for key in FILLED_IN_ON_SAVE:
        if not folder[key]:
            comparable.pop(key)
    if comparable.get("published_at"):
        comparable["published_at"] = parse_datetime(comparable["published_at"]).timestamp()
    if comparable["status"] == Article.Status.SCHEDULED:
        comparable["status"] = Article.Status.PUBLISHED  # saving schedules a future one
    for item in comparable["topics"] + [comparable["section"] or {"name": {}}]:
        item.pop("name", None)  # existing names are kept, never overwritten by an import
    return comparable


def _taxonomy(model, item):
    names = {f"name_{code}": item["name"][code] or item["slug"] for code in LANGUAGES}
    found, _created = model.objects.get_or_create(slug=item["slug"], defaults=names)
    return found


def _set_languages(target, name, values):
    for code in LANGUAGES:
        setattr(target, f"{name}_{code}", values[code])


def _file(release, digest):
    name, content = release.files[digest]
    return ContentFile(content, name=name)


@transaction.atomic
def import_release(release):
    """Create or update the release a folder describes; say which ('created', ...)."""
    article = Article.objects.filter(import_key=release.key).first()
    if article is not None:
        stored, folder = describe(article).description, release.description
        if _comparable(stored, folder) == _comparable(folder, folder):
            return "unchanged"
        outcome = "updated"
    else:
        article = Article(import_key=release.key)
        outcome = "created"
    data = release.description
    for code in LANGUAGES:
        title, _blank, body = data["text"][code].partition("\n\n")
        setattr(article, f"title_{code}", title.strip())
        setattr(article, f"body_{code}", body.strip())
    _set_languages(article, "summary", data["summary"])
    _set_languages(article, "source", data["source"])
    article.status = data["status"]
    article.published_at = parse_datetime(data["published_at"]) if data["published_at"] else None
    article.event_date = parse_date(data["event_date"]) if data["event_date"] else None
    article.slug = data["slug"]
    article.section = _taxonomy(Section, data["section"]) if data["section"] else None
    image = data["image"]
    current_image = describe(article).description["image"] if article.pk else None
    if not image:
        article.image = None
    elif not current_image or current_image["file"] != image["file"]:
        article.image = _file(release, image["file"])
    for name in ("alt", "caption"):
        _set_languages(article, f"image_{name}", image[name] if image else dict.fromkeys(LANGUAGES))
    with reversion.create_revision():
        reversion.set_comment(f"Imported from folder {release.key}")
        article.save()
        article.topics.set([_taxonomy(Topic, topic) for topic in data["topics"]])
        article.gallery.all().delete()
        for position, photo in enumerate(data["gallery"]):
            item = GalleryImage(article=article, position=position)
            item.image = _file(release, photo["file"])
            _set_languages(item, "alt", photo["alt"])
            _set_languages(item, "caption", photo["caption"])
            item.save()
        article.attachments.all().delete()
        for document in data["attachments"]:
            Attachment.objects.create(
                article=article,
                language=document["language"],
                title=document["title"],
                file=_file(release, document["file"]),
            )
    return outcome
