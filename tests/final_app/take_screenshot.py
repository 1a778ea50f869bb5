"""Take the course site's picture of final_app's page, with the browser tests' tools.

python -m tests.final_app.take_screenshot docs/assets/final_app.png   (make screenshot)
"""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM_ARGS, CHROMIUM_HELP, chromium_executable
from tests.final_app.live_server import served_final_app

REVIEWS = [
    "Stopped charging after two weeks. Sent it back.",
    "Comfortable earbuds, and the battery easily lasts my whole commute.",
]


def take_screenshot(destination: Path) -> None:
    executable = chromium_executable()
    if executable is None:
        raise SystemExit(CHROMIUM_HELP)
    with (
        tempfile.TemporaryDirectory() as folder,
        served_final_app(Path(folder)) as base_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 900})
        for review in REVIEWS:
            page.goto(base_url + "/")
            page.get_by_label("Your review").fill(review)
            page.get_by_role("button", name="Predict").click()
            page.get_by_test_id("result").wait_for()
        destination.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(destination), full_page=True)
        browser.close()


if __name__ == "__main__":
    take_screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/assets/final_app.png"))
