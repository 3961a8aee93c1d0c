"""Interrupts: a busy synchronous loop, an async loop awaiting between steps, and a busy loop that
starts after an `await` each stop within 1 s — by `interrupt_request` and by SIGINT — keep the
session's variables, and leave the kernel answering. See KNOWN_GAPS.md for what cannot be interrupted.
"""
from __future__ import annotations

import signal
import time
from typing import Any

import pytest

from conftest import collect, execute, value

LOOPS = {
    "sync": "while (true) {}",
    "async": "while (true) { await new Promise((r) => setTimeout(r, 10)); }",
    "post-await": "await new Promise((r) => setTimeout(r, 50));\nwhile (true) {}",
    "pending-promise": "await new Promise(() => {})",
    "function-called-after-await": "function spin() { for (;;) {} }\nawait null;\nspin()",
}


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
def test_interrupt_stops_within_1s_and_keeps_session(kernel: Any, kc: Any, loop: str, how: str) -> None:
    msg_id = kc.execute(LOOPS[loop])
    time.sleep(0.3)
    started = time.monotonic()
    interrupt(kernel, how)
    reply, outputs = collect(kc, msg_id, timeout=5)
    assert time.monotonic() - started < 1.0
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "InterruptError"
    assert [m["content"]["ename"] for m in outputs if m["msg_type"] == "error"] == ["InterruptError"]
    assert value(kc, "kept") == "41"


def test_interrupted_cell_stops_its_background_loop(kernel: Any, kc: Any) -> None:
    execute(kc, "let ticks = 0")
    code = (
        "(async () => { while (true) { ticks++; await new Promise((r) => setTimeout(r, 5)); } })();\n"
        "await new Promise(() => {})"
    )
    msg_id = kc.execute(code)
    time.sleep(0.3)
    interrupt(kernel, "message")
    assert collect(kc, msg_id, timeout=5)[0]["content"]["ename"] == "InterruptError"
    before = int(value(kc, "ticks"))
    time.sleep(0.2)
    assert int(value(kc, "ticks")) == before


def test_interrupt_inside_tidy_leaks_no_tensors(kernel: Any, kc: Any) -> None:
    baseline = int(value(kc, "tf.memory().numTensors"))
    msg_id = kc.execute("tf.tidy(() => { while (true) { tf.ones([4]); } })")
    time.sleep(0.3)
    interrupt(kernel, "message")
    assert collect(kc, msg_id, timeout=5)[0]["content"]["ename"] == "InterruptError"
    assert int(value(kc, "tf.memory().numTensors")) == baseline


def test_interrupt_when_idle_is_harmless(kernel: Any, kc: Any) -> None:
    interrupt(kernel, "message")
    time.sleep(0.1)
    reply, _ = execute(kc, "kept")
    assert reply["content"]["status"] == "ok"


TRAINING_SETUP = """
const tinyG = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 4, width: 4, seed: 1 });
const tinyD = deconv.dcgan.discriminator({ imageSize: 8, channels: 1, width: 4, seed: 2 });
const tinyData = tf.randomUniform([64, 8, 8, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
let trainedSteps = 0;
"""


def test_interrupting_training_stops_it_after_the_current_step(kernel: Any, kc: Any) -> None:
    """The cell's AbortSignal reaches deconv.dcgan.train: training stops, weights stay usable, nothing leaks, the dashboard says stopped."""
    reply, _ = execute(kc, TRAINING_SETUP)
    assert reply["content"]["status"] == "ok", reply["content"]
    tensors_before = int(value(kc, "tf.memory().numTensors"))
    code = (
        "const dashboard = deconv.show.training({ title: 'interrupt me', minIntervalMs: 0 });\n"
        "await deconv.dcgan.train({ generator: tinyG, discriminator: tinyD, data: tinyData, epochs: 100000, batchSize: 16,"
        " onStep: (r) => { trainedSteps = r.step; dashboard.update({ step: r.step, lossG: r.gLoss, lossD: r.dLoss, dReal: r.dReal, dFake: r.dFake }); } })"
    )
    msg_id = kc.execute(code)
    time.sleep(2.0)
    interrupt(kernel, "message")
    reply, outputs = collect(kc, msg_id, timeout=10)
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "InterruptError"
    stopped_at = int(value(kc, "trainedSteps"))
    assert stopped_at > 0
    time.sleep(0.5)
    assert int(value(kc, "trainedSteps")) == stopped_at, "training went on after the interrupt"
    assert int(value(kc, "tf.memory().numTensors")) == tensors_before
    assert value(kc, "(tinyG.predict(tf.zeros([1, 4])) as tf.Tensor).shape.join('x')") == "'1x8x8x1'"
    updates = [m["content"]["data"] for m in outputs if m["msg_type"] == "update_display_data"]
    assert updates and updates[-1]["application/vnd.deconvlab.training+json"]["status"] == "stopped"
