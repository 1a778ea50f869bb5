"""MkDocs hook: the lesson texts and the notebook become pages, and chain lessons get a diff.

A lesson's text lives once, in ``lessons/NN_topic/README.md``, next to its code, and the
notebook lives in ``notebooks/``. Both sit outside ``docs/``, so this hook adds them to the
site under their repository paths; links between them then work on GitHub and on the site
alike. For lessons 02-07, each a copy of the previous one plus one idea, it replaces the
marker ``<!-- lesson-diff -->`` with the diff from the previous lesson, computed at build
time from the two folders, so it can never disagree with the code.
"""

import difflib
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from benchmarks.report import (
    results_markdown,
    scale_markdown,
    server_comparison_markdown,
    slow_clients_markdown,
)
from sentiment_model.card import figures_markdown, read_model_card
from sentiment_model.paths import MODELS_DIR

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"
DIFF_MARKER = "<!-- lesson-diff -->"
CHAIN_END = "08"
EXTERNAL_GLOBS = (
    "lessons/*/README.md",
    "notebooks/*.ipynb",
    "final_app/README.md",
    "benchmarks/README.md",
    "benchmarks/results/*.png",
)
OPENAPI_MARKER = "<!-- openapi-reference -->"
MODEL_MARKER = "<!-- model-figures -->"
SERVERS_MARKER = "<!-- server-comparison -->"
SLOW_CLIENTS_MARKER = "<!-- slow-client-results -->"
SCALE_MARKER = "<!-- scale-results -->"
RESULTS_MARKER = "<!-- benchmark-results -->"


# ``--8<-- "path"`` or ``--8<-- "path:section"``, alone on its line (pymdownx.snippets).
INCLUDE = re.compile(r'^(?P<indent> *)--8<-- "(?P<path>[^":]+)(?::[^"]*)?"\s*$', re.MULTILINE)


def included_files(markdown: str) -> list[str]:
    """The repository paths a page includes with ``--8<--``."""
    return [match["path"] for match in INCLUDE.finditer(markdown)]


@event_priority(100)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files, config):
    pages = sorted(path for pattern in EXTERNAL_GLOBS for path in ROOT.glob(pattern))
    # Each include has a link to its file beside it, for readers on GitHub (CONTRIBUTING.md,
    # "Includes"); the site carries those files too, so the same links work here.
    included = {
        ROOT / name
        for page in pages
        if page.suffix == ".md"
        for name in included_files(page.read_text(encoding="utf-8"))
    }
    for path in sorted({*pages, *included}):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith("docs/") or files.get_file_from_path(name) is not None:
            continue
        if path in pages:
            inclusion = InclusionLevel.UNDEFINED  # as for a page in docs/
        elif path.suffix == ".md":
            inclusion = InclusionLevel.NOT_IN_NAV  # data/README.md: a page, linked, not listed
        else:
            inclusion = InclusionLevel.INCLUDED  # even .env.example, which mkdocs would skip
        files.append(
            File(
                name,
                src_dir=str(ROOT),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
                inclusion=inclusion,
            )
        )
    return files


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.src_uri)
    if source.parts[0] != "docs" and len(source.parts) > 1:
        # A README links to a docs/ page by its repository path (so GitHub can follow it);
        # on the site, docs/ is the root.
        markdown = markdown.replace(
            "](" + "../" * (len(source.parts) - 1) + "docs/", "](" + "../" * (len(source.parts) - 1)
        )
    if DIFF_MARKER in markdown:
        markdown = markdown.replace(DIFF_MARKER, diff_section(source.parent.name))
    if OPENAPI_MARKER in markdown:
        markdown = markdown.replace(OPENAPI_MARKER, openapi_reference())
    if RESULTS_MARKER in markdown:
        markdown = markdown.replace(RESULTS_MARKER, results_markdown())
    if SERVERS_MARKER in markdown:
        markdown = markdown.replace(SERVERS_MARKER, server_comparison_markdown())
    if SLOW_CLIENTS_MARKER in markdown:
        markdown = markdown.replace(SLOW_CLIENTS_MARKER, slow_clients_markdown())
    if SCALE_MARKER in markdown:
        markdown = markdown.replace(SCALE_MARKER, scale_markdown())
    if MODEL_MARKER in markdown:
        markdown = markdown.replace(MODEL_MARKER, figures_markdown(read_model_card(MODELS_DIR)))
    return markdown


def chain_lessons() -> list[str]:
    return sorted(p.name for p in LESSONS.glob("[0-9][0-9]_*") if p.name < CHAIN_END)


def diff_section(lesson: str) -> str:
    """Markdown with one diff block per file that changed since the previous lesson."""
    chain = chain_lessons()
    if lesson not in chain or chain.index(lesson) == 0:
        raise ValueError(f"{lesson} has a diff marker but no previous lesson in the chain")
    previous = chain[chain.index(lesson) - 1]
    old_dir, new_dir = LESSONS / previous, LESSONS / lesson
    names = sorted({*lesson_files(old_dir), *lesson_files(new_dir)})
    blocks = []
    for name in names:
        old, new = read_lines(old_dir / name), read_lines(new_dir / name)
        diff = list(
            difflib.unified_diff(
                old, new, f"lessons/{previous}/{name}", f"lessons/{lesson}/{name}", n=3
            )
        )
        if diff:
            blocks.append(f"`{name}`\n\n```diff\n{''.join(diff)}```\n")
    return (
        f"## What changed since lesson {previous[:2]}\n\n"
        f"Generated from the two folders when this site was built "
        f"(`diff -ru lessons/{previous} lessons/{lesson}` shows the same).\n\n" + "\n".join(blocks)
    )


def lesson_files(folder: Path) -> list[str]:
    """The code files of a lesson (not its text, caches or local database)."""
    suffixes = {".py", ".html", ".css", ".js"}
    return [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix in suffixes
        and "__pycache__" not in path.parts
        and "instance" not in path.relative_to(folder).parts
    ]


def read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def openapi_reference() -> str:
    """The API reference, generated from the OpenAPI document the app serves."""
    from final_app.openapi import build_openapi

    document = build_openapi()
    schemas = document["components"]["schemas"]
    sections = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            lines = [f"### `{method.upper()} {path}`", "", operation["summary"] + ".", ""]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                lines += schema_table(schemas[body["schema"]["$ref"].rsplit("/", 1)[1]], schemas)
                if "example" in body:
                    lines += ["", "```json", json.dumps(body["example"]), "```", ""]
            lines += ["| status | meaning |", "|---|---|"]
            lines += [
                f"| {status} | {response['description']} |"
                for status, response in operation["responses"].items()
            ]
            sections.append("\n".join(lines))
    return "\n\n".join(sections)


def schema_table(schema: dict, schemas: dict) -> list[str]:
    lines = ["| field | type | rules |", "|---|---|---|"]
    for name, field in schema.get("properties", {}).items():
        kind = field.get("type", "object")
        if kind == "array":
            kind = f"array of {field['items'].get('type', 'object')}"
        rules = [field.get("description", "")]
        if "maxItems" in field:
            rules.append(f"{field.get('minItems', 0)} to {field['maxItems']:,} items")
        required = "required" if name in schema.get("required", []) else "optional"
        lines.append(f"| `{name}` | {kind}, {required} | {' '.join(r for r in rules if r)} |")
    return lines
