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
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

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
RESULTS_MARKER = "<!-- benchmark-results -->"


@event_priority(100)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files, config):
    for pattern in EXTERNAL_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            files.append(
                File(
                    path.relative_to(ROOT).as_posix(),
                    src_dir=str(ROOT),
                    dest_dir=config["site_dir"],
                    use_directory_urls=config["use_directory_urls"],
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
        markdown = markdown.replace(RESULTS_MARKER, benchmark_results())
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


def benchmark_results() -> str:
    """Tables of the last `make benchmark`, from benchmarks/results/results.json."""
    path = ROOT / "benchmarks" / "results" / "results.json"
    if not path.exists():
        return "!!! warning\n    No results yet: run `make benchmark`."
    results = json.loads(path.read_text(encoding="utf-8"))
    served, local = results["served"], results["in_process"]
    rows = [
        "| texts per request | served requests/s | served texts/s | p50 | p99 "
        "| in-process texts/s | in-process p50 |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in ("1", "10", "100", "1000"):
        rows.append(
            f"| {int(size):,} | {served[size]['requests_per_second']:,.0f} "
            f"| {served[size]['texts_per_second']:,.0f} | {served[size]['p50_ms']:.2f} ms "
            f"| {served[size]['p99_ms']:.2f} ms | {local[size]['texts_per_second']:,.0f} "
            f"| {local[size]['p50_ms']:.2f} ms |"
        )
    goals = results["goals"]
    naive = results["naive_article_code"]

    def verdict(met: bool) -> str:
        return "met" if met else "**not met**"

    ratio = goals["served_vs_in_process_one_text"]
    cheaper = goals["batch_1000_cheaper_per_text"]
    overhead = goals["app_overhead_p50_ms"]
    machine = results["machine"]
    return "\n".join(
        [
            *rows,
            "",
            "| goal | measured | |",
            "|---|---|---|",
            f"| served one-text throughput at least 0.7x in-process | {ratio:.2f}x "
            f"| {verdict(ratio >= 0.7)} |",
            f"| a batch of 1,000 at least 10x cheaper per text than single requests "
            f"| {cheaper:.1f}x | {verdict(cheaper >= 10)} |",
            f"| the app's own overhead per request under 1 ms at p50 | {overhead:.2f} ms "
            f"| {verdict(overhead < 1)} |",
            "",
            f"The source article's code path, `model.predict(vectorizer.transform([text]))` "
            f"in process: {naive['texts_per_second']:,.0f} texts/s, p50 "
            f"{naive['p50_ms']:.2f} ms.",
            "",
            *fixed_cost_lines(served),
            f"Start-up (gunicorn launched to first answer): {served['startup_seconds']:.2f} s; "
            f"loading the model files: {results['model_load_seconds'] * 1000:.0f} ms; "
            f"memory per worker: {served['rss_mb_started']:.0f} MB after start, "
            f"{served['rss_mb_after']:.0f} MB after the runs.",
            "",
            f"Measured on {machine['cpus']} CPUs ({machine['processor']}), Python "
            f"{machine['python']}, scikit-learn {machine['scikit-learn']}, model "
            f"`{results['model_version']}`; median of {results['protocol']['runs']} runs of "
            f"{results['protocol']['seconds_per_run']} s each.",
        ]
    )


def fixed_cost_lines(served: dict) -> list[str]:
    """What one request costs without the model (results from before it was measured lack it)."""
    if "health_requests_per_second" not in served:
        return []
    per_second = served["health_requests_per_second"]
    return [
        f"A request without the model, `GET /health`, served: {per_second:,.0f} requests/s, "
        f"so {1000 / per_second:.2f} ms of the worker's time per request goes to gunicorn, "
        "Flask and the app around the model.",
        "",
    ]
