"""Comms (Jupyter messaging 5.4) through `deconv.comm`: both directions with buffers, comm_info,
unknown targets, messages handled between the awaits of a running cell, and hostile messages."""

from __future__ import annotations

import uuid
from typing import Any

from conftest import collect, execute, value


def send_comm(kc: Any, msg_type: str, content: dict[str, Any], buffers: list[bytes] | None = None) -> str:
    """Sends a front-end comm message on shell; returns its msg_id."""
    msg = kc.session.send(kc.shell_channel.socket, msg_type, content, buffers=buffers or [])
    return msg["header"]["msg_id"]


def iopub_until(kc: Any, match: Any) -> dict[str, Any]:
    """The first IOPub message for which `match` holds."""
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if match(msg):
            return msg


def comm_info(kc: Any, target: str | None = None) -> dict[str, Any]:
    msg_id = kc.comm_info(target)
    reply = kc.get_shell_msg(timeout=30)
    while reply["parent_header"]["msg_id"] != msg_id:
        reply = kc.get_shell_msg(timeout=30)
    return reply["content"]["comms"]


def test_kernel_opened_comm_round_trips_data_and_buffers(kc: Any) -> None:
    code = (
        "const echo = deconv.comm.open('test.echo', { hello: 1 }, { m: 2 }, [new Uint8Array([1, 2, 3])]);\n"
        "echo.onMsg((msg) => echo.send({ got: msg.data, bytes: msg.buffers.map((b) => Array.from(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))),"
        " parentIsMsg: deconv.comm.parentMessageId() === msg.msgId }, {}, [new Uint8Array([9, 8])]));\n"
        "echo.commId"
    )
    reply, outputs = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    opened = [m for m in outputs if m["msg_type"] == "comm_open"][0]
    comm_id = opened["content"]["comm_id"]
    assert opened["content"]["target_name"] == "test.echo" and opened["content"]["data"] == {"hello": 1}
    assert opened["metadata"] == {"m": 2} and [bytes(b) for b in opened["buffers"]] == [b"\x01\x02\x03"]
    assert opened["parent_header"]["msg_id"] == reply["parent_header"]["msg_id"]
    sent = send_comm(kc, "comm_msg", {"comm_id": comm_id, "data": {"x": 5}}, [b"\x04\x05"])
    echoed = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg")
    assert echoed["parent_header"]["msg_id"] == sent
    assert echoed["content"] == {"comm_id": comm_id, "data": {"got": {"x": 5}, "bytes": [[4, 5]], "parentIsMsg": True}}
    assert [bytes(b) for b in echoed["buffers"]] == [b"\x09\x08"]


def test_comm_info_lists_open_comms_filtered_by_target_name(kc: Any) -> None:
    ids = value(
        kc,
        "const infoA = deconv.comm.open('test.info.a'); const infoB = deconv.comm.open('test.info.b'); [infoA.commId, infoB.commId].join(' ')",
    )
    a, b = ids.strip("'").split(" ")
    assert comm_info(kc, "test.info.a") == {a: {"target_name": "test.info.a"}}
    assert comm_info(kc, "no.such.target") == {}
    everything = comm_info(kc)
    assert everything[a] == {"target_name": "test.info.a"} and everything[b] == {"target_name": "test.info.b"}
    execute(kc, "infoA.close()")
    assert comm_info(kc, "test.info.a") == {}


def test_front_end_comm_open_reaches_a_registered_target_and_close_reaches_on_close(kc: Any) -> None:
    code = (
        "let frontComm: deconv.comm.Comm | undefined; let frontClosed: unknown;\n"
        "deconv.comm.registerTarget('test.target', (comm, open) => { frontComm = comm; comm.onClose((m) => { frontClosed = m.data; });"
        " comm.send({ opened: open.data, buffers: open.buffers.length }); })"
    )
    assert execute(kc, code)[0]["content"]["status"] == "ok"
    comm_id = str(uuid.uuid4())
    sent = send_comm(kc, "comm_open", {"comm_id": comm_id, "target_name": "test.target", "data": {"a": 1}}, [b"z"])
    answer = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg")
    assert answer["parent_header"]["msg_id"] == sent
    assert answer["content"] == {"comm_id": comm_id, "data": {"opened": {"a": 1}, "buffers": 1}}
    assert comm_info(kc, "test.target") == {comm_id: {"target_name": "test.target"}}
    send_comm(kc, "comm_close", {"comm_id": comm_id, "data": {"bye": True}})
    assert comm_info(kc, "test.target") == {}
    assert value(kc, "[frontComm?.closed, frontClosed]") == "[ true, { bye: true } ]"


def test_comm_open_for_an_unknown_target_is_answered_with_comm_close(kc: Any) -> None:
    comm_id = str(uuid.uuid4())
    send_comm(kc, "comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
    closed = iopub_until(kc, lambda m: m["msg_type"] == "comm_close")
    assert closed["content"]["comm_id"] == comm_id
    assert comm_id not in comm_info(kc)


def test_comm_msg_is_handled_between_the_awaits_of_a_running_cell(kc: Any) -> None:
    execute(kc, "const steer = deconv.comm.open('test.steer'); let stop = false; steer.onMsg(() => { stop = true; });")
    comm_id = value(kc, "steer.commId").strip("'")
    running = kc.execute("let steps = 0; while (!stop) { await new Promise((r) => setTimeout(r, 10)); steps++; } steps > 0")
    iopub_until(kc, lambda m: m["msg_type"] == "execute_input" and m["parent_header"]["msg_id"] == running)
    send_comm(kc, "comm_msg", {"comm_id": comm_id, "data": {"stop": True}})
    reply, outputs = collect(kc, running)
    assert reply["content"]["status"] == "ok"
    assert [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"] == ["true"]


def test_hostile_comm_messages_leave_the_kernel_working(kc: Any) -> None:
    code = (
        "const fragile = deconv.comm.open('test.fragile'); const done = deconv.comm.open('test.done'); let fragileCalls = 0;\n"
        "fragile.onMsg(() => { fragileCalls++; throw new Error('boom from handler'); });"
    )
    execute(kc, code)
    fragile_id = value(kc, "fragile.commId").strip("'")
    done_id = value(kc, "done.commId").strip("'")
    send_comm(kc, "comm_msg", {"comm_id": "no-such-comm", "data": {}})
    send_comm(kc, "comm_msg", {"comm_id": fragile_id, "data": "not an object"})
    send_comm(kc, "comm_msg", {"comm_id": 42, "data": {}})
    send_comm(kc, "comm_open", {"comm_id": str(uuid.uuid4()), "target_name": ["x"], "data": {}})
    send_comm(kc, "comm_msg", {"comm_id": fragile_id, "data": {}}, [b"\x00" * (16 * 1024 * 1024 + 1)])
    assert value(kc, "fragileCalls") == "0"
    # A throwing handler while a cell runs: a readable line on that cell's stderr.
    running = kc.execute("await new Promise((r) => done.onMsg(() => r(null))); fragileCalls")
    iopub_until(kc, lambda m: m["msg_type"] == "execute_input" and m["parent_header"]["msg_id"] == running)
    send_comm(kc, "comm_msg", {"comm_id": fragile_id, "data": {}})
    send_comm(kc, "comm_msg", {"comm_id": done_id, "data": {}})
    reply, outputs = collect(kc, running)
    assert reply["content"]["status"] == "ok"
    stderr = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    assert "comm_msg handler of comm" in stderr and "Error: boom from handler" in stderr, stderr
    assert value(kc, "1 + 1") == "2"
