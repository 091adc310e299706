"""Production settings refuse unsafe values and pass Django's deployment checks."""

import json
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


def settings_from(**environment):
    """The settings production builds from `environment`, read in a fresh process."""
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'DATABASES': s.DATABASES, 'CACHES': s.CACHES, 'STORAGES': s.STORAGES, "
        "'DATABASE_ROUTERS': s.DATABASE_ROUTERS}, default=str))"
    )
    result = run_manage("shell", "-c", code, SECRET_KEY=GOOD_KEY, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_without_configuration_every_process_shares_one_cache_and_files_are_on_disk():
    built = settings_from()
    cache = built["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == str(settings.BASE_DIR / "var" / "cache")
    assert built["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert built["DATABASE_ROUTERS"] == [] and list(built["DATABASES"]) == ["default"]


def test_the_cache_folder_and_its_size_come_from_the_environment():
    cache = settings_from(CACHE_DIR="/var/cache/newsroom", CACHE_MAX_ENTRIES="500")["CACHES"]
    assert cache["default"]["LOCATION"] == "/var/cache/newsroom"
    assert cache["default"]["OPTIONS"]["MAX_ENTRIES"] == 500


def test_redis_url_makes_redis_the_cache():
    cache = settings_from(REDIS_URL="redis://cache.internal:6379/2")["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"


def test_postgresql_connections_come_from_a_pool_sized_from_the_environment():
    database = settings_from(
        DATABASE_URL="postgres://newsroom@db.internal:5432/newsroom", DATABASE_POOL_MAX_SIZE="3"
    )["DATABASES"]["default"]
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 3, "timeout": 10}
    assert database["CONN_MAX_AGE"] == 0


def test_the_pool_can_give_way_to_persistent_connections():
    database = settings_from(
        DATABASE_URL="postgres://newsroom@db.internal:5432/newsroom", DATABASE_POOL="false"
    )["DATABASES"]["default"]
    assert "pool" not in database.get("OPTIONS", {}) and database["CONN_MAX_AGE"] == 60


def test_a_replica_url_adds_the_replica_and_its_router():
    built = settings_from(
        DATABASE_URL="postgres://newsroom@db.internal:5432/newsroom",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/newsroom",
    )
    assert built["DATABASES"]["replica"]["HOST"] == "replica.internal"
    assert built["DATABASES"]["replica"]["OPTIONS"]["pool"]["max_size"] == 4
    assert built["DATABASE_ROUTERS"] == ["newsroom.routers.ReplicaRouter"]


S3_ENVIRONMENT = {
    "AWS_STORAGE_BUCKET_NAME": "newsroom-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
}


def test_uploads_go_to_s3_compatible_storage_when_a_bucket_is_named():
    storage = settings_from(**S3_ENVIRONMENT)["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert storage["OPTIONS"]["custom_domain"] == "media.example.org"
    assert storage["OPTIONS"]["querystring_auth"] is False


def test_the_deployment_checks_pass_with_every_service_configured():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_REPLICA_URL="sqlite:///replica.sqlite3",
        **S3_ENVIRONMENT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
