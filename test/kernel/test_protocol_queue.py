"""Shell-queue behaviour: `codemirror_mode`, `stop_on_error` by arrival order whatever the client's
clock, and `kernel_info`/`is_complete` answered while the preload or a busy cell blocks the main thread."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from conftest import collect, new_manager, value


def send_execute(kc: Any, code: str, date: datetime) -> str:
    """Sends an execute_request whose header carries `date` (a skewed client clock)."""
    msg = kc.session.msg(
        "execute_request",
        {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    )
    msg["header"]["date"] = date
    kc.shell_channel.send(msg)
    return msg["header"]["msg_id"]


def shell_replies_until(kc: Any, msg_id: str) -> list[dict[str, Any]]:
    """Shell replies in arrival order, up to and including the reply to `msg_id`."""
    replies = []
    while not replies or replies[-1]["parent_header"].get("msg_id") != msg_id:
        replies.append(kc.get_shell_msg(timeout=60))
    return replies


def test_codemirror_mode_is_a_string(kc: Any) -> None:
    kc.kernel_info()
    language = kc.get_shell_msg(timeout=10)["content"]["language_info"]
    assert language["codemirror_mode"] == "typescript"


def test_stop_on_error_aborts_queued_requests_by_order_whatever_the_client_clock(kc: Any) -> None:
    now = datetime.now(timezone.utc)
    failing = send_execute(kc, "await new Promise((r) => setTimeout(r, 200)); throw new Error('first')", now)
    queued = send_execute(kc, "globalThis.ranQueued = true", now + timedelta(days=1))
    assert collect(kc, failing)[0]["content"]["status"] == "error"
    assert collect(kc, queued)[0]["content"]["status"] == "aborted"
    later = send_execute(kc, "40 + 2", now - timedelta(days=3650))
    assert collect(kc, later)[0]["content"]["status"] == "ok"
    assert value(kc, "String(globalThis.ranQueued)") == "'undefined'"


def test_kernel_info_and_is_complete_answered_while_a_cell_busy_loops(kc: Any) -> None:
    busy = kc.execute("const busyUntil = Date.now() + 3000; while (Date.now() < busyUntil) {}")
    info = kc.kernel_info()
    complete = kc.is_complete("const k = 3")
    replies = shell_replies_until(kc, busy)
    order = [r["parent_header"]["msg_id"] for r in replies]
    assert order.index(info) < order.index(busy) and order.index(complete) < order.index(busy), [r["msg_type"] for r in replies]
    assert replies[order.index(complete)]["content"] == {"status": "complete"}


def test_kernel_info_and_is_complete_answered_while_the_preload_runs() -> None:
    km = new_manager()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        # The first cell waits for the preload (seconds of blocking work that starts once a client is ready).
        first = kc.execute("1 + 1")
        complete = kc.is_complete("function f() {")
        info = kc.kernel_info()
        replies = shell_replies_until(kc, first)
        order = [r["parent_header"]["msg_id"] for r in replies]
        assert order.index(complete) < order.index(first) and order.index(info) < order.index(first), [r["msg_type"] for r in replies]
        assert replies[order.index(complete)]["content"] == {"status": "incomplete", "indent": "  "}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_a_request_handled_during_a_cell_leaves_the_kernel_shown_busy(kc: Any) -> None:
    running = kc.execute("await new Promise((r) => setTimeout(r, 1500))")
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if msg["msg_type"] == "execute_input" and msg["parent_header"]["msg_id"] == running:
            break
    info = kc.comm_info()
    states = []
    while not states or states[-1] != ("idle", running):
        msg = kc.get_iopub_msg(timeout=30)
        if msg["msg_type"] == "status":
            states.append((msg["content"]["execution_state"], msg["parent_header"]["msg_id"]))
    # comm_info is answered during the cell (busy → idle with its own parent), then the cell's busy is restored.
    assert states == [("busy", info), ("idle", info), ("busy", running), ("idle", running)], states
