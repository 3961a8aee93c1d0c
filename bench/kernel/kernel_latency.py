"""Kernel latency, measured with jupyter_client: the deconvlab kernel against plain tslab 1.0.22
(no preload) and ipykernel, in the same run. Prints one JSON object (kernel → figures) on stdout.

Figures per kernel:
- kernel_info_s: seconds from launching the kernel process to its first kernel_info_reply;
- first_tf_cell_s: seconds from launch to the reply of the first cell using tf and deconvlab
  (deconvlab: `deconv.summary(tf.ones([2, 2]))`; tslab: the same after importing both; ipykernel: none);
- roundtrip_ms: median round trip of `1+1` repeated (as the issue measured tslab and ipykernel);
- varied_roundtrip_ms: median round trip of `1+i` with a new i each time (a new cell: type-checked anew);
- idle_rss_mb: the kernel process's resident memory once idle after the cells above (VmRSS).

Usage: python bench/kernel/kernel_latency.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIRST_CELLS = {
    "deconvlab": "deconv.summary(tf.ones([2, 2]))",
    "tslab": "import * as tf from '@tensorflow/tfjs-node';\nimport * as deconv from 'deconvlab';\ndeconv.summary(tf.ones([2, 2]))",
}


def tslab_kernelspec(directory: Path) -> None:
    """A kernelspec for plain tslab (`tslab kernel`), the baseline without preload."""
    spec = directory / "kernels" / "tslab"
    spec.mkdir(parents=True)
    tslab = ROOT / "node_modules" / "tslab" / "bin" / "tslab"
    argv = [shutil.which("node") or "node", str(tslab), "kernel", "--config-path", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "tslab", "language": "typescript"}))


def roundtrip(kc: Any, code: str) -> float:
    start = time.perf_counter()
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=60)
    while reply["parent_header"].get("msg_id") != msg_id:  # e.g. extra kernel_info replies from wait_for_ready
        reply = kc.get_shell_msg(timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return time.perf_counter() - start


def resident_mb(pid: int) -> float:
    """VmRSS of a process, in MiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def measure(name: str, repeats: int) -> dict[str, float]:
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=name)
    start = time.perf_counter()
    km.start_kernel(cwd=str(ROOT / "notebooks"))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        figures = {"kernel_info_s": time.perf_counter() - start}
        if name in FIRST_CELLS:
            roundtrip(kc, FIRST_CELLS[name])
            figures["first_tf_cell_s"] = time.perf_counter() - start
        roundtrip(kc, "1+1")
        figures["roundtrip_ms"] = 1000 * statistics.median(roundtrip(kc, "1+1") for _ in range(repeats))
        figures["varied_roundtrip_ms"] = 1000 * statistics.median(roundtrip(kc, f"1+{i}") for i in range(repeats // 2))
        time.sleep(1.0)
        figures["idle_rss_mb"] = resident_mb(km.provisioner.process.pid)
        return figures
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with tempfile.TemporaryDirectory() as tmp:
        tslab_kernelspec(Path(tmp))
        os.environ["JUPYTER_PATH"] = tmp + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        from jupyter_client.kernelspec import KernelSpecManager

        available = KernelSpecManager().find_kernel_specs()
        results = {name: measure(name, args.repeats) for name in ("deconvlab", "tslab", "python3") if name in available}
    json.dump(results, sys.stdout)
    print()


if __name__ == "__main__":
    main()
