"""The admin as a Lao-reading member of staff meets it: every screen in Lao, no word broken.

A Lao browser logs in as a superuser (who sees every screen) and opens each
screen staff use, with its widgets open. On each, every piece of interface text
(text, options, button labels, titles, placeholders and read-aloud labels) must
hold no English word. Data is not interface: the values stored in the database
(usernames, English titles, user agents...) are taken out first, and so is what
a page marks as another language (lang="en", a language's own name), as not to
be translated (translate="no": codes and addresses) or as a password's stored
parts. What may stay in Latin letters is listed in ALLOWED: acronyms, and names
printed on keyboards.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import models
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version

from articles.admin import ArticleAdmin
from articles.lao.segment import BUNDLED
from articles.lexicon import LaoWord
from articles.models import Article
from articles.taxonomy import Section, Topic
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.test_article_page import line_starts

pytestmark = pytest.mark.browser

ALLOWED = {
    # Acronyms staff meet as they are.
    *("PDF", "URL", "QR", "IP", "HTTP", "TOTP", "OTP", "SSO", "LDAP", "JPEG", "PNG", "WebP"),
    *("GET", "POST", "UTC", "Unix", "Unicode", "sha256"),
    # Keys named as printed on the keyboard.
    *("Control", "Command", "Mac"),
}
# Django data that is not ours to translate: the tables of data we strip from pages.
NOT_DATA = {"auth.group", "auth.permission", "contenttypes.contenttype", "admin.logentry"}
NOT_DATA_APPS = {"reversion", "sessions"}

INTERFACE_TEXT_JS = """
() => {
  const texts = [document.title];
  const skipped = (element) =>
    element.closest("script, style, textarea, [translate=no], .field-password bdi") ||
    element.closest("[lang]:not([lang=lo]):not(span)");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!skipped(node.parentElement)) texts.push(node.data);
  }
  for (const element of document.body.querySelectorAll("*")) {
    if (skipped(element)) continue;
    for (const name of ["title", "placeholder", "aria-label", "alt"]) {
      if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
    }
    if (element.matches("input[type=submit], input[type=button]")) texts.push(element.value);
  }
  return texts.join("\\n");
}
"""
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z]+)*")
# Blocks of Lao interface and data text whose lines are checked for broken words.
WRAPPING_TEXT = (
    "#content h1, #content h2, #result_list th, #result_list td, .messagelist li, "
    ".revision-diff td, .breadcrumbs, #changelist-filter li, .aligned label, .help"
)
LONG_TITLE = (
    "ກອງປະຊຸມສະຫຼຸບຜົນສຳເລັດ ຂອງການຄົ້ນຄວ້າໃນການສ້າງນະໂຍບາຍພັດທະນາລະບົບບໍລິຫານລັດດີຈິຕອນ "
    "ຢູ່ ສປປ ລາວ ພາຍໃຕ້ໂຄງການແລກປ່ຽນຄວາມຮູ້ ລະຫວ່າງ ສາທາລະນະລັດເກົາຫຼີ ແລະ ສປປ ລາວ"
)


def stored_text():
    """Every text value stored in the tables whose rows the admin shows as data."""
    values = set()
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_DATA or model._meta.app_label in NOT_DATA_APPS:
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.GenericIPAddressField)
        ]
        for row in model.objects.values_list(*fields) if fields else []:
            values.update(str(value) for value in row if value)
    return sorted(values, key=len, reverse=True)


def english_words(text, data):
    for value in data:
        text = re.sub(re.escape(value), " ", text, flags=re.IGNORECASE)
    return sorted({word for word in LATIN_WORD.findall(text) if len(word) > 1} - ALLOWED)


@pytest.fixture
def archive(transactional_db, monkeypatch):
    """The seed, releases over two list pages, a deleted release, login records of each kind."""
    call_command("load_initial_data", stdout=StringIO())
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 3)
    superuser = User.objects.create_superuser("somsak", password=STAFF_PASSWORD)
    now = timezone.now()
    for day in range(4):
        with reversion.create_revision():
            reversion.set_user(superuser)
            Article.objects.create(
                title_lo=f"{LONG_TITLE} ຄັ້ງທີ {day + 1}",
                summary_lo="ບົດສະຫຼຸບ",
                body_lo="ເນື້ອໃນຂອງຂ່າວ",
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(days=day + 1),
            )
    release = Article.objects.filter(title_lo__startswith=LONG_TITLE).first()
    with reversion.create_revision():
        reversion.set_user(superuser)
        release.title_lo = f"{LONG_TITLE} ສະບັບປັບປຸງ"
        release.save()
    with reversion.create_revision():
        deleted = Article.objects.create(title_lo="ຂ່າວທີ່ຖືກລຶບ", body_lo="ເນື້ອໃນ")
    deleted.delete()
    LaoWord.objects.create(word="ບຸນມີວົງສາ", meaning="ຊື່ຮອງລັດຖະມົນຕີ")
    User.objects.create_user("bounmy", password=STAFF_PASSWORD)
    call_command("add_to_role", "bounmy", "Editor", stdout=StringIO())
    TOTPDevice.objects.create(user=superuser, name="ໂທລະສັບ", confirmed=False)
    AccessAttempt.objects.create(
        username="bounmy", ip_address="127.0.0.1", user_agent="Chromium", failures_since_start=1
    )
    AccessLog.objects.create(username="somsak", ip_address="127.0.0.1", user_agent="Chromium")
    AccessFailureLog.objects.create(
        username="bounmy", ip_address="127.0.0.1", user_agent="Chromium"
    )
    return {"release": release, "superuser": superuser}


def admin_screens(archive):
    """(path, what to open on it) for every screen staff use."""
    release = archive["release"]
    newer, older = Version.objects.get_for_object(release)[:2]
    section, topic = Section.objects.first(), Topic.objects.first()
    user = User.objects.get(username="bounmy")
    group = user.groups.get()
    device = TOTPDevice.objects.get()
    records = [
        (AccessAttempt, "accessattempt"),
        (AccessLog, "accesslog"),
        (AccessFailureLog, "accessfailurelog"),
    ]
    deleted = Version.objects.get_deleted(Article).get()
    articles = "/admin/articles/article"
    return [
        ("/admin/", None),
        (f"{articles}/", None),
        (f"{articles}/?status__exact=published&p=2", None),
        (f"{articles}/?q=ກອງປະຊຸມ", None),
        (f"{articles}/add/", ".datetimeshortcuts .date-icon"),
        (f"{articles}/{release.pk}/change/", ".datetimeshortcuts .clock-icon"),
        (f"{articles}/{release.pk}/change/", ".datetimeshortcuts .date-icon"),
        (f"{articles}/{release.pk}/delete/", None),
        (f"{articles}/{release.pk}/history/", None),
        (f"{articles}/{release.pk}/history/compare/?from={older.pk}&to={newer.pk}", None),
        (f"{articles}/{release.pk}/history/{older.pk}/", None),
        (f"{articles}/recover/", None),
        (f"{articles}/recover/{deleted.pk}/", None),
        ("/admin/articles/section/", None),
        (f"/admin/articles/section/{section.pk}/change/", None),
        ("/admin/articles/topic/add/", None),
        (f"/admin/articles/topic/{topic.pk}/delete/", None),
        ("/admin/articles/laoword/", None),
        ("/admin/articles/laoword/add/", None),
        ("/admin/auth/user/?is_staff__exact=0", None),
        ("/admin/auth/user/add/", None),
        (f"/admin/auth/user/{user.pk}/change/", None),
        (f"/admin/auth/user/{user.pk}/password/", None),
        (f"/admin/auth/user/{user.pk}/delete/", None),
        ("/admin/auth/group/", None),
        (f"/admin/auth/group/{group.pk}/change/", None),
        ("/admin/password_change/", None),
        ("/admin/otp_totp/totpdevice/", None),
        ("/admin/otp_totp/totpdevice/add/", None),
        (f"/admin/otp_totp/totpdevice/{device.pk}/change/", None),
        (f"/admin/otp_totp/totpdevice/{device.pk}/config/", None),
        *((f"/admin/axes/{name}/", None) for _model, name in records),
        *(
            (f"/admin/axes/{name}/{model.objects.first().pk}/change/", None)
            for model, name in records
        ),
        ("/admin/guide/lo/", None),
    ]


@pytest.fixture
def lao_staff(browser, live_server, archive):
    context = browser.new_context(locale="lo", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "somsak")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    yield page
    context.close()


def test_every_admin_screen_speaks_lao(lao_staff, live_server, archive, screenshot):
    page = lao_staff
    data = stored_text()
    english = {}

    def check(name):
        found = english_words(page.evaluate(INTERFACE_TEXT_JS), data)
        if found:
            english[name] = found

    for path, opener in admin_screens(archive):
        response = page.goto(live_server.url + path)
        assert response.ok, f"{path} answered {response.status}"
        if opener:
            page.click(opener)
        check(path + (f" with {opener}" if opener else ""))

    def submit(button):
        with page.expect_navigation():
            page.click(button)

    page.goto(f"{live_server.url}/admin/articles/article/")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "delete_selected")
    submit("button[name=index]")
    check("delete the selected releases")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.evaluate("document.getElementById('article_form').noValidate = true")
    submit("input[name=_save]")
    check("a release saved with nothing filled in")
    page.goto(f"{live_server.url}/admin/")
    submit("#logout-form button")
    check("logged out")
    page.goto(f"{live_server.url}/admin/login/")
    for _attempt in range(5):
        if not page.locator("#id_username").count():
            break
        page.fill("#id_username", "bounmy")
        page.fill("#id_password", "not the password")
        submit("input[type=submit]")
        check("login refused, then locked out")
    assert page.locator("#id_username").count() == 0, "five wrong passwords did not lock"
    screenshot(page, "admin-lo-lockout")
    assert english == {}, f"English words on Lao admin screens: {english}"


@pytest.mark.parametrize("width", [1280, 768])
def test_lao_words_stay_whole_in_the_admin(lao_staff, live_server, archive, screenshot, width):
    page = lao_staff
    page.set_viewport_size({"width": width, "height": 900})
    release = archive["release"]
    newer, older = Version.objects.get_for_object(release)[:2]
    articles = f"{live_server.url}/admin/articles/article"
    screens = {
        "release-list": f"{articles}/",
        "release-form": f"{articles}/{release.pk}/change/",
        "history-compare": (
            f"{articles}/{release.pk}/history/compare/?from={older.pk}&to={newer.pk}"
        ),
        "user-form": f"{live_server.url}/admin/auth/user/{archive['superuser'].pk}/change/",
    }
    for name, url in screens.items():
        page.goto(url)
        page.evaluate("document.fonts.ready.then(() => undefined)")
        if name == "release-form":
            page.click(".datetimeshortcuts .date-icon")
        screenshot(page, f"admin-lo-{name}-{width}")
        _count, inside_words = line_starts(page, WRAPPING_TEXT, BUNDLED.words)
        assert inside_words == [], f"{name} at {width} px"
        heading = (
            page.locator("#content h2").first.bounding_box() if name == "release-form" else None
        )
        if heading:
            for button in page.locator(".object-tools a").all():
                box = button.bounding_box()
                overlaps = (
                    box["y"] < heading["y"] + heading["height"]
                    and box["y"] + box["height"] > heading["y"]
                )
                assert not overlaps, f"{button.inner_text()} overlaps the heading at {width} px"
            title = page.locator("#id_title_lo").bounding_box()
            form = page.locator("#article_form").bounding_box()
            assert title["width"] > form["width"] / 2, (
                f"title box {title['width']} of {form['width']} px"
            )
