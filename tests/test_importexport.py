"""Bulk import and export: folders in, folders out, the same archive both ways."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from reversion.models import Version

from articles.models import Article, Attachment, GalleryImage, Section, Topic
from tests.conftest import pdf_upload, photo_upload


def run(command, path):
    out, err = io.StringIO(), io.StringIO()
    try:
        with translation.override("en"):
            call_command(command, str(path), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue().splitlines(), err.getvalue().splitlines(), str(error)
    return out.getvalue().splitlines(), err.getvalue().splitlines(), None


def tree(path):
    return {
        str(file.relative_to(path)): file.read_bytes() for file in path.rglob("*") if file.is_file()
    }


@pytest.fixture
def archive(related_release):
    """The seed release, a second with photo, gallery and PDFs, and an English-less draft."""
    GalleryImage.objects.create(
        article=related_release,
        image=photo_upload(800, 600, "gallery.jpg"),
        alt_lo="ຜູ້ເຂົ້າຮ່ວມ",
        alt_en="Participants",
        caption_en="Participants at the meeting",
    )
    Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນຮ່າງ", status="review")


def keys():
    """Folder names: release-<pk> (PostgreSQL does not reuse ids between tests)."""
    return [f"release-{pk}" for pk in Article.objects.order_by("pk").values_list("pk", flat=True)]


def test_export_then_import_into_an_empty_database_gives_the_same_archive(archive, tmp_path):
    seed, second, draft = keys()
    out, _err, _error = run("export_releases", tmp_path / "first")
    assert out == [f"{key}: exported" for key in (seed, second, draft)]
    first = tree(tmp_path / "first")
    assert {f"{second}/image.jpg", f"{second}/photo-1.jpg", f"{second}/document-1-en.pdf"} <= set(
        first
    )
    metadata = json.loads(first[f"{seed}/metadata.json"])
    assert metadata["section"]["slug"] == "digital-government"
    assert first[f"{seed}/lo.txt"].decode().startswith("ກອງປະຊຸມສະຫຼຸບຜົນສຳເລັດ")

    for model in (Article, Section, Topic):
        model.objects.all().delete()
    out, err, error = run("import_releases", tmp_path / "first")
    assert (out, err, error) == ([f"{key}: created" for key in (seed, second, draft)], [], None)
    assert (GalleryImage.objects.count(), Attachment.objects.count()) == (1, 2)
    assert Article.objects.get(import_key=second).picture is not None
    run("export_releases", tmp_path / "second")
    assert tree(tmp_path / "second") == first


def test_export_writes_publication_times_in_vientiane_time(seed_article, tmp_path):
    """As editors read them: the seed was published on 24 August there, 23 August in UTC."""
    (seed,) = keys()
    run("export_releases", tmp_path)
    metadata = json.loads((tmp_path / seed / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["published_at"] == "2022-08-24T00:00:00+07:00"


def test_importing_an_export_back_changes_nothing(archive, tmp_path):
    run("export_releases", tmp_path)
    versions = Version.objects.count()
    out, _err, _error = run("import_releases", tmp_path)
    assert out == [f"{key}: unchanged" for key in keys()]
    assert Version.objects.count() == versions


def test_importing_twice_changes_nothing(archive, tmp_path):
    seed, second, draft = keys()
    run("export_releases", tmp_path)
    Article.objects.all().delete()
    run("import_releases", tmp_path)
    versions = Version.objects.count()
    out, _err, _error = run("import_releases", tmp_path)
    assert out == [f"{key}: unchanged" for key in (seed, second, draft)]
    assert Version.objects.count() == versions

    (tmp_path / draft / "lo.txt").write_text("ຮ່າງໃໝ່\n\nເນື້ອໃນໃໝ່\n", encoding="utf-8")
    assert run("import_releases", tmp_path)[0][2] == f"{draft}: updated"
    assert Article.objects.get(import_key=draft).title_lo == "ຮ່າງໃໝ່"
    assert run("import_releases", tmp_path)[0][2] == f"{draft}: unchanged"


def write(folder, metadata, lo="ຫົວຂໍ້\n\nເນື້ອໃນ\n", files=None):
    folder.mkdir()
    (folder / "metadata.json").write_text(
        metadata if isinstance(metadata, str) else json.dumps(metadata), encoding="utf-8"
    )
    if lo:
        (folder / "lo.txt").write_text(lo, encoding="utf-8")
    for name, content in (files or {}).items():
        (folder / name).write_bytes(content)


def test_bad_folders_are_rejected_with_a_reason_and_the_rest_imported(db, tmp_path):
    photo = photo_upload(400, 300).read()
    write(
        tmp_path / "a-good",
        {
            "status": "published",
            "published_at": "2022-08-24T10:00:00+07:00",
            "image": {"file": "photo.jpg", "alt": {"lo": "ຮູບ"}},
            "attachments": [{"file": "doc.pdf", "language": "lo", "title": "ເອກະສານ"}],
            "topics": [{"slug": "korea", "name": {"lo": "ສ ເກົາຫຼີ", "en": "Korea"}}],
        },
        files={"photo.jpg": photo, "doc.pdf": pdf_upload().read()},
    )
    write(tmp_path / "b-broken-json", "{not json")
    write(tmp_path / "c-no-lao", {}, lo="")
    write(
        tmp_path / "d-fake-pdf",
        {"attachments": [{"file": "doc.pdf", "language": "lo", "title": "ເອກະສານ"}]},
        files={"doc.pdf": b"MZ not a pdf"},
    )
    write(
        tmp_path / "e-gif",
        {"image": {"file": "photo.gif", "alt": {"lo": "ຮູບ"}}},
        files={"photo.gif": b"GIF89a\x01\x00\x01\x00"},
    )
    write(tmp_path / "f-escape", {"image": {"file": "../a-good/photo.jpg", "alt": {"lo": "ຮູບ"}}})
    write(tmp_path / "g-bad-status", {"status": "live"})
    out, err, error = run("import_releases", tmp_path)
    assert out == ["a-good: created"]
    assert err == [
        "b-broken-json: rejected: metadata.json is not valid JSON: Expecting property name "
        "enclosed in double quotes: line 1 column 2 (char 1)",
        "c-no-lao: rejected: lo.txt is missing: every release has its Lao original",
        "d-fake-pdf: rejected: doc.pdf: Upload a PDF document. This file is not one.",
        "e-gif: rejected: photo.gif: "
        "Upload a JPEG, PNG or WebP image. This file is not one of them.",
        "f-escape: rejected: metadata.json names '../a-good/photo.jpg', "
        "which is not a file in the folder",
        "g-bad-status: rejected: unknown status 'live'",
    ]
    assert error == "6 folder(s) rejected; the others were imported"
    article = Article.objects.get()
    assert (article.import_key, article.is_live, article.title_lo) == ("a-good", True, "ຫົວຂໍ້")
    assert article.topics.get().name_en == "Korea"


def test_export_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "something").write_text("x")
    assert "is not empty" in run("export_releases", tmp_path)[2]
