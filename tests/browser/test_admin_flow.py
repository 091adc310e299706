"""The newsroom's day in a real browser: an editor writes, a translator translates,
a publisher publishes, a reader reads; the admin looked at in Lao and English."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.browser


def show_language(page, language):
    """Switch every Lao/English tab of the form with modeltranslation's main switch."""
    page.select_option("#modeltranslation-main-switch", index=["lo", "en"].index(language))


def save(page):
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")


def test_add_translate_review_publish(staff_page, live_server, browser, screenshot):
    editor = staff_page("Editor")
    editor.goto(f"{live_server.url}/admin/articles/article/add/")
    show_language(editor, "lo")
    editor.fill("#id_title_lo", "ກອງປະຊຸມສະຫຼຸບໂຄງການ")
    editor.fill("#id_body_lo", "ກະຊວງໄດ້ຈັດກອງປະຊຸມສະຫຼຸບຜົນສຳເລັດ ຂອງໂຄງ ການ.")
    editor.select_option("#id_status", "review")
    assert editor.locator("#id_status option").all_inner_texts() == ["Draft", "In review"]
    save(editor)
    warnings = editor.locator(".messagelist .warning").all_inner_texts()
    assert any("splits the word “ໂຄງການ”" in warning for warning in warnings), warnings
    article = Article.objects.get()
    assert article.status == "review"

    translator = staff_page("Translator")
    translator.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert translator.is_disabled("#id_title_lo") and translator.is_disabled("#id_status")
    show_language(translator, "en")
    translator.fill("#id_title_en", "Project closing meeting")
    translator.fill("#id_body_en", "The ministry held the project's closing meeting.")
    save(translator)
    article.refresh_from_db()
    assert (article.title_en, article.title_lo) == ("Project closing meeting", "ກອງປະຊຸມສະຫຼຸບໂຄງການ")
    assert article.translation_status == "current"

    publisher = staff_page("Publisher")
    publisher.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    publisher.select_option("#id_status", "published")
    save(publisher)
    screenshot(publisher, "admin-release-en")
    publisher.select_option("#admin-language", "lo")
    publisher.click(".admin-language button")
    publisher.wait_for_selector("html[lang=lo]")
    screenshot(publisher, "admin-release-lo")
    publisher.goto(f"{live_server.url}/admin/articles/article/")
    screenshot(publisher, "admin-list-lo")
    assert "ພາສາອັງກິດທັນກັບພາສາລາວ" in publisher.inner_text("#result_list")
    publisher.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    screenshot(publisher, "admin-history-lo")

    reader = browser.new_context()
    page = reader.new_page()
    response = page.goto(f"{live_server.url}/en/news/{article.pk}/")
    assert response.ok
    assert page.inner_text("h1") == "Project closing meeting"
    reader.close()
