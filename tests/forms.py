"""Submit HTML forms the way a browser does: read the page, then post what it holds."""

import re

_CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_in(html: str) -> str | None:
    """The CSRF token a page's form carries, or None when it has none."""
    match = _CSRF_INPUT.search(html)
    return match.group(1) if match else None


def submit_form(client, page: str, data: dict, action: str | None = None):
    """Load ``page`` and post ``data`` to its form (at ``action``), with its CSRF token if any."""
    html = client.get(page).get_data(as_text=True)
    token = csrf_token_in(html)
    fields = {**data, "csrf_token": token} if token else data
    return client.post(action or page, data=fields)
