"""Lighthouse scores of the home and release pages in Lao and English.

Serves the site production-like (bench/production_site.py) and runs npm's
lighthouse 12.2.3 (installed into bench/.node on first use) with Debian's
Chromium and its default mobile preset (a mid-range phone on a slow 4G link,
simulated). Prints the four category scores per page, the audits that did not
pass, and whether every score reaches the target.

    .venv/bin/python bench/lighthouse.py

Exit status 0 when every score is at least 95, 1 otherwise.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from production_site import PAGES, serve
from soak import machine

HERE = Path(__file__).resolve().parent
NODE_PREFIX = HERE / ".node"
LIGHTHOUSE = NODE_PREFIX / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
TARGET = 95


def install():
    if not LIGHTHOUSE.exists():
        print(f"installing lighthouse@{VERSION} into {NODE_PREFIX}", flush=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(NODE_PREFIX), f"lighthouse@{VERSION}"],
            check=True,
            capture_output=True,
        )
    return subprocess.run(
        [str(LIGHTHOUSE), "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()


def audit(url, report):
    """Run lighthouse on one page; its JSON report as a dict."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    return json.loads(report.read_text())


def failed_audits(result):
    """Audits that count towards a category and did not pass, as 'category: audit (score)'."""
    failed = []
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            found = result["audits"][ref["id"]]
            if ref["weight"] and found["score"] is not None and found["score"] < 1:
                failed.append(f"{name}: {ref['id']} ({found['score']:.2f})")
    return failed


def main():
    version = install()
    print(f"machine: {machine()}")
    print(f"lighthouse {version}, mobile preset (simulated throttling), {CHROMIUM}\n")
    print(f"{'page':<16}" + "".join(f"{name:>16}" for name in CATEGORIES) + "   FCP, LCP, TBT")
    lowest = 100
    notes = []
    with serve() as base, tempfile.TemporaryDirectory() as folder:
        for name, path in PAGES.items():
            result = audit(base + path, Path(folder) / "report.json")
            scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
            lowest = min(lowest, *scores)
            metrics = ", ".join(result["audits"][m]["displayValue"] for m in METRICS)
            print(f"{name:<16}" + "".join(f"{s:>16}" for s in scores) + f"   {metrics}")
            notes += [f"{name}: {failure}" for failure in failed_audits(result)]
    if notes:
        print("\naudits not passed:\n  " + "\n  ".join(notes))
    verdict = "met" if lowest >= TARGET else "NOT met"
    print(f"\ntarget: every score at least {TARGET}: lowest {lowest}, {verdict}")
    sys.exit(0 if lowest >= TARGET else 1)


if __name__ == "__main__":
    main()
