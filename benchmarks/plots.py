"""The benchmark page's pictures, drawn from results.json by ``make benchmark``."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def plot_results(results: dict, folder: Path) -> None:
    plot_servers(results, folder / "servers.png")
    plot_batches(results, folder / "throughput.png")


def plot_servers(results: dict, path: Path) -> None:
    """Requests per second of every server, one worker each: POST /api and GET /health."""
    servers = results["servers"]
    names = sorted(servers, key=lambda name: servers[name]["api_requests_per_second"])
    fig, (api, health) = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for ax, key, title in (
        (api, "api_requests_per_second", "POST /api, one review"),
        (health, "health_requests_per_second", "GET /health, no model"),
    ):
        colours = ["tab:orange" if not servers[n]["flask"] else "tab:blue" for n in names]
        ax.barh(names, [servers[n][key] for n in names], color=colours)
        ax.set(title=title, xlabel="requests per second")
        ax.grid(True, axis="x", alpha=0.3)
    fig.suptitle("One worker on one core (blue: the Flask app; orange: its FastAPI twin)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_batches(results: dict, path: Path) -> None:
    """Texts per second by batch size, served by the chosen server and in process."""
    sizes = sorted(results["served"].keys() & results["in_process"].keys(), key=int)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(
        [int(s) for s in sizes],
        [results["in_process"][s]["texts_per_second"] for s in sizes],
        marker="o",
        label="in process (same function, one core)",
    )
    ax.plot(
        [int(s) for s in sizes],
        [results["served"][s]["texts_per_second"] for s in sizes],
        marker="s",
        label=f"served by {results['chosen_server']} (one worker, one core)",
    )
    ax.axhline(
        results["model"]["naive_article_code"]["per_second"],
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
    fig.savefig(path, dpi=110)
    plt.close(fig)
