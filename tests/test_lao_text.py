import unicodedata

import pytest

from articles.lao.text import INVISIBLE_CHARACTERS, clean_for_storage, search_key


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ນໍາໃຊ້", "ນຳໃຊ້"),  # ໍ + າ is ຳ
        ("ນໍ້າ", "ນ້ຳ"),  # tone typed after ໍ moves before ຳ
        ("ນ້ໍາ", "ນ້ຳ"),  # tone typed before ໍ
        ("ເເມ່", "ແມ່"),  # two ເ are one ແ
        ("ຫນ້າ", "ໜ້າ"),
        ("ຫມາຍ", "ໝາຍ"),
        ("ກີ່", "ກີ່"),  # already vowel then tone
        ("ກ່ີ", "ກີ່"),  # tone typed before the upper vowel
        ("ບ່ໍ", "ບໍ່"),
        ("ລັດ\u200bຖະ\u200cບານ\ufeff\u00ad\u2060\u200d", "ລັດຖະບານ"),
    ],
)
def test_invisible_encoding_fixes(typed, stored):
    assert clean_for_storage(typed) == stored


@pytest.mark.parametrize("text", ["ສະຫຼຸບ", "ສະຫລຸບ", "໒໐໒໒", "KDI 2021-2022", "ໂຄງ ການ"])
def test_visible_spelling_is_kept(text):
    """ຫຼ/ຫລ, Lao digits and even stray spaces are what the author wrote."""
    assert clean_for_storage(text) == text


def test_cleaning_twice_changes_nothing():
    text = "ນໍ້າ ເເລະ ຫນ້າ\u200b ກ່ີ"
    once = clean_for_storage(text)
    assert clean_for_storage(once) == once


def test_result_is_nfc_without_invisible_characters():
    text = clean_for_storage("ກຸ່ມ\u200b e\u0301")
    assert unicodedata.is_normalized("NFC", text)
    assert not set(text) & set(INVISIBLE_CHARACTERS)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ສະຫຼຸບ", "ສະຫລຸບ"),  # ຫຼ / ຫລ
        ("ໜ້າວຽກ", "ຫນ້າວຽກ"),  # ໜ / ຫນ
        ("ໝາຍ", "ຫມາຍ"),  # ໝ / ຫມ
        ("ນຳໃຊ້", "ນໍາໃຊ້"),  # ຳ / ໍ + າ
        ("ນ້ຳ", "ນໍ້າ"),  # tone before or after ໍ
        ("ປີ 2022", "ປີ ໒໐໒໒"),  # Lao digits
        ("ລັດຖະບານ", "ລັດ\u200bຖະ\u200cບານ\u00ad"),  # stray invisible characters
        ("ກີ່", "ກ່ີ"),  # tone typed before the vowel
        ("ແລະ", "ເເລະ"),  # two ເ for ແ
        ("ການສື່ສານ", "ການสื่สาน"),  # Thai vowels, tones and letters typed inside a Lao word
        ("KDI", "kdi"),
    ],
)
def test_spellings_readers_treat_as_equal_have_one_search_key(one, other):
    assert search_key(one) == search_key(other)


def test_thai_text_outside_lao_words_is_left_alone():
    assert search_key("ภาษาไทย") == "ภาษาไทย"


def test_search_key_of_stored_text_lines_up_with_it():
    stored = clean_for_storage("ສະຫລຸບ ໜ້າ ຂອງ KDI ໃນ ໒໐໒໒, ສປປ ລາວ")
    key = search_key(stored)
    assert len(key) == len(stored)
    assert key[stored.index("KDI") : stored.index("KDI") + 3] == "kdi"
