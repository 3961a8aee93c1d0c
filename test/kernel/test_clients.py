"""Other Jupyter front ends drive the kernel too: `jupyter console` (nbclient is covered by test/notebooks, JupyterLab by test/ui)."""
import subprocess
import sys
from pathlib import Path

JUPYTER = Path(sys.executable).parent / "jupyter"


def test_jupyter_console_runs_cells_and_keeps_declarations(tmp_path):
    out = subprocess.run(
        [JUPYTER, "console", "--kernel", "deconvlab", "--simple-prompt"],
        input="const a = 20 + 1\na * 2\ndeconv.validTransposeOutputSizes(4, 3, 2, 'SAME')\n",
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert "tf and deconv are preloaded" in out.stdout, out.stdout + out.stderr
    assert "Out[2]: 42" in out.stdout, out.stdout
    assert "Out[3]: [ 7, 8 ]" in out.stdout, out.stdout
