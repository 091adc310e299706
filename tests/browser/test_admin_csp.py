"""The admin under the site's Content-Security-Policy, as staff use it in Chromium."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article

pytestmark = pytest.mark.browser

PASSWORD = "a long staff passphrase 4 tests"
# Collected before any page script runs, so nothing the policy blocks goes unnoticed.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def staff_page(browser, live_server, transactional_db):
    """A publisher logged in through the real login form, violations recorded from the start."""
    User.objects.create_superuser("publisher", "p@example.org", PASSWORD)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")
            and errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/")
    assert page.evaluate("window.__violations") == []
    page.fill("#id_username", "publisher")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.errors = errors
    yield page
    context.close()


def assert_nothing_blocked(page):
    assert page.evaluate("window.__violations") == []
    assert page.errors == []


def test_admin_pages_work_under_the_policy(staff_page, live_server):
    article = Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນ")
    for path in (
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/auth/user/",
        "/admin/otp_totp/totpdevice/add/",
    ):
        staff_page.goto(live_server.url + path)
        assert_nothing_blocked(staff_page)


def test_translation_tabs_and_date_widgets_work_under_the_policy(staff_page, live_server):
    staff_page.goto(f"{live_server.url}/admin/articles/article/add/")
    # modeltranslation's jQuery UI tabs: staff reading the admin in English start on the
    # English tab; the Lao title shows once its tab is chosen.
    assert staff_page.is_visible("#id_title_en")
    assert not staff_page.is_visible("#id_title_lo")
    staff_page.click("a[href='#tab_id_title_lo']")
    assert staff_page.is_visible("#id_title_lo")
    assert not staff_page.is_visible("#id_title_en")
    # Django's date shortcuts are added by admin JavaScript.
    staff_page.click("#id_event_date ~ .datetimeshortcuts a:first-child")
    assert staff_page.input_value("#id_event_date") != ""
    staff_page.fill("#id_title_lo", "ທົດລອງ")
    staff_page.click("a[href='#tab_id_body_lo']")
    staff_page.fill("#id_body_lo", "ເນື້ອໃນ")
    staff_page.click("input[name=_save]")
    staff_page.wait_for_selector(".messagelist")
    assert Article.objects.filter(title_lo="ທົດລອງ").exists()
    assert_nothing_blocked(staff_page)
