"""Other Jupyter front ends drive the kernel too: `jupyter console` (nbclient is covered by test/notebooks, JupyterLab by test/ui)."""

import os
import subprocess
import sys
from pathlib import Path

import pexpect

JUPYTER = Path(sys.executable).parent / "jupyter"


def test_jupyter_console_runs_cells_and_keeps_declarations(tmp_path):
    out = subprocess.run(
        [JUPYTER, "console", "--kernel", "deconvlab", "--simple-prompt"],
        input="const a = 20 + 1\na * 2\ndeconv.validTransposeOutputSizes(4, 3, 2, 'SAME')\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "tf and deconv are preloaded" in out.stdout, out.stdout + out.stderr
    assert "Out[2]: 42" in out.stdout, out.stdout
    assert "Out[3]: [ 7, 8 ]" in out.stdout, out.stdout


# One colour escape sequence, as jupyter console's prompts carry them between every part.
ESC = r"(?:\x1b\[[0-9;]*m)*"


def test_jupyter_console_typed_into_while_the_preload_runs_submits_typescript_lines(tmp_path):
    """The first line is typed as soon as the prompt shows, while the preload blocks the main thread: the
    console's is_complete_request (1 s timeout) must be answered, else it falls back to its own rules."""
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        str(JUPYTER), ["console", "--kernel", "deconvlab"], encoding="utf-8", timeout=90, dimensions=(40, 200), env=env, cwd=str(tmp_path)
    )
    try:
        child.expect(rf"In \[{ESC}1")
        child.send("const k = 3\r")
        assert child.expect([rf"In \[{ESC}2", "did not respond to an is_complete_request"]) == 0, child.before
        child.send("k * 2\r")
        child.expect(rf"Out\[{ESC}2{ESC}\]: {ESC}6")
        # Ctrl-D only once the next prompt is up: sent while the prompt is being redrawn, it is lost.
        child.expect(rf"In \[{ESC}3")
        child.sendcontrol("d")
        if child.expect(["really want to exit", pexpect.EOF]) == 0:
            child.send("y\r")
            child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
