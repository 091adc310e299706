"""Proofreading hints on the first release as the ministry published it."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from articles.lao.proofreading import (
    invisible_characters,
    mixed_spellings,
    proofread,
    split_words,
    thai_characters,
)
from articles.models import Article
from tests.test_admin import ADD_URL, release_form

SEED = (
    Path(__file__).resolve().parents[1] / "fixtures/source/ksp-closing-meeting.lo.txt"
).read_text()
OPENING = SEED.splitlines()[0]


def test_seed_release_spaces_inside_words():
    found = [(finding.detail, finding.context) for finding in split_words(SEED)]
    assert found == [
        ("ໂຄງການ", "ດ ຂອງໂຄງ ການ ແລະ"),
        ("ປະສິດທິພາບ", "ຢ່າງມີປະ ສິດທິພາບ"),
        ("ພັດທະນາ", "ການພັດທະ ນາບຸກຄະລ"),
        ("ນະໂຍບາຍ", "ສ້າງນະໂຍ ບາຍ ເພື່"),
    ]


@pytest.mark.parametrize(
    "phrase",
    [
        "ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ",  # spaces between phrases
        "ຄວາມປອດໄພ ສ ເກົາຫລີ",  # ICU would join ໄພ+ສ only by cutting ປອດໄພ
        "ກອງປະຊຸມຄັ້ງນີ້ ແມ່ນການສະຫລຸບ",  # ນີ້ ແມ່ນ is written with a space
        "ຫລື Korea Development Institute",  # Latin words are not Lao words
    ],
)
def test_spaces_between_words_are_not_reported(phrase):
    assert split_words(phrase) == []


def test_seed_release_mixes_two_spellings_of_lo():
    assert "ສະຫຼຸບ" in SEED and "ສະຫລຸບ" in SEED
    [finding] = mixed_spellings(SEED)
    assert (finding.detail, finding.context) == ("ຫຼ / ຫລ", "ເກົາຫຼີ ຫລື Korea")
    assert mixed_spellings("ສ ເກົາຫຼີ ແລະ ການສະຫຼຸບ") == []


def test_mixed_no_and_mo_spellings():
    [finding] = mixed_spellings("ຫົວໜ້າສູນ ແລະ ຫົວຫນ້າພະແນກ")
    assert finding.detail == "ໜ / ຫນ"


def test_thai_letters_typed_in_a_lao_word():
    # ກະຊວງ typed with the Thai ก and ง of a Thai keyboard.
    text = OPENING.replace("ກະຊວງ", "กະຊວง", 1)
    first, last = thai_characters(text)
    assert (first.detail, last.detail) == ("ก", "ง")
    assert first.position == OPENING.index("ກະຊວງ")
    assert first.context == "ດີຈິຕອນ, กະຊວงເຕັກ"


def test_zero_width_characters():
    text = OPENING.replace("ສູນບໍລິຫານ", "ສູນ\u200bບໍລິຫານ", 1)
    [finding] = invisible_characters(text)
    assert (finding.position, finding.context) == (3, "ສູນ\u200bບໍລິຫານລັ")


def test_the_clean_opening_has_only_its_known_spelling_mix():
    assert [finding.code for finding in proofread(OPENING)] == ["mixed"]


def test_admin_warns_on_save_without_blocking(client, db):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))
    body = SEED.replace("ລັດຖະບານ", "ລັດຖະ\u200bບານ", 1).replace("ກະຊວງ", "กะຊວງ", 1)
    response = client.post(
        ADD_URL, release_form(body_lo=body), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert "\u200b" not in article.body_lo  # removed on save, and the warning says so
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 7, warnings  # Thai, zero-width, ຫຼ/ຫລ, 4 split words
    assert any("Thai characters “กะ”" in w and w.startswith("Body [Lao]") for w in warnings)
    assert any("zero-width character" in w and "was removed" in w for w in warnings)
    assert any("ຫຼ / ຫລ" in w for w in warnings)
    assert any("splits the word “ໂຄງການ”" in w and "ຂອງໂຄງ ການ" in w for w in warnings)


def test_no_warning_about_text_this_save_did_not_change(client, db):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))
    client.post(ADD_URL, release_form(body_lo="ຂອງໂຄງ ການ"))
    article = Article.objects.get()
    url = f"/admin/articles/article/{article.pk}/change/"
    token = client.get(url).context["adminform"].form["edit_token"].value()
    form = release_form(body_lo="ຂອງໂຄງ ການ", summary_en="Changed", edit_token=token)
    response = client.post(url, form, follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
