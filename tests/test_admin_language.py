"""The admin's Lao: the catalogues we keep for Django and the apps, names Django keeps in
English, the word marking of admin pages, and the staff guide."""

import re
from pathlib import Path

import axes
import django
import django_otp
import pytest
import reversion
from babel.messages.pofile import read_po
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from articles.lao.typography import mark_lao_words_in_page
from articles.models import Article
from newsroom.accounts import permission_label
from newsroom.admin import translate_alt_texts
from newsroom.guide import render_guide
from newsroom.locale import field_label_in_language
from tests.pages import unmarked, visible_text

LOCALE = Path(__file__).resolve().parents[1] / "locale"
DJANGO = Path(django.__file__).parent
# Each app's catalogue as its package ships it (English, or the fullest one where
# there is no English), and ours for it.
APP_CATALOGUES = [
    (DJANGO / "conf/locale/en/LC_MESSAGES/django.po", "django", "django"),
    (DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po", "admin", "django"),
    (DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po", "admin", "djangojs"),
    (DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po", "auth", "django"),
    (DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po", "contenttypes", "django"),
    (DJANGO / "contrib/sessions/locale/en/LC_MESSAGES/django.po", "sessions", "django"),
    (Path(axes.__file__).parent / "locale/fa/LC_MESSAGES/django.po", "axes", "django"),
    (Path(django_otp.__file__).parent / "locale/es/LC_MESSAGES/django.po", "otp", "django"),
    (Path(reversion.__file__).parent / "locale/fa/LC_MESSAGES/django.po", "reversion", "django"),
]
OURS = [LOCALE / "lo/LC_MESSAGES/django.po", *sorted(LOCALE.glob("apps/*/lo/LC_MESSAGES/*.po"))]
# Django's catalogue also names the world's languages and its "install worked" page,
# which this site never shows.
NEVER_SHOWN = re.compile(r"conf/global_settings\.py|views/templates/default_urlconf\.html")


def catalogue(path):
    with open(path, "rb") as file:
        return read_po(file)


def shown(message, app):
    """Whether the admin can show a message: Django's, unless never shown; an app's, if its
    code still has it (catalogues of other languages keep strings the code dropped)."""
    locations = [location for location, _line in message.locations]
    if app == "django":
        return not all(NEVER_SHOWN.search(location) for location in locations)
    if app in ("admin", "auth", "contenttypes", "sessions"):
        return True
    packages = Path(axes.__file__).parents[1]
    return any((packages / location.removeprefix("src/")).exists() for location in locations)


@pytest.mark.parametrize(("source", "app", "domain"), APP_CATALOGUES, ids=lambda v: str(v))
def test_every_string_the_admin_can_show_is_in_lao(source, app, domain):
    """Through Django's own machinery, as the admin asks for each string."""
    # Django merges every "django" catalogue into one (as the admin reads it); djangojs
    # catalogues are read from the paths given.
    paths = None if domain == "django" else [LOCALE / "apps" / app]
    lao = DjangoTranslation("lo", domain=domain, localedirs=paths)
    ours = catalogue(LOCALE / "apps" / app / f"lo/LC_MESSAGES/{domain}.po")
    missing = []
    for message in catalogue(source):
        if not message.id or not shown(message, app):
            continue
        kept = ours.get(message.id, message.context)
        if kept is not None and kept.string == message.id:
            continue  # the same in Lao, such as "%(class_name)s %(instance)s"
        if isinstance(message.id, tuple):
            singular = message.id[0]
            found = lao.ngettext(singular, message.id[1], 1) != singular
        elif message.context:
            found = lao.pgettext(message.context, message.id) != message.id
        else:
            found = lao.gettext(message.id) != message.id
        if not found:
            missing.append(message.id)
    assert missing == []


def test_the_same_english_is_the_same_lao_in_every_catalogue():
    """Django merges the catalogues of one domain; the first to have a string would win."""
    seen, different = {}, []
    for path in [path for path in OURS if path.name == "django.po"]:
        for message in catalogue(path):
            lao = message.string if isinstance(message.string, str) else message.string[0]
            if not message.id or not lao:
                continue
            key = (message.context, message.id)
            if seen.setdefault(key, lao) != lao:
                different.append((message.id, seen[key], lao))
    assert different == []


@pytest.mark.parametrize("path", OURS, ids=lambda path: str(path.relative_to(LOCALE)))
def test_each_lao_string_is_clean_and_keeps_its_placeholders(path):
    problems = []
    strings = catalogue(path)
    for message, errors in strings.check():
        problems += [f"{message.id!r}: {error}" for error in errors]
    for message in list(strings)[1:]:
        for lao in (message.string,) if isinstance(message.string, str) else message.string:
            english = message.id if isinstance(message.id, str) else " ".join(message.id)
            if re.search("ຫລ|ຫນ|ຫມ|\u0ecd\u0eb2|[\u200b\u200c\u200d]", lao or ""):
                problems.append(f"{lao!r}: old spelling or an invisible character")
            # Only what the English says, and acronyms added to explain a term, such as (SSO).
            words = {word for word in re.findall(r"[A-Za-z]{2,}", lao or "") if not word.isupper()}
            invented = {word.lower() for word in words} - set(
                re.findall(r"[a-z]{2,}", english.lower())
            )
            if invented:
                problems.append(f"{lao!r}: English not in the original: {invented}")
    assert problems == []


def test_permissions_and_roles_are_named_in_the_admins_language(db):
    publish = Permission.objects.get(codename="publish_article")
    add = Permission.objects.get(codename="add_article")
    with translation.override("lo"):
        assert str(Group.objects.get(name="Editor")) == "ບັນນາທິການ"
        assert permission_label(add) == "ຂ່າວເຜີຍແຜ່ | ຂ່າວເຜີຍແຜ່ | ເພີ່ມຂ່າວເຜີຍແຜ່ ໄດ້"
        assert "ສາມາດເຜີຍແຜ່" in str(publish)
    with translation.override("en"):
        assert str(Group.objects.get(name="Editor")) == "Editor"
        assert str(add) == "Press releases | press release | Can add press release"


def test_a_translated_fields_label_names_its_language():
    field = Article._meta.get_field("title_en")
    with translation.override("lo"):
        assert str(field.verbose_name) == "ຫົວຂໍ້ [ພາສາອັງກິດ]"
    with translation.override("en"):
        assert field_label_in_language("title", "lo") == "title [Lao]"


def test_lao_in_a_page_is_marked_but_code_and_attributes_are_not():
    page = (
        '<title>ກອງປະຊຸມ</title><p title="ກອງປະຊຸມ">ກອງປະຊຸມ &amp; KSP</p>'
        "<script>var a = '<b>ກອງປະຊຸມ</b>';</script><textarea>ກອງປະຊຸມ</textarea>"
        "<select><option>ກອງປະຊຸມ</option></select><!-- ກອງປະຊຸມ -->"
    )
    marked = mark_lao_words_in_page(page)
    assert '<p title="ກອງປະຊຸມ"><span class="w">ກອງ<wbr>ປະຊຸມ</span> &amp; ' in marked
    assert marked.count('class="w"') == 1
    assert unmarked(marked).replace('<span lang="en">KSP</span>', "KSP") == page


def test_djangos_english_image_descriptions_are_translated():
    page = '<img src="/static/admin/img/icon-no.svg" alt="False"><img src="/s.svg" alt="Search">'
    with translation.override("lo"):
        assert translate_alt_texts(page) == (
            '<img src="/static/admin/img/icon-no.svg" alt="ບໍ່ແມ່ນ"><img src="/s.svg" alt="ຄົ້ນຫາ">'
        )


def test_admin_pages_mark_lao_words_and_public_pages_are_left_as_rendered(admin_client):
    Article.objects.create(title_lo="ກອງປະຊຸມສຳເລັດ", body_lo="ເນື້ອໃນ")
    listing = admin_client.get("/admin/articles/article/", HTTP_ACCEPT_LANGUAGE="lo").text
    assert '<span class="w">ກອງ<wbr>ປະຊຸມ<wbr>ສຳເລັດ</span>' in listing
    assert 'alt="False"' not in listing and 'alt="True"' not in listing


def test_the_staff_guide_is_linked_from_the_admin_in_each_language(admin_client):
    index = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="lo")
    assert 'href="/admin/guide/lo/"' in index.text
    lao = admin_client.get("/admin/guide/lo/", HTTP_ACCEPT_LANGUAGE="lo")
    assert "ຄູ່ມືພະນັກງານ" in visible_text(unmarked(lao.text))
    assert 'href="/admin/guide/en/" lang="en" hreflang="en"' in lao.text
    assert 'href="/admin/guide/lao-words/"' in lao.text
    english = admin_client.get("/admin/guide/en/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Staff guide" in english.text and 'href="/admin/guide/lo/"' in english.text
    assert admin_client.get("/admin/guide/lao-words/").status_code == 200
    assert admin_client.get("/admin/guide/settings/").status_code == 404


def test_the_staff_guide_is_for_staff_only(db, client):
    response = client.get("/admin/guide/en/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_both_guides_have_the_same_sections():
    lao, english = render_guide("lo")[1], render_guide("en")[1]
    assert lao.count("<h2") == english.count("<h2") >= 8
    assert lao.count("<h3") == english.count("<h3")


def test_admin_pages_name_the_sites_icon(admin_client):
    """Without it, every admin page asks for /favicon.ico and gets a 404."""
    assert 'rel="icon" href="/static/favicon' in admin_client.get("/admin/").text
