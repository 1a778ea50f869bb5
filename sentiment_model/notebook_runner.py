"""Run the training notebook headlessly: ``make model`` and the test suite both use this.

The notebook is the one place the model is trained; this module only executes it, top to
bottom, in a fresh kernel, exactly as "Run All Cells" would.

    python -m sentiment_model.notebook_runner            # retrain into models/, keep outputs
"""

import argparse
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from sentiment_model.paths import NOTEBOOK, OUTPUT_DIR_VARIABLE


@contextlib.contextmanager
def environment(variables: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the kernel the block starts, then restore them."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_notebook(
    output_dir: Path,
    *,
    notebook: Path = NOTEBOOK,
    save_as: Path | None = None,
    extra_env: dict[str, str] | None = None,
    timeout: int = 900,
) -> nbformat.NotebookNode:
    """Execute ``notebook`` with its model files going to ``output_dir``; return it executed.

    ``save_as`` writes the executed notebook, outputs included (``make model`` saves it over
    the original so the committed notebook shows the latest results).
    """
    executed = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        executed,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    variables = {OUTPUT_DIR_VARIABLE: str(output_dir), **(extra_env or {})}
    with environment(variables):
        client.execute()
    if save_as is not None:
        nbformat.write(executed, save_as)
    return executed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=None, help="default: models/")
    args = parser.parse_args()
    from sentiment_model.paths import model_output_dir

    output_dir = args.output_dir or model_output_dir(NOTEBOOK.parent)
    run_notebook(output_dir, save_as=NOTEBOOK)
    print(f"Trained: model files and card in {output_dir}; outputs saved in {NOTEBOOK}")


if __name__ == "__main__":
    main()
