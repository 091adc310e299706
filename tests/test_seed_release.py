"""The first record must be the real release, faithfully archived and translated."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from articles.lao.text import clean_for_storage

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "ksp-closing-meeting.json"
SOURCE = Path(settings.BASE_DIR) / "fixtures" / "source" / "ksp-closing-meeting.lo.txt"


@pytest.fixture(scope="module")
def records():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fields(records):
    (record,) = [record for record in records if record["model"] == "articles.article"]
    return record["fields"]


def test_lao_body_is_the_published_text_with_only_invisible_fixes(fields):
    published = SOURCE.read_text(encoding="utf-8")
    assert fields["body_lo"] == clean_for_storage(published)
    assert fields["body_lo"].count("\n") == 4  # four paragraphs and the source line
    assert "ໂຄງ ການ" in fields["body_lo"]  # stray spaces are archived as published
    assert fields["body_lo"] != published  # the one decomposed ນໍາ was recomposed


def test_stored_text_is_already_clean(records):
    for record in records:
        for name, value in record["fields"].items():
            if isinstance(value, str):
                assert clean_for_storage(value) == value, name


def test_section_and_topics_are_phrases_of_the_release_with_ascii_slugs(records, fields):
    named = {
        (record["model"], record["pk"]): record["fields"]
        for record in records
        if record["model"] in {"articles.section", "articles.topic"}
    }
    assert {key for key in named} == {("articles.section", fields["section"])} | {
        ("articles.topic", pk) for pk in fields["topics"]
    }
    for name in named.values():
        assert name["name_lo"] in fields["body_lo"]
        assert name["name_en"] and name["slug"].isascii()
    # Records another record points to come first, so loading in order never misses one.
    assert records[-1]["model"] == "articles.article"


def test_lao_title_and_summary_use_only_phrases_of_the_release(fields):
    body = fields["body_lo"]
    for text in (fields["title_lo"], fields["summary_lo"]):
        phrases = re.split(r"[\s,()]+|KDI|KSP|\.", text)
        assert all(phrase in body for phrase in phrases if phrase)


def test_english_translation_is_complete(fields):
    english = fields["body_en"].split("\n")
    assert len(english) == 5
    assert english[-1] == "News: Ministry of Technology and Communications"
    for name in (
        "Santisouk Simmalavong",
        "Yang-Ho Ahn",
        "Thavisak Manotham",
        "Digital Government Center",
        "Korea Development Institute (KDI)",
        "Knowledge Sharing Program (KSP)",
        "24 August",
        "2021-2022",
        "three main tasks",
    ):
        assert name in fields["body_en"], name
    assert fields["title_en"] and fields["summary_en"].count(". ") == 0


def test_dates_and_credit(fields):
    assert fields["event_date"] == "2022-08-24"
    assert fields["published_at"].startswith("2022-08-24")
    assert fields["status"] == "published"
    assert fields["source_en"] == "Ministry of Technology and Communications"
    assert fields["source_lo"] == "ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ"
    assert fields["slug"].isascii()
