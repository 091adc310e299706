"""Text typed in a release form survives a lost session and a closed tab, for its writer only."""

import json
import time

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.test_admin_flow import save, show_language

pytestmark = pytest.mark.browser

TEXT = "An hour of careful writing"


def change_url(live_server, saved_release):
    return f"{live_server.url}/admin/articles/article/{saved_release.pk}/change/"


def write(page, live_server, saved_release):
    page.goto(change_url(live_server, saved_release))
    show_language(page, "en")
    page.fill("#id_body_en", TEXT)


def log_in(page, username):
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")


def drafts(page):
    return page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('newsroom-draft:'))"
    )


def test_text_saved_after_the_session_ended_is_restored_after_logging_in(
    staff_page, live_server, saved_release
):
    page = staff_page("Editor")
    write(page, live_server, saved_release)
    page.context.clear_cookies(name="sessionid")
    page.click("input[name=_continue]")
    page.wait_for_selector("#id_username")
    log_in(page, "editor")
    page.wait_for_selector(".release-draft")
    assert "Your text was restored" in page.inner_text(".release-draft")
    assert page.input_value("#id_body_en") == TEXT
    save(page)
    saved_release.refresh_from_db()
    assert saved_release.body_en == TEXT
    assert drafts(page) == []


def test_text_of_a_closed_tab_is_offered_back_until_saved(staff_page, live_server, saved_release):
    page = staff_page("Editor")
    write(page, live_server, saved_release)
    context = page.context
    page.close()

    page = context.new_page()
    page.goto(change_url(live_server, saved_release))
    assert "Text you had not saved" in page.inner_text(".release-draft")
    assert page.input_value("#id_body_en") == "The old body"
    page.click(".release-draft button >> text=Restore it")
    assert page.input_value("#id_body_en") == TEXT
    save(page)
    assert drafts(page) == []

    page.goto(change_url(live_server, saved_release))
    assert page.locator(".release-draft").count() == 0


def test_a_discarded_draft_is_gone(staff_page, live_server, saved_release):
    page = staff_page("Editor")
    write(page, live_server, saved_release)
    page.goto(change_url(live_server, saved_release))
    page.click(".release-draft button >> text=Discard it")
    assert drafts(page) == []


def test_drafts_expire_after_a_few_days(staff_page, live_server, saved_release):
    page = staff_page("Editor")
    write(page, live_server, saved_release)
    (key,) = drafts(page)
    draft = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))
    draft["changed"] = int((time.time() - 4 * 24 * 3600) * 1000)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(draft)])
    page.goto(change_url(live_server, saved_release))
    assert page.locator(".release-draft").count() == 0
    assert drafts(page) == []


def test_the_next_person_on_the_same_browser_sees_no_draft(staff_page, live_server, saved_release):
    page = staff_page("Editor")
    write(page, live_server, saved_release)
    page.click("#logout-form button")
    publisher = User.objects.create_user("publisher", password=STAFF_PASSWORD)
    call_command("add_to_role", "publisher", "Publisher", verbosity=0)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    log_in(page, "publisher")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(change_url(live_server, saved_release))
    assert page.locator(".release-draft").count() == 0
    assert page.input_value("#id_body_en") == "The old body"
    editor = User.objects.get(username="editor")
    assert all(f":{editor.pk}:" in key for key in drafts(page))
    assert not any(f":{publisher.pk}:" in key for key in drafts(page))


def test_typing_keeps_the_session_alive(staff_page, live_server, saved_release):
    page = staff_page("Editor")
    page.clock.install()
    page.goto(change_url(live_server, saved_release))
    show_language(page, "en")
    page.fill("#id_body_en", "Still writing")
    page.clock.fast_forward("06:00")
    with page.expect_response("**/keep-session/") as pinged:
        page.fill("#id_body_en", "Still writing, six minutes later")
    assert pinged.value.status == 204


def test_typing_past_an_offer_loses_neither_text(staff_page, live_server, saved_release):
    page = staff_page("Editor")
    write(page, live_server, saved_release)
    page.goto(change_url(live_server, saved_release))
    show_language(page, "en")
    page.fill("#id_summary_en", "A new summary, typed without restoring")
    page.goto(change_url(live_server, saved_release))
    page.click(".release-draft button >> text=Restore it")
    assert page.input_value("#id_body_en") == TEXT
    assert page.input_value("#id_summary_en") == "A new summary, typed without restoring"
