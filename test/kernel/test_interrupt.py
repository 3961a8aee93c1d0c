"""Interrupts: a busy synchronous loop, an async loop awaiting between steps, and a busy loop that
starts after an `await` each stop within 1 s — by `interrupt_request` and by SIGINT — keep the
session's variables, and leave the kernel answering. See KNOWN_GAPS.md for what cannot be interrupted.

Each cell writes a marker file (`{mark}`) just before its loop; the test interrupts once the marker exists,
so the loop has really started whatever the machine's load. Limits are scaled by DECONVLAB_TEST_TIME_FACTOR
(timing.py).
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import TIMEOUT, collect, execute, value
from timing import scaled, wait_for_file

LOOPS = {
    "sync": "{mark}while (true) {}",
    "async": "{mark}while (true) { await new Promise((r) => setTimeout(r, 10)); }",
    "post-await": "await new Promise((r) => setTimeout(r, 50));\n{mark}while (true) {}",
    "pending-promise": "{mark}await new Promise(() => {})",
    "function-called-after-await": "function spin() { for (;;) {} }\nawait null;\n{mark}spin()",
}


def start_marked(kc: Any, code: str, marker: Path) -> str:
    """Executes `code` with `{mark}` replaced by a statement writing `marker`; returns once the cell wrote it."""
    mark = f"require('fs').writeFileSync({json.dumps(str(marker))}, '');\n"
    msg_id = kc.execute(code.replace("{mark}", mark))
    wait_for_file(marker, scaled(TIMEOUT))
    return msg_id


def interrupt_acknowledged(kc: Any) -> None:
    """Sends `interrupt_request` on the control channel and waits for the kernel's `interrupt_reply`."""
    request = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(request)
    deadline = time.monotonic() + scaled(TIMEOUT)
    while True:
        reply = kc.get_control_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == request["header"]["msg_id"]:
            assert reply["msg_type"] == "interrupt_reply", reply
            return


def interrupt(kernel: Any, how: str) -> None:
    km, _ = kernel
    if how == "message":
        km.interrupt_kernel()
    else:
        km.signal_kernel(signal.SIGINT)


@pytest.fixture(scope="module", autouse=True)
def session_variable(kernel: Any) -> None:
    assert value(kernel[1], "let kept = 41; kept + 1") == "42"


@pytest.mark.parametrize("how", ["message", "signal"])
@pytest.mark.parametrize("loop", list(LOOPS))
def test_interrupt_stops_within_1s_and_keeps_session(kernel: Any, kc: Any, loop: str, how: str, tmp_path: Path) -> None:
    msg_id = start_marked(kc, LOOPS[loop], tmp_path / "started")
    started = time.monotonic()
    interrupt(kernel, how)
    reply, outputs = collect(kc, msg_id, timeout=scaled(5))
    assert time.monotonic() - started < scaled(1.0)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "InterruptError"
    assert [m["content"]["ename"] for m in outputs if m["msg_type"] == "error"] == ["InterruptError"]
    assert value(kc, "kept") == "41"


def test_interrupted_cell_stops_its_background_loop(kernel: Any, kc: Any, tmp_path: Path) -> None:
    execute(kc, "let ticks = 0")
    code = "(async () => { while (true) { ticks++; await new Promise((r) => setTimeout(r, 5)); } })();\n{mark}await new Promise(() => {})"
    msg_id = start_marked(kc, code, tmp_path / "started")
    interrupt(kernel, "message")
    assert collect(kc, msg_id, timeout=scaled(5))[0]["content"]["ename"] == "InterruptError"
    before = int(value(kc, "ticks"))
    time.sleep(0.2)
    assert int(value(kc, "ticks")) == before


def test_interrupt_inside_tidy_leaks_no_tensors(kernel: Any, kc: Any, tmp_path: Path) -> None:
    baseline = int(value(kc, "tf.memory().numTensors"))
    msg_id = start_marked(kc, "tf.tidy(() => { {mark}while (true) { tf.ones([4]); } })", tmp_path / "started")
    interrupt(kernel, "message")
    assert collect(kc, msg_id, timeout=scaled(5))[0]["content"]["ename"] == "InterruptError"
    assert int(value(kc, "tf.memory().numTensors")) == baseline


def test_interrupt_when_idle_is_harmless(kernel: Any, kc: Any) -> None:
    interrupt_acknowledged(kc)
    reply, _ = execute(kc, "kept")
    assert reply["content"]["status"] == "ok"


TRAINING_SETUP = """
const tinyG = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 4, width: 4, seed: 1 });
const tinyD = deconv.dcgan.discriminator({ imageSize: 8, channels: 1, width: 4, seed: 2 });
const tinyData = tf.randomUniform([64, 8, 8, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
let trainedSteps = 0;
"""


def test_interrupting_training_stops_it_after_the_current_step(kernel: Any, kc: Any, tmp_path: Path) -> None:
    """The cell's AbortSignal reaches deconv.dcgan.train: training stops, weights stay usable, nothing leaks, the dashboard says stopped."""
    reply, _ = execute(kc, TRAINING_SETUP)
    assert reply["content"]["status"] == "ok", reply["content"]
    tensors_before = int(value(kc, "tf.memory().numTensors"))
    code = (
        "const dashboard = deconv.show.training({ title: 'interrupt me', minIntervalMs: 0 });\n"
        "await deconv.dcgan.train({ generator: tinyG, discriminator: tinyD, data: tinyData, epochs: 100000, batchSize: 16,"
        " onStep: (r) => { trainedSteps = r.step; dashboard.update({ step: r.step, lossG: r.gLoss, lossD: r.dLoss, dReal: r.dReal, dFake: r.dFake });"
        " if (r.step === 2) { {mark} } } })"
    )
    msg_id = start_marked(kc, code, tmp_path / "training-started")
    interrupt(kernel, "message")
    reply, outputs = collect(kc, msg_id, timeout=scaled(10))
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "InterruptError"
    stopped_at = int(value(kc, "trainedSteps"))
    assert stopped_at > 0
    time.sleep(0.5)
    assert int(value(kc, "trainedSteps")) == stopped_at, "training went on after the interrupt"
    assert int(value(kc, "tf.memory().numTensors")) == tensors_before
    assert value(kc, "(tinyG.predict(tf.zeros([1, 4])) as tf.Tensor).shape.join('x')") == "'1x8x8x1'"
    updates = [m["content"]["data"] for m in outputs if m["msg_type"] == "update_display_data"]
    assert updates and updates[-1]["application/vnd.deconvlab.training+json"]["status"] == "stopped"
