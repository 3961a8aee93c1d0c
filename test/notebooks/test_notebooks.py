"""Every tutorial notebook runs top to bottom in the deconvlab kernel in quick mode, without errors or missing outputs,
and reads well without the extension: `jupyter nbconvert --to html` shows a labelled static figure for each deconvlab output.

NOTEBOOK_OUTPUTS=committed (default) checks the outputs saved in notebooks/ (what GitHub shows; made by
`npm run reproduce`); NOTEBOOK_OUTPUTS=quick checks the fallbacks of notebooks executed here in QUICK mode (written to
test-artifacts/notebooks/, with their HTML), e.g. before re-running the tutorials.
"""

import base64
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "notebooks"
JUPYTER = ROOT / ".venv" / "bin" / "jupyter"
sys.path.insert(0, str(NOTEBOOKS))
from execute import execute  # noqa: E402

PATHS = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
MODE = os.environ.get("NOTEBOOK_OUTPUTS", "committed")
SVG = "{http://www.w3.org/2000/svg}"
VENDOR = "application/vnd.deconvlab."
MIN_PNG_WIDTH = 360
MIN_DASHBOARD_WIDTH = 640

_executed = {}


def quick_run(path: Path) -> Path:
    """The notebook executed in QUICK mode (once per session), saved under test-artifacts/notebooks/."""
    if path not in _executed:
        notebook = execute(path, quick=True, timeout=600)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        out = ARTIFACTS / path.name
        nbformat.write(notebook, out)
        _executed[path] = out
    return _executed[path]


def test_the_tutorials_exist():
    assert [p.name[:2] for p in PATHS] == ["01", "02", "03", "04", "05", "06", "07"], [p.name for p in PATHS]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs_in_quick_mode(path):
    notebook = nbformat.read(quick_run(path), as_version=4)
    nbformat.validate(notebook)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    errors = [o for c in code_cells for o in c.outputs if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    assert all(c.execution_count for c in code_cells), "a code cell did not run"


class _DataImages(HTMLParser):
    """Collects the src of every <img> holding inline SVG or PNG data, in document order."""

    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        src = dict(attrs).get("src") or ""
        if tag == "img" and src.startswith(("data:image/svg+xml;base64,", "data:image/png;base64,")):
            self.sources.append(src)


def _shown_images(notebook):
    """(output, MIME type) of each output nbconvert's HTML shows as an image, in order (its priority: a widget view first,
    embedded as a live widget from the saved widget state, then HTML, then SVG, then PNG)."""
    shown = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if any(m in data for m in ("application/vnd.jupyter.widget-view+json", "text/html", "text/markdown")):
                continue
            mime = next((m for m in ("image/svg+xml", "image/png") if m in data), None)
            if mime:
                shown.append((output, mime))
    return shown


def _fits(label: str, texts) -> bool:
    """True when `label` is one of the texts, whole, cut to fit with an ellipsis, or followed by more words (a status)."""
    return any(t == label or t.startswith(f"{label} ") or (t.endswith("…") and label.startswith(t[:-1])) for t in texts)


def _required_labels(vendor: str, payload: dict):
    """Words the static figure of a deconvlab payload must carry: its title, and the labels of its kind."""
    labels = [payload["title"]] if payload.get("title") else []
    if vendor.endswith("image-grid+json"):
        labels += [c for c in payload.get("captions", []) if c]
    elif vendor.endswith("feature-maps+json"):
        labels += ["row (y)", "column (x)"] if payload["channels"] == 1 else ["ch 0"]
    elif vendor.endswith("conv-arithmetic+json"):
        labels += [f"output {'×'.join(map(str, payload['trace']['outputSize']))}", "kernel window", "input"]
    elif vendor.endswith("training+json"):
        labels += ["Losses", "Discriminator outputs", "step", "loss G", "loss D", "D(x) real", "D(G(z)) generated"]
    return labels


def _png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">I", data[16:20])[0]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_nbconvert_html_shows_a_labelled_static_figure_for_every_deconvlab_output(path):
    """Outside JupyterLab (nbconvert, GitHub, VS Code) each deconvlab output is an SVG whose text carries the figure's words, or a wide PNG."""
    source = quick_run(path) if MODE == "quick" else path
    assert MODE in ("quick", "committed"), f"NOTEBOOK_OUTPUTS must be quick or committed, got {MODE}"
    html = subprocess.run(
        [JUPYTER, "nbconvert", "--to", "html", "--stdout", str(source)], capture_output=True, text=True, check=True
    ).stdout
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{path.stem}.{MODE}.html").write_text(html)
    notebook = nbformat.read(source, as_version=4)
    shown = _shown_images(notebook)
    parser = _DataImages()
    parser.feed(html)
    assert len(parser.sources) == len(shown), f"{len(shown)} image outputs in the notebook, {len(parser.sources)} images in the HTML"
    rich = [(i, o) for i, (o, _) in enumerate(shown) if any(m.startswith(VENDOR) for m in o["data"])]
    assert rich, f"{path.name} has no deconvlab outputs shown as images: run `npm run reproduce` (or check the bundles' fallbacks)"
    all_rich = [o for c in notebook.cells for o in c.get("outputs", []) if any(m.startswith(VENDOR) for m in o.get("data", {}))]
    assert len(rich) == len(all_rich), "a deconvlab output has no static image fallback"
    for index, output in rich:
        vendor = next(m for m in output["data"] if m.startswith(VENDOR))
        payload = output["data"][vendor]
        kind, encoded = parser.sources[index].split(",", 1)
        data = base64.b64decode(encoded)
        minimum = MIN_DASHBOARD_WIDTH if vendor.endswith("training+json") else MIN_PNG_WIDTH
        if kind.startswith("data:image/png"):
            assert _png_width(data) >= minimum, f"{vendor} PNG is {_png_width(data)} px wide, needs {minimum}"
            continue
        root = ET.fromstring(data)
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        if vendor.endswith("training+json"):
            assert float(root.get("width")) >= MIN_DASHBOARD_WIDTH, root.get("width")
        missing = [label for label in _required_labels(vendor, payload) if not _fits(label, texts)]
        assert not missing, f"{vendor} fallback lacks {missing}; its texts: {texts[:20]}"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text and root.get("aria-label") == title.text, "the SVG carries no alt text"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_saved_widget_views_carry_static_fallbacks(path):
    """Each widget view saved in a notebook carries a text/plain, and each explorer (a box with an output area) the static figure (SVG or PNG) of its first run."""
    notebook = nbformat.read(path, as_version=4)
    views = [
        o["data"]
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    for data in views:
        assert "text/plain" in data, sorted(data)
        if data["text/plain"].startswith(("VBox(", "HBox(")) and "Output()" in data["text/plain"]:
            assert "image/svg+xml" in data or "image/png" in data, data["text/plain"]
