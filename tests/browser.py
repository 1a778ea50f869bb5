"""Debian's Chromium, as every browser test here launches it (Playwright cannot fetch its own).

The app's browser tests, the site's and ``make screenshot`` all start it this way.
"""

import os
import shutil

CHROMIUM_HELP = (
    "Chromium is not installed, so the browser tests cannot run. Install it "
    "(Debian/Ubuntu: `sudo apt install chromium`) or point CHROMIUM at a Chrome or "
    "Chromium executable."
)
# Chromium as the probe on this kind of machine runs it: headless, no sandbox as root, and no
# background calls home, which a closed network would refuse over and over.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
