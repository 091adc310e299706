"""Revision history in the admin: every save kept, compared, previewed and restored;
and two people saving the same release without losing either's text."""

import pytest
from django.contrib.auth.models import Group, User
from reversion.models import Version

from articles.models import Article, Attachment, Section
from tests.conftest import pdf_upload
from tests.pages import unmarked, visible_text
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
    assert "<del>ທົດລອງ</del>" in unmarked(page) and "<ins>ສະຫຼຸບຜົນ</ins>" in unmarked(page)


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


def test_only_publishers_recover_a_deleted_release(client, publisher, edited):
    """A release comes back with the status it had: an editor could put one back online."""
    deleted = Version.objects.get_for_object(edited).first()
    edited.delete()
    recover = "/admin/articles/article/recover/"
    assert "recoverlink" in publisher.get("/admin/articles/article/").text
    assert publisher.get(f"{recover}{deleted.pk}/").status_code == 200
    editor = User.objects.create_user("kham", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    assert "recoverlink" not in client.get("/admin/articles/article/").text
    assert client.get(recover).status_code == 403
    assert client.get(f"{recover}{deleted.pk}/").status_code == 403


def two_forms(publisher, edited):
    """Two people open the same release: the form each of them was given."""
    token = edit_token_of(publisher, url(edited))
    return release_form(title_lo="ກອງປະຊຸມສະຫຼຸບຜົນ", edit_token=token)


def test_a_save_over_a_newer_save_of_other_fields_merges_them(publisher, edited):
    opened = two_forms(publisher, edited)
    first = {**opened, "summary_en": "The first person's summary"}
    assert publisher.post(url(edited), first).status_code == 302

    second = {**opened, "body_en": "The second person's body"}
    response = publisher.post(url(edited), second, follow=True)
    assert (
        "Merged with changes saved since you opened the form: Summary [English]." in response.text
    )
    edited.refresh_from_db()
    assert (edited.summary_en, edited.body_en) == (
        "The first person's summary",
        "The second person's body",
    )
    assert Version.objects.get_for_object(edited).count() == 4


def test_other_fields_than_text_are_merged_too(publisher, edited):
    opened = two_forms(publisher, edited)
    section = Section.objects.create(slug="digital", name_lo="ດີຈິຕອນ", name_en="Digital")
    first = {**opened, "section": str(section.pk), "event_date": "2026-11-21"}
    assert publisher.post(url(edited), first).status_code == 302
    second = {**opened, "body_lo": "ວັກຂອງຄົນທີສອງ"}
    assert publisher.post(url(edited), second).status_code == 302
    edited.refresh_from_db()
    assert (edited.section, str(edited.event_date), edited.body_lo) == (
        section,
        "2026-11-21",
        "ວັກຂອງຄົນທີສອງ",
    )


def stopped_save(publisher, edited):
    """Both change the Lao body; the first also the summary, the second the English title."""
    opened = two_forms(publisher, edited)
    first = {**opened, "body_lo": "ວັກໃໝ່ຂອງຄົນທຳອິດ", "summary_en": "The first summary"}
    assert publisher.post(url(edited), first).status_code == 302

    second = {**opened, "body_lo": "ວັກທີໜຶ່ງ\nວັກທີສາມ", "title_en": "The second title"}
    return second, publisher.post(url(edited), second)


def test_a_field_both_changed_is_shown_side_by_side_and_nothing_is_lost(publisher, edited):
    _second, response = stopped_save(publisher, edited)
    assert response.status_code == 200
    assert "Someone else saved this release while you were editing it." in response.text
    assert "Changes saved by bounmy since you opened this form" in response.text
    # What each of them changed in the body, word by word, and the choice.
    assert "<del>ທີໜຶ່ງ\nວັກທີສອງ</del><ins>ໃໝ່ຂອງຄົນທຳອິດ</ins>" in unmarked(response.text)
    assert "<del>ວັກທີສອງ</del><ins>ວັກທີສາມ</ins>" in unmarked(response.text)
    assert 'name="keep_body_lo" value="theirs"' in response.text
    # Nothing saved; the form holds this person's body and title, and the other's summary.
    edited.refresh_from_db()
    assert (edited.body_lo, edited.title_en) == ("ວັກໃໝ່ຂອງຄົນທຳອິດ", "Test meeting")
    form = response.context["adminform"].form
    assert form["summary_en"].value() == "The first summary"
    assert form["body_lo"].value() == "ວັກທີໜຶ່ງ\nວັກທີສາມ"


@pytest.mark.parametrize("keep", ["yours", "theirs"])
def test_the_choice_made_for_each_field_is_saved(publisher, edited, keep):
    second, response = stopped_save(publisher, edited)
    form = response.context["adminform"].form
    # As the browser sends the re-shown form back: its fields, the new token, the choice.
    again = {**second, "summary_en": form["summary_en"].value(), "keep_body_lo": keep}
    again["edit_token"] = form["edit_token"].value()
    assert publisher.post(url(edited), again).status_code == 302
    edited.refresh_from_db()
    body = {"yours": "ວັກທີໜຶ່ງ\nວັກທີສາມ", "theirs": "ວັກໃໝ່ຂອງຄົນທຳອິດ"}[keep]
    assert (edited.body_lo, edited.summary_en, edited.title_en) == (
        body,
        "The first summary",
        "The second title",
    )
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
    assert "ບັນທຶກເພື່ອກູ້ຄືນ" in unmarked(page.text)
    assert 'value="ກອງປະຊຸມທົດລອງ"' in page.text
    edited.refresh_from_db()
    assert edited.title_lo == "ກອງປະຊຸມສະຫຼຸບຜົນ"  # looking restores nothing


def release_with_a_document(publisher):
    """A release and its PDF added in the admin, and its form as a browser then sends it."""
    rows = {
        "attachments-TOTAL_FORMS": "1",
        "attachments-0-language": "lo",
        "attachments-0-title": "ຂໍ້ຕົກລົງ",
    }
    added = release_form(**rows, **{"attachments-0-file": pdf_upload()})
    assert publisher.post(ADD_URL, added).status_code == 302
    article, document = Article.objects.get(), Attachment.objects.get()
    opened = release_form(
        **rows,
        **{
            "edit_token": edit_token_of(publisher, url(article)),
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(document.pk),
            "attachments-0-article": str(article.pk),
        },
    )
    return article, document, opened


def test_a_stale_form_keeps_the_other_editors_changes_to_photos_and_documents(publisher):
    article, document, opened = release_with_a_document(publisher)
    first = {**opened, "attachments-0-title": "ຂໍ້ຕົກລົງສະບັບແກ້ໄຂ"}
    assert publisher.post(url(article), first).status_code == 302
    second = {**opened, "body_en": "The second person's body"}
    assert publisher.post(url(article), second).status_code == 302
    document.refresh_from_db()
    article.refresh_from_db()
    assert (document.title, article.body_en) == ("ຂໍ້ຕົກລົງສະບັບແກ້ໄຂ", "The second person's body")


def test_a_row_both_changed_shows_their_value_and_saving_again_keeps_yours(publisher):
    article, document, opened = release_with_a_document(publisher)
    assert (
        publisher.post(url(article), {**opened, "attachments-0-title": "ສະບັບ ກ"}).status_code == 302
    )
    second = {**opened, "attachments-0-title": "ສະບັບ ຂ"}
    response = publisher.post(url(article), second)
    assert response.status_code == 200
    assert "Someone else changed this to “ສະບັບ ກ” since you opened the form." in unmarked(
        response.text
    )
    document.refresh_from_db()
    assert document.title == "ສະບັບ ກ"
    token = response.context["adminform"].form["edit_token"].value()
    assert publisher.post(url(article), {**second, "edit_token": token}).status_code == 302
    document.refresh_from_db()
    assert document.title == "ສະບັບ ຂ"


def test_a_release_without_revisions_is_merged_too(publisher, seed_article):
    """Loaded from a fixture, the seed has no revision until its form is first opened."""
    assert not Version.objects.get_for_object(seed_article).exists()
    change = publisher.get(url(seed_article)).context["adminform"].form
    opened = {
        field.html_name: field.value() or ""
        for field in change
        if field.html_name in release_form() or field.html_name == "edit_token"
    }
    opened.update({key: value for key, value in release_form().items() if "FORMS" in key})
    opened["published_at_0"], opened["published_at_1"] = "2022-08-24", "10:00:00"
    assert (
        publisher.post(url(seed_article), {**opened, "summary_en": "A's summary"}).status_code
        == 302
    )
    assert publisher.post(url(seed_article), {**opened, "body_en": "C's body"}).status_code == 302
    seed_article.refresh_from_db()
    assert (seed_article.summary_en, seed_article.body_en) == ("A's summary", "C's body")


def test_a_stopped_save_shows_the_other_editors_document_changes_and_keeps_them(publisher):
    article, document, opened = release_with_a_document(publisher)
    first = {**opened, "attachments-0-title": "ສະບັບ ກ", "body_en": "A's body"}
    assert publisher.post(url(article), first).status_code == 302
    second = {**opened, "body_en": "C's body"}
    response = publisher.post(url(article), second)
    assert response.status_code == 200  # both changed the body
    (documents,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "attachments"
    ]
    assert documents.forms[0]["title"].value() == "ສະບັບ ກ"
    again = {
        **second,
        "attachments-0-title": documents.forms[0]["title"].value(),
        "edit_token": response.context["adminform"].form["edit_token"].value(),
    }
    assert publisher.post(url(article), again).status_code == 302
    document.refresh_from_db()
    article.refresh_from_db()
    assert (document.title, article.body_en) == ("ສະບັບ ກ", "C's body")
