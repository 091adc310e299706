"""Two editors on one release in two browsers: no save reverts a change its editor did not see."""

import pytest

from tests.browser.test_admin_flow import save, show_language

pytestmark = pytest.mark.browser


def open_both(staff_page, live_server, saved_release):
    """Editor A and publisher C open the same release, each in a browser of their own."""
    pages = []
    for role in ("Editor", "Publisher"):
        page = staff_page(role)
        page.goto(f"{live_server.url}/admin/articles/article/{saved_release.pk}/change/")
        show_language(page, "en")
        pages.append(page)
    return pages


def test_saves_of_different_fields_are_merged(staff_page, live_server, saved_release):
    a, c = open_both(staff_page, live_server, saved_release)
    a.fill("#id_summary_en", "A's summary")
    save(a)
    c.fill("#id_body_en", "C's body")
    save(c)
    assert "Merged with changes saved since you opened the form" in c.inner_text(".messagelist")
    assert c.input_value("#id_summary_en") == "A's summary"
    save(c)  # and again, from the page the first save returned
    saved_release.refresh_from_db()
    assert (saved_release.summary_en, saved_release.body_en) == ("A's summary", "C's body")


@pytest.mark.parametrize("keep", ["yours", "theirs"])
def test_a_field_both_changed_is_chosen_not_reverted(staff_page, live_server, saved_release, keep):
    a, c = open_both(staff_page, live_server, saved_release)
    a.fill("#id_body_en", "A's body")
    a.fill("#id_summary_en", "A's summary")
    save(a)
    c.fill("#id_body_en", "C's body")
    c.click("input[name=_continue]")
    conflict = c.locator(".edit-conflict")
    conflict.wait_for()
    # Both versions, and what each changed, word by word.
    theirs, yours = conflict.locator("tbody td[lang=en]").all()
    assert theirs.locator("ins").inner_text() == "A's"
    assert yours.locator("ins").inner_text() == "C's"
    assert theirs.locator("del").inner_text() == yours.locator("del").inner_text() == "The old"
    saved_release.refresh_from_db()
    assert saved_release.body_en == "A's body"
    c.check(f"input[name=keep_body_en][value={keep}]")
    save(c)
    saved_release.refresh_from_db()
    body = {"yours": "C's body", "theirs": "A's body"}[keep]
    assert (saved_release.body_en, saved_release.summary_en) == (body, "A's summary")
