from articles.lao.segment import words


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
