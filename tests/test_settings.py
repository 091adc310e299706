"""Production settings refuse unsafe values and pass Django's deployment checks."""

import os
import subprocess
import sys

from django.conf import settings

GOOD_KEY = "k3y-" + "".join(chr(ord("a") + i % 26) + str(i % 10) for i in range(40))


def run_manage(*arguments, **environment):
    """Run manage.py with nothing from the test session's environment but PATH and HOME."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    for key in ("", "short", "x" * 60):
        result = run_manage("check", SECRET_KEY=key)
        assert result.returncode != 0
        assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = run_manage("check", SECRET_KEY=GOOD_KEY, DEBUG="true")
    assert result.returncode != 0 and "DEBUG must be off" in result.stderr


def test_production_passes_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stdout + result.stderr
