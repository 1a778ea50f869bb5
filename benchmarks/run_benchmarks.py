"""Measure the model and the service: the servers side by side, batches, start-up, memory.

    python -m benchmarks.run_benchmarks            # make benchmark; about 25 minutes

The protocol (benchmarks/README.md) makes figures comparable on a 2-core machine: every
server runs one worker pinned to core 0; wrk, the load generator, is pinned to core 1; the
in-process reference runs the same prediction function in a loop pinned to core 0. All
servers are up at once and their runs alternate, so that whatever else the machine does
weighs on all of them alike. Every figure is the median of RUNS runs. Results go to
benchmarks/results/.
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

import psutil
import sklearn

from benchmarks.load_tools import POST_SCRIPT, parse_wrk
from benchmarks.servers import ServerSpec, server_specs
from sentiment_model.loader import load_verified_model
from sentiment_model.paths import MODEL_FILENAME, MODELS_DIR, ROOT, VECTORIZER_FILENAME

RESULTS = ROOT / "benchmarks" / "results"
FROZEN_TEXTS = ROOT / "benchmarks" / "texts.json"
SERVER_CORE, LOAD_CORE = 0, 1
RUNS = int(os.environ.get("BENCHMARK_RUNS", "5"))
SECONDS = int(os.environ.get("BENCHMARK_SECONDS", "5"))
BATCH_SIZES = (1, 10, 100, 1000)
# One review of 14 words: what the server comparison sends to POST /api.
ONE_REVIEW = "The battery lasts all day and the screen is gorgeous, so I bought another."
CHOSEN = "granian"
FIRST_PORT = 5100


def frozen_texts() -> list[str]:
    """1,000 reviews frozen in benchmarks/texts.json, so figures do not move with the data."""
    return json.loads(FROZEN_TEXTS.read_text(encoding="utf-8"))


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


def pinned(core: int) -> None:
    os.sched_setaffinity(0, {core})


def model_figures(model) -> dict:
    """The model alone, in process on the server core: one review, batches, loading, size."""
    pinned(SERVER_CORE)
    texts = frozen_texts()
    singles = []
    for _ in range(RUNS):
        latencies = []
        for text in texts:
            start = time.perf_counter()
            model.predict([text])
            latencies.append(time.perf_counter() - start)
        singles.append(
            {
                "p50_ms": percentile(latencies, 0.5) * 1000,
                "p99_ms": percentile(latencies, 0.99) * 1000,
            }
        )
    batch = medians([loop(lambda: model.predict(texts), SECONDS) for _ in range(RUNS)])
    loads = []
    for _ in range(RUNS):
        start = time.perf_counter()
        load_verified_model()
        loads.append(time.perf_counter() - start)
    classifier, vectorizer = model.model, model.vectorizer
    naive = medians(
        [
            loop(lambda: classifier.predict(vectorizer.transform([ONE_REVIEW]))[0], SECONDS)
            for _ in range(RUNS)
        ]
    )
    size = sum((MODELS_DIR / name).stat().st_size for name in (MODEL_FILENAME, VECTORIZER_FILENAME))
    return {
        "texts": len(texts),
        "words_per_text_median": statistics.median(len(text.split()) for text in texts),
        "one_review": medians(singles),
        "batch_1000_texts_per_second": batch["per_second"] * len(texts),
        "load_seconds": statistics.median(loads),
        "files_mb": size / 1e6,
        "naive_article_code": naive,
    }


def wrk(url: str, connections: int, seconds: int, body_file: Path | None = None) -> dict:
    """One wrk run pinned to the load core: GET, or POST of ``body_file``."""
    command = ["taskset", "-c", str(LOAD_CORE), "wrk", "-t1", f"-c{connections}"]
    command += [f"-d{seconds}s", "--latency"]
    environment = dict(os.environ)
    if body_file is not None:
        command += ["-s", str(POST_SCRIPT)]
        environment["BODY_FILE"] = str(body_file)
    output = subprocess.run(
        [*command, url], env=environment, capture_output=True, text=True, check=True
    ).stdout
    return parse_wrk(output)


def server_environment(folder: Path, port: int) -> dict:
    return {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "benchmark-" + "x" * 32,
        "SESSION_COOKIE_SECURE": "0",
        "WEB_CONCURRENCY": "1",
        "PORT": str(port),
        "LOG_LEVEL": "warning",
        "GUNICORN_LOG_LEVEL": "warning",
        "DATABASE_URL": f"sqlite:///{folder / f'bench-{port}.sqlite'}",
    }


def start(spec: ServerSpec, port: int, folder: Path) -> subprocess.Popen:
    """Start one server pinned to the server core, its own output discarded."""
    return subprocess.Popen(
        ["taskset", "-c", str(SERVER_CORE), *spec.command],
        cwd=ROOT,
        env=server_environment(folder, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until_healthy(port: int, process: subprocess.Popen, name: str) -> float:
    """Seconds until ``/health`` answers; fails if the server exits first."""
    started = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                return time.perf_counter() - started
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited; run it by hand to see why") from None
            time.sleep(0.02)


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, 15)
    process.wait(timeout=40)


def app_rss_mb(process: subprocess.Popen) -> float:
    """Resident memory of the process that runs the app (the worker, where there is one)."""
    parent = psutil.Process(process.pid)
    processes = [parent, *parent.children(recursive=True)]
    return max(p.memory_info().rss for p in processes) / 1e6


def compare_servers(folder: Path) -> dict:
    """Every server up at once; their runs alternate; medians per server."""
    names = [spec.name for spec in server_specs(lambda name: 0)]
    ports = {name: FIRST_PORT + n for n, name in enumerate(names)}
    specs = server_specs(ports.__getitem__)
    body = folder / "one-review.json"
    body.write_text(json.dumps({"text": ONE_REVIEW}))
    processes = {spec.name: start(spec, ports[spec.name], folder) for spec in specs}
    runs: dict[str, list[dict]] = {spec.name: [] for spec in specs}
    try:
        for spec in specs:
            wait_until_healthy(ports[spec.name], processes[spec.name], spec.name)
            wrk(f"http://127.0.0.1:{ports[spec.name]}/api", 4, 2, body)  # warm-up
        for run in range(RUNS):
            for spec in specs:
                base = f"http://127.0.0.1:{ports[spec.name]}"
                api = wrk(f"{base}/api", 4, SECONDS, body)
                health = wrk(f"{base}/health", 4, SECONDS)
                api_latency = wrk(f"{base}/api", 1, SECONDS, body)
                health_latency = wrk(f"{base}/health", 1, SECONDS)
                runs[spec.name].append(
                    {
                        "api_requests_per_second": api["per_second"],
                        "health_requests_per_second": health["per_second"],
                        "api_p50_ms": api_latency["p50_ms"],
                        "health_p50_ms": health_latency["p50_ms"],
                        "failed": api["non_2xx"] + health["non_2xx"] + api["socket_errors"],
                    }
                )
            print(f"server comparison: run {run + 1} of {RUNS} done", flush=True)
    finally:
        for process in processes.values():
            stop(process)
    return {
        spec.name: {"label": spec.label, "flask": spec.flask, **medians(runs[spec.name])}
        for spec in specs
    }


def chosen_server_figures(model, folder: Path) -> tuple[dict, dict]:
    """The production server: start-up, memory, and every batch size, served vs in process."""
    spec = next(spec for spec in server_specs(lambda name: FIRST_PORT) if spec.name == CHOSEN)
    port = FIRST_PORT
    startups = []
    for _ in range(RUNS):
        process = start(spec, port, folder)
        startups.append(wait_until_healthy(port, process, spec.name))
        stop(process)
    process = start(spec, port, folder)
    wait_until_healthy(port, process, spec.name)
    served = {"startup_seconds": statistics.median(startups)}
    reference = {}
    texts = frozen_texts()
    try:
        served["rss_mb_started"] = app_rss_mb(process)
        for batch_size in BATCH_SIZES:
            chosen = [ONE_REVIEW] if batch_size == 1 else texts[:batch_size]
            body = {"text": chosen[0]} if batch_size == 1 else {"texts": chosen}
            url = f"http://127.0.0.1:{port}{'/api' if batch_size == 1 else '/api/batch'}"
            body_file = folder / f"body-{batch_size}.json"
            body_file.write_text(json.dumps(body))
            wrk(url, 1, 2, body_file)  # warm-up
            local, latency, load = [], [], []
            for _ in range(RUNS):
                pinned(SERVER_CORE)
                result = loop(lambda chosen=chosen: model.predict(chosen), SECONDS)
                local.append({**result, "texts_per_second": result["per_second"] * len(chosen)})
                latency.append(wrk(url, 1, SECONDS, body_file))
                load.append(wrk(url, 4, SECONDS, body_file))
            reference[str(batch_size)] = medians(local)
            latency, load = medians(latency), medians(load)
            served[str(batch_size)] = {
                "p50_ms": latency["p50_ms"],
                "p99_ms": latency["p99_ms"],
                "requests_per_second": load["per_second"],
                "texts_per_second": load["per_second"] * batch_size,
                "failed": latency["non_2xx"] + load["non_2xx"],
                "socket_errors": latency["socket_errors"] + load["socket_errors"],
            }
            print(f"batch {batch_size}: served {served[str(batch_size)]}", flush=True)
        served["rss_mb_after"] = app_rss_mb(process)
    finally:
        stop(process)
    return served, reference


def goals(model: dict, servers: dict, served: dict, reference: dict) -> dict:
    chosen, twin = servers[CHOSEN], servers["fastapi-twin"]
    return {
        "one_review_p50_ms": model["one_review"]["p50_ms"],
        "batch_1000_texts_per_second": model["batch_1000_texts_per_second"],
        "load_seconds": model["load_seconds"],
        "files_mb": model["files_mb"],
        "api_vs_fastapi_twin": chosen["api_requests_per_second"] / twin["api_requests_per_second"],
        "health_vs_fastapi_twin": chosen["health_requests_per_second"]
        / twin["health_requests_per_second"],
        "web_layer_p50_ms": served["1"]["p50_ms"] - reference["1"]["p50_ms"],
        "served_batch_1000_texts_per_second": served["1000"]["texts_per_second"],
    }


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    model = load_verified_model()
    model_results = model_figures(model)
    print(f"model: {model_results}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        servers = compare_servers(Path(folder))
        served, reference = chosen_server_figures(model, Path(folder))
    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
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
            "one_review": ONE_REVIEW,
        },
        "model_version": model.version,
        "model": model_results,
        "servers": servers,
        "chosen_server": CHOSEN,
        "served": served,
        "in_process": reference,
        "goals": goals(model_results, servers, served, reference),
        "measured_in_seconds": round(time.perf_counter() - started),
    }
    (RESULTS / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    from benchmarks.plots import plot_results

    plot_results(results, RESULTS)
    print(json.dumps(results["goals"], indent=2))


if __name__ == "__main__":
    main()
