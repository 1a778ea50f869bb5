// Fixes the accessibility check found (tests/docs/test_site_in_browser.py).

// Material's search panel is a dialog with no name; screen readers announce it as "dialog".
document.querySelectorAll(".md-search[role=dialog]").forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search the course");
});

// The notebook's code cells scroll sideways: make them reachable with the keyboard.
document.querySelectorAll(".jp-Notebook .highlight-ipynb").forEach((cell) => {
  cell.setAttribute("tabindex", "0");
});
