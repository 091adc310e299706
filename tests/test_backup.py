"""Backup and restore as docs/operations.md says, run for real: every release, account
and file comes back.

On PostgreSQL: pg_dump of the database and a tar of MEDIA_ROOT, restored into an
empty database and folder. On SQLite (``make run``): dumpdata, then migrate and
loaddata into an empty SQLite file.
"""

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from urllib.parse import quote

import psycopg
import pytest
import reversion
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from PIL import Image

from articles.models import Article

COLUMNS = "id, title_lo, title_en, body_lo, body_en, status, slug, image"
REVISIONS = "SELECT object_id, serialized_data FROM reversion_version ORDER BY id"


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue())


@pytest.fixture
def archive(transactional_db, settings, tmp_path):
    """Committed releases, drafts among them, with images in a media folder of their own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_initial_data", stdout=io.StringIO())
    for index, colour in enumerate(["red", "green", "blue"]):
        article = Article.objects.create(
            title_lo=f"ຂ່າວທີ {index} ສະຫຼຸບກອງປະຊຸມ",
            title_en=f"Release {index}",
            body_lo="ວັກທີໜຶ່ງ\nວັກທີສອງ",
            body_en="First\nSecond",
            status=Article.Status.PUBLISHED if index else Article.Status.DRAFT,
            published_at=timezone.now() - timedelta(days=index),
        )
        article.image.save("photo.jpg", jpeg(colour))
        # Two saves in the history, as the admin keeps them.
        for title in (f"Release {index}, first draft", f"Release {index}"):
            with reversion.create_revision():
                article.title_en = title
                article.save()
    User.objects.create_user("editor", password="a long staff passphrase 4 tests")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {COLUMNS} FROM articles_article ORDER BY id")
        rows = cursor.fetchall()
        cursor.execute(REVISIONS)
        revisions = cursor.fetchall()
    assert len(revisions) == 6
    return rows, revisions, media_digests(settings.MEDIA_ROOT)


def media_digests(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def run(*command, **environment):
    subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        check=True,
        capture_output=True,
        env={**os.environ, **environment},
    )


def postgres_url(name):
    database = connection.settings_dict
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    host = database["HOST"] or "localhost"
    return f"postgresql://{database['USER']}{password}@{host}:{database['PORT'] or 5432}/{name}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
def test_pg_dump_and_media_tar_restore_into_an_empty_database(archive, tmp_path):
    rows, revisions, files = archive
    url = postgres_url(connection.settings_dict["NAME"])
    dump, media_tar = tmp_path / "newsroom.dump", tmp_path / "media.tar.gz"
    # The commands of docs/operations.md, "Backups".
    run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", url)
    run("tar", "-C", str(settings.MEDIA_ROOT), "-czf", str(media_tar), ".")

    restored = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        server.execute(f'CREATE DATABASE "{restored}"')
    try:
        run(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            f"--dbname={postgres_url(restored)}",
            str(dump),
        )
        media = tmp_path / "restored-media"
        media.mkdir()
        run("tar", "-C", str(media), "-xzf", str(media_tar))
        with psycopg.connect(postgres_url(restored)) as database:
            assert (
                database.execute(f"SELECT {COLUMNS} FROM articles_article ORDER BY id").fetchall()
                == rows
            )
            assert database.execute(REVISIONS).fetchall() == revisions
            users = database.execute("SELECT username FROM auth_user").fetchall()
            next_id = database.execute("SELECT nextval('articles_article_id_seq')").fetchone()[0]
        assert users == [("editor",)]
        assert next_id > max(row[0] for row in rows)
        assert media_digests(media) == files
        assert {row[-1] for row in rows if row[-1]} <= set(files)
    finally:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite install's backup")
def test_dumpdata_restores_into_an_empty_sqlite_database(archive, tmp_path):
    rows, revisions, files = archive
    dump = tmp_path / "newsroom.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        "--exclude=sessions",
        f"--output={dump}",
    )
    database = tmp_path / "restored.sqlite3"
    environment = {
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.local",
    }
    manage = [sys.executable, "manage.py"]
    run(*manage, "migrate", "--noinput", **environment)
    run(*manage, "loaddata", str(dump), **environment)
    with sqlite3.connect(database) as restored:
        assert (
            restored.execute(f"SELECT {COLUMNS} FROM articles_article ORDER BY id").fetchall()
            == rows
        )
        assert restored.execute(REVISIONS).fetchall() == revisions
        assert restored.execute("SELECT username FROM auth_user").fetchall() == [("editor",)]
    assert {row[-1] for row in rows if row[-1]} <= set(files)
