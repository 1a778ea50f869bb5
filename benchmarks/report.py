"""The benchmark page's tables, written from benchmarks/results/results.json.

The site's build calls ``results_markdown`` (docs/hooks/course_pages.py), so the page can
never show figures other than the last run's.
"""

import json
from pathlib import Path

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "results.json"
# The served batch of 1,000 before this stack (gunicorn sync, model 068d748508a9,
# 2026-11-24): the goal is to be no slower.
PREVIOUS_SERVED_BATCH_1000 = 10_990


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def results_markdown(path: Path = RESULTS_FILE) -> str:
    if not path.exists():
        return "!!! warning\n    No results yet: run `make benchmark`."
    results = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join(
        [
            "### The model, in process",
            "",
            *model_table(results),
            "",
            "### The servers, side by side",
            "",
            *servers_table(results),
            "",
            "### Batches, served by the chosen server",
            "",
            *batches_table(results),
            "",
            *footnote(results),
        ]
    )


def model_table(results: dict) -> list[str]:
    model = results["model"]
    one, batch = model["one_review"]["p50_ms"], model["batch_1000_texts_per_second"]
    load, size = model["load_seconds"] * 1000, model["files_mb"]
    naive = model["naive_article_code"]
    return [
        "| figure | measured | goal | |",
        "|---|---|---|---|",
        f"| one review through `SentimentModel.predict`, p50 (p99) | {one:.2f} ms "
        f"({model['one_review']['p99_ms']:.2f} ms) | at most 0.5 ms | {verdict(one <= 0.5)} |",
        f"| a batch of 1,000 | {batch:,.0f} texts/s | at least 20,000 | "
        f"{verdict(batch >= 20_000)} |",
        f"| loading and verifying the files | {load:.0f} ms | at most 300 ms | "
        f"{verdict(load <= 300)} |",
        f"| the two model files | {size:.1f} MB | at most 10 MB | {verdict(size <= 10)} |",
        f"| the source article's `model.predict(vectorizer.transform([text]))` | "
        f"{naive['p50_ms']:.2f} ms p50 | reported | |",
        "",
        f"Over the {model['texts']:,} frozen reviews of `benchmarks/texts.json` (median "
        f"{model['words_per_text_median']:.0f} words), one at a time and as one batch.",
    ]


def servers_table(results: dict) -> list[str]:
    servers, chosen = results["servers"], results["chosen_server"]
    twin = servers["fastapi-twin"]
    rows = [
        "| server (one worker, one core) | `POST /api` req/s | `GET /health` req/s "
        "| `POST /api` p50 | `GET /health` p50 |",
        "|---|---|---|---|---|",
    ]
    for name, server in sorted(
        servers.items(), key=lambda item: -item[1]["api_requests_per_second"]
    ):
        label = f"**{server['label']}**" if name == chosen else server["label"]
        rows.append(
            f"| {label} | {server['api_requests_per_second']:,.0f} "
            f"| {server['health_requests_per_second']:,.0f} | {server['api_p50_ms']:.2f} ms "
            f"| {server['health_p50_ms']:.2f} ms |"
        )
    goals = results["goals"]
    api, health, web = (
        goals["api_vs_fastapi_twin"],
        goals["health_vs_fastapi_twin"],
        goals["web_layer_p50_ms"],
    )
    asgi = servers.get("fastapi-twin-asgi")
    batch = goals["served_batch_1000_texts_per_second"]
    rows += [
        "",
        "| goal | measured | |",
        "|---|---|---|",
        f"| `POST /api` at least 1.5x the FastAPI twin | {api:.2f}x | {verdict(api >= 1.5)} |",
        f"| `GET /health` at least 1.5x the FastAPI twin | {health:.2f}x "
        f"| {verdict(health >= 1.5)} |",
        f"| the web layer's own cost per request (served p50 minus in-process p50, one "
        f"connection) at most 0.25 ms | {web:.2f} ms | {verdict(web <= 0.25)} |",
        f"| a served batch of 1,000 no slower than before ({PREVIOUS_SERVED_BATCH_1000:,} "
        f"texts/s) | {batch:,.0f} texts/s | {verdict(batch >= PREVIOUS_SERVED_BATCH_1000)} |",
    ]
    if asgi:
        ours = servers[chosen]
        api_ratio = ours["api_requests_per_second"] / asgi["api_requests_per_second"]
        health_ratio = ours["health_requests_per_second"] / asgi["health_requests_per_second"]
        rows += [
            "",
            f"Against the twin whose middleware is written for ASGI directly (faster than "
            f"FastAPI's documented `@app.middleware`), the chosen server does "
            f"{api_ratio:.2f}x on `POST /api` and {health_ratio:.2f}x on `GET /health`. Twin "
            f"throughput: {twin['api_requests_per_second']:,.0f} and "
            f"{twin['health_requests_per_second']:,.0f} requests/s.",
        ]
    return rows


def batches_table(results: dict) -> list[str]:
    served, local = results["served"], results["in_process"]
    rows = [
        "| texts per request | served requests/s | served texts/s | p50 | p99 "
        "| in-process texts/s | in-process p50 |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in sorted(local, key=int):
        rows.append(
            f"| {int(size):,} | {served[size]['requests_per_second']:,.0f} "
            f"| {served[size]['texts_per_second']:,.0f} | {served[size]['p50_ms']:.2f} ms "
            f"| {served[size]['p99_ms']:.2f} ms | {local[size]['texts_per_second']:,.0f} "
            f"| {local[size]['p50_ms']:.2f} ms |"
        )
    return rows


def footnote(results: dict) -> list[str]:
    served, machine, protocol = results["served"], results["machine"], results["protocol"]
    return [
        f"Start-up (the server launched to its first answer): "
        f"{served['startup_seconds']:.2f} s; memory of the worker: "
        f"{served['rss_mb_started']:.0f} MB after start, {served['rss_mb_after']:.0f} MB after "
        "the runs.",
        "",
        f"Measured on {machine['cpus']} CPUs ({machine['processor']}), Python "
        f"{machine['python']}, scikit-learn {machine['scikit-learn']}, model "
        f"`{results['model_version']}`; median of {protocol['runs']} runs of "
        f"{protocol['seconds_per_run']} s each, all in one run of `make benchmark` "
        f"({results['measured_in_seconds'] / 60:.0f} minutes).",
    ]


SLOW_CLIENTS_FILE = RESULTS_FILE.with_name("slow_clients.json")


def server_comparison_markdown(path: Path = RESULTS_FILE) -> str:
    """The servers table alone, for lesson 10."""
    if not path.exists():
        return "!!! warning\n    No results yet: run `make benchmark`."
    return "\n".join(servers_table(json.loads(path.read_text(encoding="utf-8"))))


def slow_clients_markdown(path: Path = SLOW_CLIENTS_FILE) -> str:
    """Requests answered, p50 and p99 of POST /api, alone and beside slow clients."""
    if not path.exists():
        return "!!! warning\n    No results yet: run `make benchmark-slow-clients`."
    measured = json.loads(path.read_text(encoding="utf-8"))

    def cell(run: dict) -> str:
        if not run["requests"]:
            return "**none answered**"
        return f"{run['requests']:,} answered, {run['p50_ms']:.1f} / {run['p99_ms']:.1f} ms"

    rows = [
        "| way in | alone: requests, p50 / p99 "
        f"| beside {measured['slow_clients']} slow clients: requests, p50 / p99 |",
        "|---|---|---|",
        *(
            f"| {way} | {cell(runs['alone'])} | {cell(runs['with_slow_clients'])} |"
            for way, runs in measured["results"].items()
        ),
        "",
        f"`POST /api` with one review, wrk with 4 connections for {measured['seconds']} s; the "
        f"slow clients are {measured['slow_clients']} connections sending their headers one "
        "byte a second (`make benchmark-slow-clients`).",
    ]
    return "\n".join(rows)


SCALE_FILE = RESULTS_FILE.with_name("scale.json")


def scale_markdown(path: Path = SCALE_FILE) -> str:
    """The scale-out scenario's figures, for lesson 11."""
    if not path.exists():
        return "!!! warning\n    No results yet: run `make scale-test`."
    figures = json.loads(path.read_text(encoding="utf-8"))
    rows = [
        "| under load (wrk, 64 connections, `POST /api` through nginx) | requests served "
        "| failed | p99 |",
        "|---|---|---|---|",
    ]
    for key, label in (
        ("replica_killed", "one of two replicas killed with SIGKILL, 4 s in"),
        ("after_restart", "the killed replica restarted, back behind nginx"),
        ("rolling_restart", "both replicas restarted one at a time with SIGTERM"),
    ):
        run = figures[key]
        rows.append(f"| {label} | {run['requests']:,} | {run['failed']} | {run['p99_ms']:.0f} ms |")
    image = figures["image"]
    added = image["size_mb"] - image["base_size_mb"]
    shared = "accepted" if figures["session_cookie_shared"] else "**refused**"
    rows += [
        "",
        f"A session cookie made by one replica was {shared} by the other. The image: "
        f"{image['size_mb']:.0f} MB, of which {added:.0f} MB over its base "
        f"({image['base_size_mb']:.0f} MB, Debian's Python 3.11; `make scale-test`).",
    ]
    return "\n".join(rows)
