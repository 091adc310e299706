from itertools import accumulate
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st
from icu4py.breakers import WordBreaker

from articles.lao.segment import (
    BUNDLED,
    LONGEST_UNKNOWN_RUN,
    MINISTRY_LIST,
    PUBLISHED_LISTS,
    WORD_LISTS,
    Segmenter,
    _lookup_form_with_origins,
    cluster_pairs,
    clusters,
    lookup_form,
    pairs,
    read_word_list,
    words,
)
from articles.lao.text import clean_for_storage

CORPUS = settings.BASE_DIR.parent / "shared" / "corpus"
SEED = settings.BASE_DIR.parent / "shared" / "seed" / "ksp-closing-meeting.lo.txt"
PUBLISHED = Segmenter(
    [word for name in PUBLISHED_LISTS for word in read_word_list(WORD_LISTS / name)]
)
MINISTRY_WORDS = read_word_list(WORD_LISTS / MINISTRY_LIST)


def ends(segments):
    return set(accumulate(len(segment) for segment in segments))


def cut_inside(word, text, segmenter=BUNDLED):
    """Whether the segmenter puts a word boundary inside `word` where it stands in text."""
    start = text.index(word)
    return any(start < end < start + len(word) for end in ends(segmenter.words(text)))


def icu_cuts(word, text):
    start = text.index(word)
    return any(start < end < start + len(word) for end in ends(WordBreaker(text, "lo")))


def corpus_lines():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for path in sorted(Path(CORPUS).glob("*.lo.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def test_dictionary_words_stay_whole():
    assert words("ລັດຖະບານດີຈິຕອນ")[0] == "ລັດຖະບານ"
    assert "ບໍລິຫານ" in words("ສູນບໍລິຫານລັດດີຈິຕອນ")


def test_segments_cover_the_text_exactly():
    text = "ສູນບໍລິຫານລັດດີຈິຕອນ, ກະຊວງເຕັກໂນໂລຊີ ແລະ Korea Development Institute (KDI)"
    segments = words(text)
    assert "".join(segments) == text
    assert " " in segments and "," in segments and "KDI" in segments


def test_empty_text_has_no_words():
    assert words("") == []


@pytest.mark.parametrize(
    ("word", "text"),
    [
        # The seed release: its headline and its body.
        ("ການຄົ້ນຄວ້າ", "ຈັດກອງປະຊຸມສະຫຼຸບຜົນສຳເລັດ ຂອງການຄົ້ນຄວ້າໃນການສ້າງນະໂຍບາຍ"),
        ("ບຸກຄະລາກອນ", "ການພັດທະ ນາບຸກຄະລາກອນ ເພື່ອຮອງຮັບ"),
        # Spellings ICU's dictionary lacks: ຣ for ລ, ຫລ for ຫຼ, ຫນ for ໜ, ໍ + າ for ຳ.
        ("ເອກອັກຄະຣາຊະທູດ", "ທ່ານເອກອັກຄະຣາຊະທູດປະຈຳ"),
        ("ຊ່ວຍເຫລືອ", "ໄດ້ຮັບການຊ່ວຍເຫລືອຈາກ ສ ເກົາຫລີ"),
        ("ສະຫນັບສະຫນູນ", "ຜູ້ສະຫນັບສະຫນູນການລົງປະຊາມະຕິ"),
        ("ສໍາລັບ", "ບໍ່ມີເວລາສໍາລັບແບຣນ"),
        # Stray zero-width spaces inside words: ICU takes them for word ends.
        ("ບຸກ\u200bຄະລາກອນ", "ການພັດທະນາບຸກ\u200bຄະລາກອນ"),
        ("ຫຼັງ\u200bຈາກ", "ຫຼັງ\u200bຈາກນັ້ນ"),
        # Common words ICU cuts in some contexts only (real news text).
        ("ສັນຍາ", "ຈຶ່ງຍົກເລີກສັນຍາແບຣນທຸລະກິດ"),
        ("ສຳລັບ", "ບໍ່ມີເວລາສຳລັບແບຣນ"),
        # Names of people and places set off by spaces, and the ministry's list.
        ("ຢັງໂຮອານ", "ທ່ານ ຢັງໂຮອານ (Yang-Ho-Ahn) ທີ່ປຶກສາອາວຸໂສ"),
        ("ກິມຈົງອຶນ", "ທ່ານ ກິມຈົງອຶນ ໄດ້ກ່າວ"),
        ("ແອນເຈລາ", "ນາງ ແອນເຈລາ ແມກເຄີນ"),
        ("ຊີອາໂຕ", "ເມືອງ ຊີອາໂຕ ໃນ"),
        ("ເຕັກໂນໂລຊີ", "ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ"),
    ],
)
def test_words_icu_cuts_stay_whole(word, text):
    assert icu_cuts(word, text), "ICU keeps it whole: the case tests nothing"
    assert not cut_inside(word, text)


def test_the_text_is_never_changed():
    text = "ການພັດທະນາບຸກ\u200bຄະລາກອນ ຂອງ ສ ເກົາຫລີ, ທ່ານເອກອັກຄະຣາຊະທູດ ສໍາລັບ"
    assert "".join(words(text)) == text


def test_overlapping_list_words_do_not_chain_into_a_phrase():
    assert words("ມັກຈະບໍ່ລົງຄະແນນສຽງ") == ["ມັກຈະ", "ບໍ່", "ລົງຄະແນນສຽງ"]


def test_names_stay_together_only_up_to_a_phone_line():
    syllables = "ກິມຈົງອຶນ" * 3
    segments = words(f"ທ່ານ {syllables} ໄດ້")
    assert "".join(segments) == f"ທ່ານ {syllables} ໄດ້"
    assert max(len(segment) for segment in segments) <= LONGEST_UNKNOWN_RUN


def test_every_boundary_is_one_of_icus_over_the_corpus():
    """Lists only join what ICU cut: a list word never adds a break a reader could trip on."""
    lines = corpus_lines()
    assert len(lines) > 1000
    for line in lines:
        segments = words(line)
        assert "".join(segments) == line
        visible = line.replace("\u200b", "")
        if visible == line:
            assert ends(segments) <= ends(WordBreaker(line, "lo")), line
        else:  # the same ends, less those ICU puts at invisible characters
            assert ends(words(visible)) <= ends(WordBreaker(visible, "lo")), line
            assert "".join(segments).replace("\u200b", "") == visible


@pytest.mark.parametrize("word", MINISTRY_WORDS)
def test_each_word_of_the_ministry_list(word):
    """Clean, Lao, needed (ICU and the published lists cut it) and kept whole in a sentence."""
    assert word == clean_for_storage(word)
    assert word not in PUBLISHED.known
    text = f"ເລື່ອງ{word}ຂອງລັດ"
    assert cut_inside(word, text, PUBLISHED)
    assert not cut_inside(word, text)


def test_no_boundary_falls_inside_a_ministry_word_anywhere_in_the_corpus():
    """The target of bench/line_breaks.py for the lists, checked without a browser: a line
    can break only at a boundary, so none inside a listed word means no line starts there."""
    found = 0
    for line in corpus_lines():
        form, origins = _lookup_form_with_origins(line)
        boundaries = ends(words(line))
        for word in MINISTRY_WORDS:
            start = form.find(lookup_form(word))
            while start != -1:
                found += 1
                first, last = origins[start], origins[start + len(lookup_form(word))]
                assert not any(first < end < last for end in boundaries), (word, line)
                start = form.find(lookup_form(word), start + 1)
    assert found >= 50, f"only {found} listed words in the corpus: the check tests little"


def test_the_ministry_list_has_no_repeats():
    forms = [lookup_form(word) for word in MINISTRY_WORDS]
    assert len(forms) == len(set(forms))


def test_word_lists_are_read_without_comments():
    assert "ດີຈິຕອນ" in MINISTRY_WORDS
    assert not any("#" in word or " " in word for word in MINISTRY_WORDS)
    assert len(BUNDLED.known) > 40_000


def test_a_segmenter_with_more_words_keeps_them_whole():
    text = "ທ່ານບຸນມີວົງສາໄດ້ກ່າວ"
    assert cut_inside("ບຸນມີວົງສາ", text)
    assert not cut_inside("ບຸນມີວົງສາ", text, BUNDLED.with_words(["ບຸນມີວົງສາ"]))


def test_lookup_form_makes_spellings_equal():
    assert lookup_form("ຊ່ວຍເຫລືອ") == lookup_form("ຊ່ວຍເຫຼືອ")
    assert lookup_form("ສະຫນັບສະຫນູນ") == lookup_form("ສະໜັບສະໜູນ")
    assert lookup_form("ສໍາລັບ") == lookup_form("ສຳລັບ")
    assert lookup_form("ຣາຊະທູດ") == lookup_form("ລາຊະທູດ")
    assert lookup_form("ບຸກ\u200bຄະ") == "ບຸກຄະ"


@given(st.text(alphabet="ກຂຄຫລຣນມໍາຳະັິ່້ຼ\u200b\u00ad ", max_size=40))
def test_lookup_form_positions_lead_back_to_the_text(text):
    form, origins = _lookup_form_with_origins(text)
    assert form == lookup_form(text)
    assert len(origins) == len(form) + 1
    assert origins == sorted(origins) and origins[-1] == len(text)
    assert "".join(words(text)) == text


def test_clusters_keep_marks_with_their_letter():
    assert clusters("ສະຫຼຸບຜົນສຳເລັດ") == ["ສ", "ະ", "ຫຼຸ", "ບ", "ຜົ", "ນ", "ສ", "ຳ", "ເ", "ລັ", "ດ"]


def test_pairs_of_a_word():
    assert pairs("ສະຫຼຸບ") == ["ສະ", "ະຫຼຸ", "ຫຼຸບ"]
    assert pairs("ດີ") == []


def test_cluster_pairs_read_across_spaces_inside_lao_but_not_across_latin():
    assert cluster_pairs("ໂຄງ ການ KDI ໄປ, ຫຼຸບ") == [
        *("ໂຄ", "ຄງ", "ງກ", "ກາ", "ານ", "ນ"),  # ends with its last cluster alone
        *("ໄປ", "ປ"),
        *("ຫຼຸບ", "ບ"),
    ]
