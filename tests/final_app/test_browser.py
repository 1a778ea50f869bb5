"""A real browser on the real server: type a review, see the prediction, stay safe from XSS."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.takes(10)

XSS = "<img src=x onerror=\"document.title='hacked'\"><script>document.title='hacked'</script>"


def predict(page: Page, base_url: str, review: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Your review").fill(review)
    page.get_by_role("button", name="Predict").click()


def test_typing_a_review_shows_the_prediction(page: Page, live_server):
    predict(page, live_server, "The battery lasts all week and the screen is gorgeous.")
    result = page.get_by_test_id("result")
    expect(result.get_by_role("heading")).to_have_text("Positive")
    expect(result).to_contain_text(re.compile(r"\d+% confident"))
    expect(page.locator(".history")).to_contain_text("The battery lasts all week")


def test_a_negative_review(page: Page, live_server):
    predict(page, live_server, "Stopped charging after two days. Waste of money.")
    expect(page.get_by_test_id("result").get_by_role("heading")).to_have_text("Negative")


def test_an_xss_payload_is_shown_as_text(page: Page, live_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    predict(page, live_server, XSS)
    expect(page.get_by_test_id("result").locator("blockquote")).to_have_text(XSS)
    expect(page.locator(".history td").first).to_contain_text("<img src=x")
    expect(page).to_have_title("Review sentiment")
    assert page.locator(".result img, .history img, main script").count() == 0
    assert dialogs == []


def test_an_empty_review_is_refused_by_the_server_too(page: Page, live_server):
    page.goto(live_server + "/")
    page.get_by_label("Your review").evaluate("element => element.removeAttribute('required')")
    page.get_by_label("Your review").fill("   ")
    page.get_by_role("button", name="Predict").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")
