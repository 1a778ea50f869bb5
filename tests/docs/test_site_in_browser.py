"""The course site as a reader sees it: the built site, served on 127.0.0.1, in Chromium.

What the other site tests read from files (mkdocs.yml, the HTML) can still look wrong in a
browser: a nav entry that Material turns into a section heading, a link that resolves to
nothing, a search that needs the network. These tests look at what the browser shows.
"""

import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Page, expect

from course.lessons import all_lessons
from tests.conftest import IN_CI, ROOT

# One build of the site serves both modules: keep them in one worker of a parallel run.
pytestmark = [pytest.mark.xdist_group("site"), pytest.mark.takes(40)]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_HELP = (
    "axe-core is not installed, so the accessibility check cannot run. Install it with "
    "`npm ci` in the course's folder (it needs Node.js: https://nodejs.org)."
)
LESSON_ENTRY = re.compile(r"^(\d\d) · ")
# What the nav shows around the lessons, in order (mkdocs.yml).
BEFORE_LESSONS = ["Home", "Setup", "Lessons"]
AFTER_LESSONS = ["The final app", "Benchmarks", "Troubleshooting"]


# A desktop window, wide enough for Material to show the navigation beside the page.
DESKTOP = {"width": 1400, "height": 900}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


def only_the_site(page: Page, site_url: str) -> list[str]:
    """Let ``page`` load only the site itself; give the list of what else it asked for."""
    elsewhere: list[str] = []

    def route(route):
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return elsewhere


@pytest.fixture
def offline_page(page: Page, site_url) -> tuple[Page, list[str]]:
    """A page that may load only the site itself; it records what else was asked for."""
    return page, only_the_site(page, site_url)


# The links and section labels of the site's navigation, not the page's table of contents
# (which Material nests inside the current page's entry).
NAV_ENTRIES = """[...document.querySelectorAll('.md-sidebar--primary .md-nav__link')]
    .filter(link => !link.closest('.md-nav--secondary'))"""


def visible_nav_entries(page: Page) -> list[str]:
    """The entries of the left-hand navigation a reader can see, top to bottom."""
    return page.evaluate(
        f"""() => {NAV_ENTRIES}
            .filter(link => link.checkVisibility())
            .map(link => link.innerText.trim())
            .filter(text => text)"""
    )


def without_search(page: Page) -> Page:
    """Skip loading the search index: a test that visits every page needs only the page."""
    page.route("**/search/search_index.json", lambda route: route.abort())
    return page


def site_pages(site: Path) -> list[str]:
    """The path of every page of the built site, as a browser asks for it."""
    folders = (path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return sorted("/" if folder == "." else f"/{folder}/" for folder in folders)


def test_the_navigation_lists_every_lesson_in_order(page: Page, site_url):
    page.goto(site_url + "/")
    entries = visible_nav_entries(page)
    lessons = [entry for entry in entries if LESSON_ENTRY.match(entry)]
    assert [LESSON_ENTRY.match(entry)[1] for entry in lessons] == [
        lesson.number for lesson in all_lessons()
    ], entries
    first, last = entries.index(lessons[0]), entries.index(lessons[-1])
    assert entries[:first] == BEFORE_LESSONS
    assert entries[last + 1 :] == AFTER_LESSONS


def test_the_notebook_is_part_of_lesson_08(page: Page, site_url):
    page.goto(site_url + "/lessons/08_training_the_model/")
    entries = visible_nav_entries(page)
    lesson = entries.index("08 · Training the model")
    assert entries[lesson + 1 : lesson + 4] == [
        "The lesson",
        "The notebook",
        "09 · Serving the model",
    ]
    nested = page.evaluate(
        """() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__item--nested')]
            .filter(item => item.querySelector(':scope > label').innerText.startsWith('08 '))
            .map(item => [...item.querySelectorAll(':scope > nav > ul > li > a')]
                .map(link => link.innerText.trim()))"""
    )
    assert nested == [["The lesson", "The notebook"]], "the notebook is not inside lesson 08"
    page.get_by_role("link", name="The notebook", exact=True).click()
    expect(page).to_have_url(re.compile(r"/notebooks/train_sentiment_model/$"))
    expect(page.locator("article h1").first).to_have_text(re.compile("sentiment model"))


@pytest.fixture(scope="module")
def every_page(browser, site, site_url) -> tuple[dict[str, dict], list[str]]:
    """Each page of the built site, opened once, offline: what the browser showed on it.

    For each path: whether it loaded, the article's text, its first heading, how many code
    blocks are empty, every link and element id, and the navigation entry marked current.
    Also what the pages asked for outside the site.
    """
    context = browser.new_context(viewport=DESKTOP)
    page = without_search(context.new_page())
    elsewhere = only_the_site(page, site_url)
    shown: dict[str, dict] = {}
    for path in site_pages(site):
        response = page.goto(site_url + path, wait_until="domcontentloaded")
        shown[path] = {
            "ok": bool(response and response.ok),
            **page.evaluate(
                f"""() => ({{
                    text: document.querySelector('article').innerText,
                    heading: document.querySelector('article h1')?.innerText ?? '',
                    empty: [...document.querySelectorAll('article pre')]
                        .filter(block => !block.textContent.trim()).length,
                    links: [...document.querySelectorAll('a[href]')].map(link => link.href),
                    ids: [...document.querySelectorAll('[id]')].map(element => element.id),
                    nav: {NAV_ENTRIES}
                        .filter(link => link.tagName === 'A')
                        .map(link => [link.textContent.trim(), link.href]),
                    current: {NAV_ENTRIES}
                        .filter(link => link.tagName === 'A'
                            && link.matches('.md-nav__link--active'))
                        .map(link => link.textContent.trim()),
                }})"""
            ),
        }
    context.close()
    return shown, elsewhere


def test_every_nav_link_opens_its_page(every_page, site_url):
    """Each entry leads to a page that exists and marks that same entry as the current one."""
    shown, _ = every_page
    links = shown["/"]["nav"]
    assert len(links) == len(all_lessons()) + len(BEFORE_LESSONS) + len(AFTER_LESSONS)
    for label, url in links:
        path = urlsplit(url).path
        assert path in shown, f"{label}: {url} is not a page of the site"
        assert shown[path]["ok"], f"{label}: {url}"
        assert shown[path]["current"] == [label], url
        number = LESSON_ENTRY.match(label)
        if number:
            assert shown[path]["heading"].startswith(f"Lesson {number[1]}"), url


def test_no_page_shows_an_include_an_empty_code_block_or_a_broken_link(every_page, site_url):
    shown, elsewhere = every_page
    problems = []
    for path, seen in shown.items():
        if not seen["ok"]:
            problems.append(f"{path}: did not load")
        if "--8<--" in seen["text"]:
            problems.append(f"{path}: shows an include line instead of the file")
        if seen["empty"]:
            problems.append(f"{path}: {seen['empty']} empty code blocks")
        for link in seen["links"]:
            if not link.startswith(site_url):
                continue
            target, anchor = urldefrag(link)
            target_path = urlsplit(target).path
            if target_path in shown:
                if anchor and anchor not in shown[target_path]["ids"]:
                    problems.append(f"{path}: links to #{anchor}, not on {target_path}")
            elif not is_there(target):
                problems.append(f"{path}: links to {target_path}, which is not there")
    assert problems == []
    assert elsewhere == [], "the site asked the network for these"


def is_there(url: str) -> bool:
    """Whether the site's server has a file at ``url`` (a download the pages link to)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10):
            return True
    except urllib.error.HTTPError:
        return False


def test_search_works_offline(offline_page, site_url):
    page, elsewhere = offline_page
    page.goto(site_url + "/")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("CSRF")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(link => link.href)")
    assert any("/lessons/06_sessions_and_security/" in href for href in hrefs), hrefs
    assert elsewhere == []


def test_the_copy_button_copies_the_code_block(page: Page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "/lessons/01_hello_flask/")
    block = page.locator("article pre").filter(has_text="def index").first
    block.hover()
    block.get_by_title("Copy to clipboard").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    app = (ROOT / "lessons" / "01_hello_flask" / "app.py").read_text(encoding="utf-8")
    assert copied.strip() == app.strip()


def test_the_dark_mode_toggle_switches_the_colours_and_is_remembered(page: Page, site_url):
    page.goto(site_url + "/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light = body.evaluate("element => getComputedStyle(element).backgroundColor")
    page.get_by_title("Dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    dark = body.evaluate("element => getComputedStyle(element).backgroundColor")
    assert dark != light
    page.goto(site_url + "/setup/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


@pytest.fixture
def axe() -> Path:
    if not AXE.is_file():
        if IN_CI:
            pytest.fail(AXE_HELP)
        pytest.skip(AXE_HELP)
    return AXE


@pytest.mark.parametrize(
    "path", ["/", "/lessons/06_sessions_and_security/", "/notebooks/train_sentiment_model/"]
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(page: Page, site_url, axe, path, scheme):
    page.goto(site_url + path)
    if scheme == "dark":
        page.get_by_title("Dark mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(violation => ['serious', 'critical'].includes(violation.impact))
            .map(violation => ({
                rule: violation.id,
                impact: violation.impact,
                help: violation.help,
                where: violation.nodes.slice(0, 3).map(node => node.target.join(' ')),
            }))"""
    )
    assert violations == []
