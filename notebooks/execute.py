"""Execute tutorial notebooks headless in the deconvlab kernel (used by `npm run reproduce` and the notebook tests)."""

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent


def execute(path: Path, quick: bool, timeout: int = 3600) -> nbformat.NotebookNode:
    """Runs every cell of the notebook at `path` top to bottom (QUICK=1 in the kernel's environment when `quick`)."""
    notebook = nbformat.read(path, as_version=4)
    os.environ["QUICK"] = "1" if quick else "0"
    client = NotebookClient(notebook, kernel_name="deconvlab", timeout=timeout, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    parser.add_argument("--quick", action="store_true", help="short runs (QUICK=1), outputs not saved")
    args = parser.parse_args()
    paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    for path in paths:
        started = time.perf_counter()
        notebook = execute(path, args.quick)
        if not args.quick:
            nbformat.validate(notebook)
            nbformat.write(notebook, path)
        print(f"{path.name}: {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
