"""The admin's "Lao words" list: a name staff add is kept whole on every page at once."""

import pytest
from django.contrib.auth.models import User

from articles import lexicon
from articles.lexicon import LaoWord
from tests.conftest import publish
from tests.pages import visible_text

ADD_URL = "/admin/articles/laoword/add/"
NAME = "ບຸນມີວົງສາ"
CUT_NAME = "ບຸນມີ<wbr>ວົງສາ"


@pytest.fixture
def release(db):
    return publish(title_lo=f"ທ່ານ{NAME}ຢ້ຽມຢາມກະຊວງ", body_lo=f"ທ່ານ{NAME}ໄດ້ກ່າວວ່າ")


def read(client, release):
    return client.get(release.url_in("lo"), HTTP_ACCEPT_LANGUAGE="lo").content.decode()


def test_a_word_an_editor_adds_is_whole_on_the_next_page_read(staff, client, release):
    reader = client.__class__()
    assert CUT_NAME in read(reader, release)  # and now in the page cache
    editor = staff("Editor")
    response = editor.post(ADD_URL, {"word": NAME, "meaning": "a new vice-minister"})
    assert response.status_code == 302
    assert LaoWord.objects.get(word=NAME).added_by == User.objects.get(username="editor")
    page = read(reader, release)
    assert CUT_NAME not in page
    assert page.count(NAME) >= 2  # the title and the body


def test_a_word_removed_is_cut_again(staff, client, release):
    LaoWord.objects.create(word=NAME)
    reader = client.__class__()
    assert CUT_NAME not in read(reader, release)
    publisher = staff("Publisher")
    word = LaoWord.objects.get(word=NAME)
    response = publisher.post(f"/admin/articles/laoword/{word.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert CUT_NAME in read(reader, release)


def test_every_process_rebuilds_its_segmenter_from_the_shared_list(release, client):
    """Another worker's segmenter, built before the word was added, is not used again."""
    reader = client.__class__()
    read(reader, release)
    LaoWord.objects.create(word=NAME)
    lexicon._Segmenters.words = ()  # as a worker that has not seen the change
    lexicon._Segmenters.segmenter = lexicon.BUNDLED
    lexicon._Segmenters.checked = True
    assert CUT_NAME not in read(reader, release)


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("Boun", "Write one word in Lao letters only"),
        ("ບຸນມີ ວົງສາ", "Write one word in Lao letters only"),
        ("ກ", "at least two Lao letters"),
    ],
)
def test_words_that_are_not_one_lao_word_are_refused(staff, word, message):
    response = staff("Editor").post(ADD_URL, {"word": word})
    assert response.status_code == 200
    assert message in visible_text(response.content.decode())
    assert not LaoWord.objects.exists()


def test_a_word_listed_in_another_spelling_is_refused_in_the_readers_language(staff):
    LaoWord.objects.create(word="ສະໜັບສະໜູນງານ")
    editor = staff("Editor")
    response = editor.post(ADD_URL, {"word": "ສະຫນັບສະຫນູນງານ"})
    assert "The list already has this word, spelled ສະໜັບສະໜູນງານ." in visible_text(
        response.content.decode()
    )
    response = editor.post(ADD_URL, {"word": "ສະຫນັບສະຫນູນງານ"}, HTTP_ACCEPT_LANGUAGE="lo")
    assert "ລາຍຊື່ມີຄຳນີ້ແລ້ວ" in visible_text(response.content.decode())
    assert LaoWord.objects.count() == 1


def test_stored_words_are_cleaned_like_release_text(staff):
    staff("Editor").post(ADD_URL, {"word": "ບຸນ\u200bມີວົງສາ"})
    assert LaoWord.objects.get().word == NAME


def test_the_form_shows_how_the_word_is_cut_without_the_list(staff):
    word = LaoWord.objects.create(word=NAME)
    page = staff("Editor").get(f"/admin/articles/laoword/{word.pk}/change/").content.decode()
    assert "ບຸນມີ | ວົງສາ" in visible_text(page)


def test_translators_do_not_change_the_list(staff):
    assert staff("Translator").get(ADD_URL).status_code == 403


def test_the_header_and_footer_of_every_page_keep_a_new_word_whole(client, db, settings):
    """The parts every page shares are kept by each process: a new word renders them again."""
    settings.PAGE_CACHE_SECONDS = 0
    cut = "ການ<wbr>ສື່ສານ"  # in the ministry's name, in the header and the footer
    assert client.get("/lo/").text.count(cut) == 2
    LaoWord.objects.create(word="ການສື່ສານ")
    page = client.get("/lo/").text
    assert cut not in page
    assert page.count('<span class="w">ການສື່ສານ</span>') == 2
