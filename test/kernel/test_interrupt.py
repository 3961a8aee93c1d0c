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
