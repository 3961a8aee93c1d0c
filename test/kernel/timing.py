"""The one factor that scales every time limit in the tests, for slow or busy machines.

DECONVLAB_TEST_TIME_FACTOR (default 3, chosen for a busy 2-core machine running other work; set it to 1 on
an idle machine for the nominal limits, higher on a slower one). The same variable scales the Node tests'
limits (test/unit/util/time_factor.ts). Tests wait on events first; a factor only bounds how long they wait.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

TIME_FACTOR = float(os.environ.get("DECONVLAB_TEST_TIME_FACTOR", "3"))


def scaled(seconds: float) -> float:
    """A time limit of `seconds` on an idle machine, scaled by DECONVLAB_TEST_TIME_FACTOR."""
    return seconds * TIME_FACTOR


def wait_for_file(path: Path, timeout: float) -> None:
    """Returns as soon as `path` exists (a cell wrote it); fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"the cell did not reach {path.name} within {timeout:.1f} s"
        time.sleep(0.01)
