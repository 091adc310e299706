from icu4py.breakers import WordBreaker

from articles.lao.segment import cluster_pairs, clusters, pairs, words


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


def test_loanwords_icu_cuts_into_syllables_are_whole():
    assert words("ລັດຖະບານດີຈິຕອນ") == ["ລັດຖະບານ", "ດີຈິຕອນ"]
    assert words("ກະຊວງເຕັກໂນໂລຊີ") == ["ກະຊວງ", "ເຕັກໂນໂລຊີ"]


def test_joining_only_removes_icu_boundaries():
    text = "ສູນບໍລິຫານລັດດີຈິຕອນ, ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ ອອນລາຍ"

    def boundaries(segments):
        offsets, position = set(), 0
        for segment in segments:
            position += len(segment)
            offsets.add(position)
        return offsets

    ours, icu = boundaries(words(text)), boundaries(WordBreaker(text, "lo"))
    assert ours < icu


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
