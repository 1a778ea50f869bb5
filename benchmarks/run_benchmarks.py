"""Measure the sentiment service: throughput, latency, start-up time and memory.

    python -m benchmarks.run_benchmarks            # make benchmark; about 6 minutes

The protocol (benchmarks/README.md) makes figures comparable on a 2-core machine: the
server is one gunicorn worker pinned to core 0; wrk, the load generator, is pinned to
core 1; the in-process reference runs the same prediction function in a loop pinned to
core 0, its runs alternating with the served ones. Every figure is the median of RUNS
runs. Results go to benchmarks/results/.
"""

import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import sklearn

from benchmarks.load_tools import GUNICORN, GUNICORN_CONFIG, POST_SCRIPT, parse_wrk, worker_rss
from sentiment_model.loader import load_verified_model
from sentiment_model.paths import ROOT
from sentiment_model.review_data import read_reviews

RESULTS = ROOT / "benchmarks" / "results"
SERVER_CORE, LOAD_CORE = 0, 1
RUNS = int(os.environ.get("BENCHMARK_RUNS", "5"))
SECONDS = int(os.environ.get("BENCHMARK_SECONDS", "5"))
BATCH_SIZES = (1, 10, 100, 1000)
ONE_TEXT = "The battery lasts all day and the screen is gorgeous."
PORT = 5099


def texts_for(batch_size: int) -> list[str]:
    """Real review sentences from the held-out split: the same ones every run."""
    if batch_size == 1:
        return [ONE_TEXT]
    held_out = [review.text for review in read_reviews() if review.split == "test"]
    return held_out[:batch_size]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def loop(call, seconds: float) -> dict:
    """Call ``call()`` for ``seconds``; latency percentiles in ms and calls per second."""
    for _ in range(20):
        call()
    latencies, deadline = [], time.perf_counter() + seconds
    while (start := time.perf_counter()) < deadline:
        call()
        latencies.append(time.perf_counter() - start)
    return {
        "per_second": len(latencies) / sum(latencies),
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
    }


def medians(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def median_of_runs(measure, *args) -> dict:
    return medians([measure(*args) for _ in range(RUNS)])


def in_process_once(model, texts: list[str]) -> dict:
    """One run of the reference loop on the server's core (the server is idle meanwhile)."""
    os.sched_setaffinity(0, {SERVER_CORE})
    result = loop(lambda: model.predict(texts), SECONDS)
    return {**result, "texts_per_second": result["per_second"] * len(texts)}


def naive_article_code(model) -> dict:
    """The source article's path: model.predict(vectorizer.transform([text])), in process."""
    os.sched_setaffinity(0, {SERVER_CORE})
    classifier, vectorizer = model.model, model.vectorizer
    result = median_of_runs(
        loop, lambda: classifier.predict(vectorizer.transform([ONE_TEXT]))[0], SECONDS
    )
    return {**result, "texts_per_second": result["per_second"]}


def wrk(url: str, body_file: Path, connections: int, seconds: int) -> dict:
    """One wrk run pinned to the load core; requests/s, p50/p99 in ms, failures."""
    command = ["taskset", "-c", str(LOAD_CORE), "wrk", "-t1", f"-c{connections}"]
    command += [f"-d{seconds}s", "--latency", "-s", str(POST_SCRIPT), url]
    environment = {**os.environ, "BODY_FILE": str(body_file)}
    output = subprocess.run(
        command, env=environment, capture_output=True, text=True, check=True
    ).stdout
    report = parse_wrk(output)
    return {
        "per_second": report["per_second"],
        "p50_ms": report["p50_ms"],
        "p99_ms": report["p99_ms"],
        "failed": report["non_2xx"],
        "socket_errors": report["socket_errors"],
    }


def wrk_get(url: str, connections: int, seconds: int) -> dict:
    """GET requests (no script): the fixed cost of a request without the model."""
    command = ["taskset", "-c", str(LOAD_CORE), "wrk", "-t1", f"-c{connections}"]
    command += [f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def start_server(env: dict) -> tuple[subprocess.Popen, float]:
    """One gunicorn worker pinned to the server core; returns it and its start-up seconds."""
    command = ["taskset", "-c", str(SERVER_CORE), str(GUNICORN), "--config"]
    command += [str(GUNICORN_CONFIG), "final_app:create_app()"]
    started = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=1):
                return server, time.perf_counter() - started
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("gunicorn exited; run it by hand to see why") from None
            time.sleep(0.02)


def worker_rss_mb(server: subprocess.Popen) -> float:
    workers = worker_rss(server.pid)
    return sum(workers.values()) / 1e6 / max(len(workers), 1)


def measure(model, folder: Path) -> tuple[dict, dict]:
    """Served and in-process figures, their runs interleaved so drift affects both alike."""
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "benchmark-" + "x" * 32,
        "SESSION_COOKIE_SECURE": "0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_LOG_LEVEL": "warning",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite'}",
    }
    startups = []
    for _ in range(RUNS):
        server, seconds = start_server(env)
        startups.append(seconds)
        server.terminate()
        server.wait()
    server, _ = start_server(env)
    served = {"startup_seconds": statistics.median(startups)}
    reference = {}
    try:
        served["rss_mb_started"] = worker_rss_mb(server)
        served["health_requests_per_second"] = median_of_runs(
            wrk_get, f"http://127.0.0.1:{PORT}/health", 4, SECONDS
        )["per_second"]
        for batch_size in BATCH_SIZES:
            texts = texts_for(batch_size)
            body = {"text": texts[0]} if batch_size == 1 else {"texts": texts}
            url = f"http://127.0.0.1:{PORT}{'/api' if batch_size == 1 else '/api/batch'}"
            body_file = folder / f"body-{batch_size}.json"
            body_file.write_text(json.dumps(body))
            wrk(url, body_file, 1, 2)  # warm-up
            local, latency, load = [], [], []
            for _ in range(RUNS):
                local.append(in_process_once(model, texts))
                latency.append(wrk(url, body_file, 1, SECONDS))
                load.append(wrk(url, body_file, 4, SECONDS))
            reference[str(batch_size)] = medians(local)
            latency, load = medians(latency), medians(load)
            served[str(batch_size)] = {
                "p50_ms": latency["p50_ms"],
                "p99_ms": latency["p99_ms"],
                "requests_per_second": load["per_second"],
                "texts_per_second": load["per_second"] * batch_size,
                "failed": latency["failed"] + load["failed"],
                "socket_errors": latency["socket_errors"] + load["socket_errors"],
            }
            print(f"batch {batch_size}: served {served[str(batch_size)]}", flush=True)
            print(f"batch {batch_size}: in process {reference[str(batch_size)]}", flush=True)
        served["rss_mb_after"] = worker_rss_mb(server)
    finally:
        server.terminate()
        server.wait()
    return served, reference


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    model = load_verified_model()
    load_seconds = statistics.median(_timed(load_verified_model) for _ in range(RUNS))
    naive = naive_article_code(model)
    with tempfile.TemporaryDirectory() as folder:
        server, reference = measure(model, Path(folder))
    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    one = str(1)
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "scikit-learn": sklearn.__version__,
        },
        "protocol": {
            "runs": RUNS,
            "seconds_per_run": SECONDS,
            "server_core": SERVER_CORE,
            "load_core": LOAD_CORE,
            "latency_connections": 1,
            "load_connections": 4,
        },
        "model_version": model.version,
        "model_load_seconds": load_seconds,
        "in_process": reference,
        "naive_article_code": naive,
        "served": server,
        "goals": {
            "served_vs_in_process_one_text": server[one]["requests_per_second"]
            / reference[one]["per_second"],
            "batch_1000_cheaper_per_text": server["1000"]["texts_per_second"]
            / server[one]["texts_per_second"],
            "app_overhead_p50_ms": server[one]["p50_ms"] - reference[one]["p50_ms"],
        },
        "measured_in_seconds": round(time.perf_counter() - started),
    }
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    plot(results)
    print(json.dumps(results["goals"], indent=2))


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def plot(results: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [str(size) for size in BATCH_SIZES]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(
        BATCH_SIZES,
        [results["in_process"][s]["texts_per_second"] for s in sizes],
        marker="o",
        label="in process (same function, one core)",
    )
    ax.plot(
        BATCH_SIZES,
        [results["served"][s]["texts_per_second"] for s in sizes],
        marker="s",
        label="served by gunicorn (one worker, one core)",
    )
    ax.axhline(
        results["naive_article_code"]["texts_per_second"],
        color="grey",
        linestyle="--",
        label="the article's code, one text, in process",
    )
    ax.set(
        xscale="log",
        yscale="log",
        xlabel="texts per request",
        ylabel="texts per second",
        title="Throughput by batch size",
    )
    ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(RESULTS / "throughput.png", dpi=110)


if __name__ == "__main__":
    main()
