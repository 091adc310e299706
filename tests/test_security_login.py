"""Staff login: lockout after five failures, TOTP codes where required, strong passwords."""

import importlib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import clear_url_caches
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

import newsroom.urls
from articles.models import Article
from tests.pages import unmarked

LOGIN_URL = "/admin/login/"
PASSWORD = "a long staff passphrase 4 tests"


@pytest.fixture
def editor(db):
    return User.objects.create_user(
        "editor", "editor@mtc.gov.la", PASSWORD, first_name="Somchai", is_staff=True
    )


def log_in(client, password=PASSWORD, code="", language="en", **extra):
    return client.post(
        LOGIN_URL,
        {"username": "editor", "password": password, "otp_token": code, "next": "/admin/"},
        HTTP_ACCEPT_LANGUAGE=language,
        **extra,
    )


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_password_login_works_without_two_factor_by_default(client, editor):
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This account is locked after too many failed logins. Try again in 15 minutes"),
        ("lo", "ບັນຊີນີ້ຖືກລັອກ"),
    ],
)
def test_five_failures_lock_the_account_for_15_minutes(client, editor, language, message):
    for _attempt in range(4):
        assert log_in(client, password="wrong", language=language).status_code == 200
    locked = log_in(client, password="wrong", language=language)
    assert locked.status_code == 429
    assert message in unmarked(locked.text)
    # The right password does not help while the lock lasts, from any address.
    again = log_in(client, language=language, REMOTE_ADDR="203.0.113.9")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client).status_code == 302


def test_four_failures_then_success_starts_the_count_again(client, editor):
    for _attempt in range(4):
        log_in(client, password="wrong")
    assert log_in(client).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert log_in(client, password="wrong").status_code == 200


def test_staff_with_an_authenticator_must_give_its_code(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    response = log_in(client)
    assert response.status_code == 200
    assert "Enter the 6-digit code from your authenticator app." in response.text
    wrong = log_in(client, code="000000" if current_code(device) != "000000" else "111111")
    assert "That code is not right." in wrong.text
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    assert log_in(client, code=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_required_two_factor_refuses_staff_without_an_authenticator(client, editor, settings):
    settings.REQUIRE_STAFF_2FA = True
    for language, message in [
        ("en", "Staff must log in with an authenticator app."),
        ("lo", "ພະນັກງານຕ້ອງເຂົ້າລະບົບດ້ວຍແອັບຢືນຢັນຕົວຕົນ"),
    ]:
        response = log_in(client, language=language)
        assert response.status_code == 200
        assert message in unmarked(response.text)
    assert "_auth_user_id" not in client.session


def test_required_two_factor_also_guards_sessions_and_staff_previews(client, editor, settings):
    """A session opened by password alone is not enough once two-factor is required."""
    client.force_login(editor)
    draft = Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນ")
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/lo/news/preview/{draft.pk}/").status_code == 200
    settings.REQUIRE_STAFF_2FA = True
    assert client.get("/admin/").status_code == 302
    preview = client.get(f"/lo/news/preview/{draft.pk}/")
    assert preview.status_code == 302 and preview["Location"].startswith(LOGIN_URL)

    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    assert log_in(client, code=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/lo/news/preview/{draft.pk}/").status_code == 200


@pytest.mark.parametrize(
    "password",
    [
        "short1!",
        "password1234",
        "qwertyuiop123",
        "123456789012345",
        "editor@mtc.gov.la",
        "somchai12345",
    ],
)
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_long_passphrase_is_accepted(editor):
    validate_password("ກະຊວງ tech comms 2026 news", user=editor)


def test_the_admin_refuses_a_weak_password_when_staff_change_theirs(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "This password is too short." in response.text
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


@pytest.fixture
def admin_at(settings):
    """Rebuild the URLs with the admin at another path, and put everything back afterwards."""

    def move(path):
        settings.ADMIN_URL = path
        importlib.reload(newsroom.urls)
        clear_url_caches()

    yield move
    move("admin/")


def test_the_admin_lives_at_the_configured_path(client, editor, admin_at):
    admin_at("office-7f3a/")
    assert client.get("/admin/").status_code == 404
    response = client.get("/office-7f3a/")
    assert response.status_code == 302 and response["Location"].startswith("/office-7f3a/login/")
    assert (
        client.post(
            "/office-7f3a/login/",
            {"username": "editor", "password": PASSWORD, "next": "/office-7f3a/"},
        ).status_code
        == 302
    )
    assert client.get("/office-7f3a/").status_code == 200
