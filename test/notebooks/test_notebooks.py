"""Every tutorial notebook runs top to bottom in the deconvlab kernel in quick mode, without errors or missing outputs."""
import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))
from execute import execute  # noqa: E402

PATHS = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))


def test_the_tutorials_exist():
    assert [p.name[:2] for p in PATHS] == ["01", "02", "03", "04", "05"], [p.name for p in PATHS]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs_in_quick_mode(path):
    notebook = execute(path, quick=True, timeout=600)
    nbformat.validate(notebook)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    errors = [o for c in code_cells for o in c.outputs if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    assert all(c.execution_count for c in code_cells), "a code cell did not run"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_committed_outputs_read_well_without_the_extension(path):
    """Each rich deconvlab output saved in the notebook carries PNG and text fallbacks (GitHub and plain Jupyter show those)."""
    notebook = nbformat.read(path, as_version=4)
    rich = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
            if any(m.startswith("application/vnd.deconvlab.") for m in o.get("data", {}))]
    assert rich, f"{path.name} has no saved deconvlab outputs: run `npm run reproduce`"
    for output in rich:
        assert "image/png" in output["data"] and "text/plain" in output["data"], sorted(output["data"])


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_saved_widget_views_carry_static_fallbacks(path):
    """Each widget view saved in a notebook carries a text/plain, and each explorer (a box with an output area) the PNG of its first run."""
    notebook = nbformat.read(path, as_version=4)
    views = [o["data"] for c in notebook.cells if c.cell_type == "code" for o in c.outputs
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    for data in views:
        assert "text/plain" in data, sorted(data)
        if data["text/plain"].startswith(("VBox(", "HBox(")) and "Output()" in data["text/plain"]:
            assert "image/png" in data, data["text/plain"]
