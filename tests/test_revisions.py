"""Revision history in the admin: every save kept, compared, previewed and restored;
and two people saving the same release without losing either's text."""

import pytest
from django.contrib.auth.models import Group, User
from reversion.models import Version

from articles.models import Article
from tests.pages import visible_text
from tests.test_admin import ADD_URL, edit_token_of, release_form


@pytest.fixture
def publisher(client, db):
    client.force_login(User.objects.create_superuser("bounmy", "b@example.org", "x"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def url(article, page="change"):
    return f"/admin/articles/article/{article.pk}/{page}/"


@pytest.fixture
def edited(publisher):
    """A release saved twice in the admin: the Lao title changed the second time."""
    assert publisher.post(ADD_URL, release_form()).status_code == 302
    article = Article.objects.get()
    token = edit_token_of(publisher, url(article))
    form = release_form(title_lo="ກອງປະຊຸມສະຫຼຸບຜົນ", edit_token=token)
    assert publisher.post(url(article), form).status_code == 302
    return article


def test_every_save_is_kept_with_who_and_when(publisher, edited):
    versions = Version.objects.get_for_object(edited)
    assert versions.count() == 2
    assert {version.revision.user.username for version in versions} == {"bounmy"}
    history = publisher.get(url(edited, "history")).text
    assert history.count('name="from"') == 2 and "bounmy" in history


def test_compare_two_revisions_shows_a_word_diff(publisher, edited):
    newer, older = Version.objects.get_for_object(edited)
    page = publisher.get(
        f"/admin/articles/article/{edited.pk}/history/compare/",
        {"from": older.pk, "to": newer.pk},
    ).text
    assert "<del>ທົດລອງ</del>" in page and "<ins>ສະຫຼຸບຜົນ</ins>" in page


def test_preview_a_stored_revision_as_readers_see_it(publisher, edited):
    older = Version.objects.get_for_object(edited).last()
    page = publisher.get(f"/lo/news/preview/{edited.pk}/revision/{older.pk}/")
    assert page.status_code == 200
    assert "ກອງປະຊຸມທົດລອງ" in visible_text(page.text)
    assert "/revision/" in publisher.get(url(edited, "history")).text


def test_restore_a_revision(publisher, edited):
    older = Version.objects.get_for_object(edited).last()
    restore_url = f"/admin/articles/article/{edited.pk}/history/{older.pk}/"
    form = release_form(edit_token="anything: restoring replaces on purpose")
    assert publisher.post(restore_url, form).status_code == 302
    edited.refresh_from_db()
    assert edited.title_lo == "ກອງປະຊຸມທົດລອງ"
    assert Version.objects.get_for_object(edited).count() == 3


def test_only_publishers_restore(client, edited):
    editor = User.objects.create_user("kham", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    older = Version.objects.get_for_object(edited).last()
    assert client.get(f"/admin/articles/article/{edited.pk}/history/{older.pk}/").status_code == 403


def test_second_save_of_a_stale_form_is_stopped_and_nothing_is_lost(publisher, edited):
    # Two people open the same release.
    token = edit_token_of(publisher, url(edited))
    first = release_form(title_lo="ກອງປະຊຸມສະຫຼຸບຜົນ", body_lo="ວັກໃໝ່ຂອງຄົນທຳອິດ", edit_token=token)
    assert publisher.post(url(edited), first).status_code == 302

    second = release_form(
        title_lo="ກອງປະຊຸມສະຫຼຸບຜົນ", summary_en="The second person's summary", edit_token=token
    )
    response = publisher.post(url(edited), second)
    assert response.status_code == 200
    assert "Someone else saved this release while you were editing it." in response.text
    assert "Changes saved by bounmy since you opened this form" in response.text
    # The other person's change, as a diff, and this person's text, still in the form.
    assert "<del>ທີໜຶ່ງ\nວັກທີສອງ</del><ins>ໃໝ່ຂອງຄົນທຳອິດ</ins>" in response.text
    assert "The second person&#x27;s summary" in response.text
    edited.refresh_from_db()
    assert (edited.body_lo, edited.summary_en) == ("ວັກໃໝ່ຂອງຄົນທຳອິດ", "A summary")

    # Saving the re-shown form again is a deliberate choice, and goes through.
    form = response.context["adminform"].form
    again = {**second, "edit_token": form["edit_token"].value()}
    assert publisher.post(url(edited), again).status_code == 302
    edited.refresh_from_db()
    assert edited.summary_en == "The second person's summary"
    assert Version.objects.get_for_object(edited).count() == 4


def test_translation_status_in_the_change_list(publisher):
    missing = Article.objects.create(title_lo="ບໍ່ມີພາສາອັງກິດ", body_lo="ເນື້ອໃນ")
    current = Article.objects.create(
        title_lo="ມີພາສາອັງກິດ", body_lo="ເນື້ອໃນ", title_en="Translated", body_en="Body"
    )
    stale = Article.objects.create(
        title_lo="ແກ້ໄຂພາຍຫຼັງ", body_lo="ເນື້ອໃນ", title_en="Out of date", body_en="Body"
    )
    stale.body_lo = "ເນື້ອໃນທີ່ແກ້ໄຂແລ້ວ"
    stale.save()
    current.body_en = "Body, corrected"
    current.save()
    assert [a.translation_status for a in (missing, current, stale)] == [
        "missing",
        "current",
        "stale",
    ]
    listing = publisher.get("/admin/articles/article/").text
    for label in ("English missing", "English current", "English out of date"):
        assert label in listing
    for value, article in (("missing", missing), ("current", current), ("stale", stale)):
        shown = publisher.get("/admin/articles/article/", {"english": value}).context["cl"]
        assert list(shown.result_list) == [article]


def test_compare_needs_two_revisions_of_this_release(publisher, edited):
    compare = f"/admin/articles/article/{edited.pk}/history/compare/"
    assert publisher.get(compare, {"from": "x", "to": "1"}).status_code == 404
    assert publisher.get(compare, {"from": "1", "to": "999"}).status_code == 404


def test_restore_page_explains_itself_in_lao(publisher, edited):
    older = Version.objects.get_for_object(edited).last()
    page = publisher.get(
        f"/admin/articles/article/{edited.pk}/history/{older.pk}/", HTTP_ACCEPT_LANGUAGE="lo"
    )
    assert "ບັນທຶກເພື່ອກູ້ຄືນ" in page.text
    assert 'value="ກອງປະຊຸມທົດລອງ"' in page.text
    edited.refresh_from_db()
    assert edited.title_lo == "ກອງປະຊຸມສະຫຼຸບຜົນ"  # looking restores nothing
