"""The site as production serves it, on loopback, for the page weight and Lighthouse scripts.

gunicorn with production settings (DEBUG off, WhiteNoise serving the hashed,
compressed files of collectstatic) on a throw-away SQLite database holding the
seed release, the archive's first and so far only release.
"""

import contextlib
import shutil
import signal
import socket
import tempfile
import time
from pathlib import Path

from soak import HOST, free_port, prepare_site, production_environment, start_gunicorn

SEED = "/news/2022/08/1-meeting-concludes-digital-government-policy-research/"
PAGES = {
    "Lao article": f"/lo{SEED}",
    "English article": f"/en{SEED}",
    "Lao home": "/lo/",
    "English home": "/en/",
}


@contextlib.contextmanager
def serve():
    """Yield the base URL of a production-like server; stop it and clean up afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    port = free_port()
    env = production_environment(
        f"sqlite:///{folder / 'bench.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        # Not the work tree's staticfiles/, which `make run` and the tests use.
        STATIC_ROOT=str(folder / "static"),
        BIND=f"{HOST}:{port}",
        LOG_LEVEL="ERROR",
    )
    prepare_site(env)
    log = (folder / "gunicorn.log").open("w")
    server = start_gunicorn(env, log)
    try:
        for _attempt in range(100):
            with contextlib.suppress(OSError):
                socket.create_connection((HOST, port), timeout=1).close()
                break
            time.sleep(0.2)
        yield f"http://{HOST}:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
