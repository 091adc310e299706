"""Roles through the admin: editors write Lao, translators English, publishers publish."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article
from tests.pages import visible_text
from tests.test_admin import edit_token_of, release_form

LIST_URL = "/admin/articles/article/"
ADD_URL = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def draft(db):
    return Article.objects.create(
        title_lo="ກອງປະຊຸມທົດລອງ",
        body_lo="ວັກທີໜຶ່ງ\nວັກທີສອງ",
        summary_lo="ສະຫຼຸບຂ່າວ",
        source_lo="ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ",
        image_alt_lo="ຮູບກອງປະຊຸມ",
        event_date="2026-11-20",
    )


def post_change(client, article, **fields):
    form = release_form(edit_token=edit_token_of(client, change_url(article)), **fields)
    return client.post(change_url(article), form)


def test_roles_exist_with_their_permissions(db):
    perms = {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }
    assert {"change_lao_text", "add_article"} <= perms["Editor"]
    assert "publish_article" not in perms["Editor"]
    assert {"change_article"} <= perms["Translator"]
    assert not {"change_lao_text", "publish_article", "add_article"} & perms["Translator"]
    assert {"publish_article", "change_lao_text", "delete_article"} <= perms["Publisher"]


def test_add_to_role_is_idempotent_and_explains_mistakes(db):
    User.objects.create_user("noy")
    out = io.StringIO()
    call_command("add_to_role", "noy", "Translator", stdout=out)
    call_command("add_to_role", "noy", "Translator", stdout=out)
    assert out.getvalue().splitlines() == [
        "noy now has the role Translator.",
        "noy already has the role Translator.",
    ]
    user = User.objects.get(username="noy")
    assert user.is_staff and list(user.groups.values_list("name", flat=True)) == ["Translator"]
    with pytest.raises(CommandError, match="No user 'nobody'"):
        call_command("add_to_role", "nobody", "Editor")


def test_translator_writes_english(staff, draft):
    client = staff("Translator")
    page = client.get(change_url(draft)).text
    assert 'name="title_lo"' in page and "disabled" in page
    # What a browser sends: disabled fields are not submitted.
    form = release_form(edit_token=edit_token_of(client, change_url(draft)))
    for name in ("title_lo", "summary_lo", "body_lo", "source_lo", "image_alt_lo", "status"):
        del form[name]
    response = client.post(change_url(draft), form)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title_en, draft.title_lo) == ("Test meeting", "ກອງປະຊຸມທົດລອງ")


@pytest.mark.parametrize(
    ("field", "value"), [("title_lo", "ຫົວຂໍ້ໃໝ່"), ("body_lo", "ເນື້ອໃນໃໝ່"), ("status", "published")]
)
def test_translator_cannot_change_lao_or_status(staff, draft, field, value):
    client = staff("Translator")
    response = post_change(client, draft, **{field: value})
    assert response.status_code == 200
    assert "Your role does not allow changing" in response.text
    draft.refresh_from_db()
    assert (draft.title_en, draft.status, draft.title_lo) == ("", "draft", "ກອງປະຊຸມທົດລອງ")


def test_translator_cannot_add_releases(staff, db):
    assert staff("Translator").get(ADD_URL).status_code == 403


def test_editor_sends_for_review_but_cannot_publish(staff, draft):
    client = staff("Editor")
    assert post_change(client, draft, status="review").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "review"
    response = post_change(client, draft, status="published")
    assert "Only a publisher can schedule, publish or withdraw a release." in response.text
    draft.refresh_from_db()
    assert draft.status == "review" and not draft.is_live


def test_only_publishers_get_the_publish_action(staff, draft):
    client = staff("Editor")
    response = client.post(LIST_URL, {"action": "publish_now", "_selected_action": [draft.pk]})
    assert response.status_code == 200  # Django answers "no action selected"
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "publish_now" not in client.get(LIST_URL).text


def test_publisher_schedules_and_it_goes_live_by_itself(staff, draft, client):
    publisher = staff("Publisher")
    later = timezone.localtime() + timedelta(hours=2)
    response = post_change(
        publisher,
        draft,
        status="published",
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "scheduled" and not draft.is_live
    publisher.logout()
    assert client.get(f"/lo/news/{draft.pk}/").status_code == 404
    Article.objects.filter(pk=draft.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/lo/news/{draft.pk}/", follow=True).status_code == 200


@pytest.mark.parametrize(
    ("language", "notice"),
    [("lo", "ກະຊວງໄດ້ຖອນຂ່າວເຜີຍແຜ່ສະບັບນີ້ອອກແລ້ວ"), ("en", "The ministry has withdrawn")],
)
def test_withdrawn_release_is_gone_with_a_notice(staff, draft, client, language, notice):
    publisher = staff("Publisher")
    Article.objects.filter(pk=draft.pk).update(status="published", published_at=timezone.now())
    response = publisher.post(LIST_URL, {"action": "withdraw", "_selected_action": [draft.pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    publisher.logout()
    response = client.get(f"/{language}/news/{draft.pk}/")
    assert response.status_code == 410
    assert notice in visible_text(response.text)
    assert client.get(f"/{language}/news/{draft.pk + 1}/").status_code == 404


def test_preview_shows_a_draft_to_staff_only(staff, draft, client):
    assert client.get(f"/en/news/preview/{draft.pk}/").status_code == 302  # to the login
    response = staff("Translator").get(f"/en/news/preview/{draft.pk}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    ("role", "refused", "reason"),
    [
        ("Translator", {"title_lo": "ຫົວຂໍ້ໃໝ່"}, "Your role does not allow changing"),
        ("Editor", {"status": "published"}, "Only a publisher can schedule, publish"),
    ],
)
def test_a_save_refused_for_the_role_keeps_the_text_with_the_reason(
    staff, draft, role, refused, reason
):
    response = post_change(staff(role), draft, body_en="An hour of translation", **refused)
    assert response.status_code == 200
    assert reason in response.text
    assert response.context["adminform"].form["body_en"].value() == "An hour of translation"


def test_typing_in_a_release_form_keeps_the_session_alive(staff, client):
    keep_alive = "/admin/articles/article/keep-session/"
    assert client.get(keep_alive).status_code == 302  # to the login page
    editor = staff("Editor")
    response = editor.get(keep_alive)
    assert response.status_code == 204
    assert response.cookies["sessionid"]["max-age"] == 12 * 60 * 60
