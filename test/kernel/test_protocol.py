"""One named test per protocol behaviour of the deconvlab kernel (jupyter_client, real sockets)."""

from __future__ import annotations

import hmac
import time
from typing import Any

import nbformat
import zmq
from jupyter_client.session import Session

from conftest import collect, execute, flush, new_manager, start_kernel_with, value


def outputs_of(outputs: list[dict[str, Any]], *types: str) -> list[dict[str, Any]]:
    return [m for m in outputs if m["msg_type"] in types]


def assert_nbformat_valid(outputs: list[dict[str, Any]]) -> None:
    """The outputs, saved in a notebook, validate against the nbformat 4 schema."""
    cell = nbformat.v4.new_code_cell("x", execution_count=1)
    cell.outputs = [
        nbformat.v4.output_from_msg(m) for m in outputs if m["msg_type"] in ("stream", "display_data", "execute_result", "error")
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    nbformat.validate(notebook)


def test_preload_visible_in_cell_1_without_count_or_output(kc: Any) -> None:
    reply, outputs = execute(
        kc, "[typeof tf.tensor, typeof deconv.emitDisplay, typeof deconv.conv2dTranspose, typeof deconv.show.featureMaps]"
    )
    assert reply["content"]["execution_count"] == 1
    assert outputs_of(outputs, "stream") == []
    assert outputs_of(outputs, "execute_result")[0]["content"]["data"]["text/plain"] == "[ 'function', 'function', 'function', 'function' ]"


def test_preloaded_names_are_typed(kc: Any) -> None:
    reply, outputs = execute(kc, "const n: string = tf.tensor([1]).shape")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "TypeScriptError"
    assert "number[]" in reply["content"]["evalue"]
    kc.complete("deconv.conv2dTr")
    assert "conv2dTranspose" in kc.get_shell_msg(timeout=30)["content"]["matches"]
    kc.inspect("deconv.conv2dTranspose", 20)
    inspected = kc.get_shell_msg(timeout=30)["content"]
    assert inspected["found"] and "conv2dTranspose" in inspected["data"]["text/plain"]


def test_shorthand_properties_see_earlier_cells(kc: Any) -> None:
    execute(kc, "const data = 5; const epochs = 2;")
    reply, outputs = execute(kc, "({ data, epochs })")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert outputs_of(outputs, "execute_result")[0]["content"]["data"]["text/plain"] == "{ data: 5, epochs: 2 }"


def test_execute_result_of_tensor_is_a_summary(kc: Any) -> None:
    text = value(kc, "tf.tensor([[1, 2], [3, 4]])")
    assert text.startswith("Tensor float32 [2, 2]")
    assert "[[1, 2]," in text


def test_jupyter_display_symbol_gives_the_bundle(kc: Any) -> None:
    code = "({ [Symbol.for('Jupyter.display')]() { return { 'text/plain': 'p', 'text/markdown': '**m**', 'application/json': { a: [1, 2] } }; } })"
    reply, outputs = execute(kc, code)
    data = outputs_of(outputs, "execute_result")[0]["content"]["data"]
    assert data == {"text/plain": "p", "text/markdown": "**m**", "application/json": {"a": [1, 2]}}
    assert_nbformat_valid(outputs)


def test_display_bundles_are_json_objects_and_nbformat_valid(kc: Any) -> None:
    code = (
        "deconv.display({ 'text/plain': 'fallback', 'application/vnd.deconvlab.test+json': { values: [1, 2] } }, { raw: true });\n"
        "deconv.show.featureMaps(tf.ones([1, 4, 4, 2]));\n"
        'import * as tslab from "tslab";\n'
        "tslab.display.raw('application/vnd.other+json', '{\"k\": 3}');\n"
        "tslab.display.html('<b>h</b>')"
    )
    reply, outputs = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    shown = outputs_of(outputs, "display_data")
    assert len(shown) == 4
    assert shown[0]["content"]["data"]["application/vnd.deconvlab.test+json"] == {"values": [1, 2]}
    maps = shown[1]["content"]["data"]
    assert isinstance(maps["application/vnd.deconvlab.feature-maps+json"], dict)
    assert {"image/svg+xml", "text/plain"} <= set(maps)
    assert shown[2]["content"]["data"]["application/vnd.other+json"] == {"k": 3}
    assert shown[3]["content"]["data"]["text/html"] == "<b>h</b>"
    assert_nbformat_valid(outputs)


def test_console_table_displays_an_html_table(kc: Any) -> None:
    reply, outputs = execute(kc, "console.table([{ name: '<b>x</b>', value: 1 / 3 }]);\nconsole.table('not a table');")
    assert reply["content"]["status"] == "ok", reply["content"]
    [table] = outputs_of(outputs, "display_data")
    assert '<td style="text-align: right">0.3333</td>' in table["content"]["data"]["text/html"]
    assert "&lt;b&gt;x&lt;/b&gt;" in table["content"]["data"]["text/html"]
    assert "│ 0       │ '<b>x</b>' │ 0.3333 │" in table["content"]["data"]["text/plain"]
    assert "not a table" in "".join(m["content"].get("text", "") for m in outputs_of(outputs, "stream"))


def test_display_update_replaces_by_display_id(kc: Any) -> None:
    code = "deconv.display('first', { displayId: 'live' });\ndeconv.display('second', { displayId: 'live', update: true });"
    _, outputs = execute(kc, code)
    first, second = outputs_of(outputs, "display_data", "update_display_data")
    assert first["msg_type"] == "display_data" and first["content"]["transient"] == {"display_id": "live"}
    assert second["msg_type"] == "update_display_data" and second["content"]["transient"] == {"display_id": "live"}
    assert second["content"]["data"] == {"text/plain": "second"}


def test_training_dashboard_updates_in_place(kc: Any) -> None:
    code = (
        "const board = deconv.show.training({ minIntervalMs: 0 });\n"
        "board.update({ step: 1, lossG: 1, lossD: 1, dReal: 0.5, dFake: 0.5 });\n"
        "board.update({ step: 2, lossG: 0.9, lossD: 1.1, dReal: 0.6, dFake: 0.4 });"
    )
    reply, outputs = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    shown = outputs_of(outputs, "display_data", "update_display_data")
    assert shown[0]["msg_type"] == "display_data"
    assert all(m["msg_type"] == "update_display_data" for m in shown[1:]) and len(shown) >= 2
    ids = {m["content"]["transient"]["display_id"] for m in shown}
    assert len(ids) == 1


def test_clear_output_with_and_without_wait(kc: Any) -> None:
    _, outputs = execute(kc, "deconv.clearOutput({ wait: true }); deconv.clearOutput()")
    assert [m["content"] for m in outputs_of(outputs, "clear_output")] == [{"wait": True}, {"wait": False}]


def test_errors_have_ename_evalue_traceback_and_an_iopub_error(kc: Any) -> None:
    cases = {
        "throw new RangeError('bad range')": ("RangeError", "bad range"),
        "const s: number = 'x'": ("TypeScriptError", "not assignable"),
        "await Promise.reject(new TypeError('rejected'))": ("TypeError", "rejected"),
        "(undefined as any).x": ("TypeError", "Cannot read properties of undefined"),
    }
    for code, (ename, evalue) in cases.items():
        reply, outputs = execute(kc, code, stop_on_error=False)
        content = reply["content"]
        assert content["status"] == "error" and content["ename"] == ename and evalue in content["evalue"], content
        assert content["traceback"] and all(isinstance(line, str) for line in content["traceback"])
        assert [m["content"]["ename"] for m in outputs_of(outputs, "error")] == [ename]
        assert_nbformat_valid(outputs)
    assert value(kc, "1 + 1") == "2"


def test_top_level_for_await_runs(kc: Any) -> None:
    code = "async function* count() { for (let i = 0; i < 3; i++) yield i; }\nconst seen: number[] = [];\nfor await (const v of count()) seen.push(v);\nseen"
    assert value(kc, code) == "[ 0, 1, 2 ]"


def test_execute_input_published_before_outputs(kc: Any) -> None:
    _, outputs = execute(kc, "console.log('x')")
    assert outputs[0]["msg_type"] == "execute_input" and outputs[0]["content"]["code"] == "console.log('x')"


def test_no_cancellation_after_error_without_stop_on_error(kc: Any) -> None:
    first = kc.execute("throw new Error('first')", stop_on_error=False)
    second = kc.execute("40 + 2")
    assert collect(kc, first)[0]["content"]["status"] == "error"
    reply, outputs = collect(kc, second)
    assert reply["content"]["status"] == "ok"
    assert outputs_of(outputs, "execute_result")[0]["content"]["data"]["text/plain"] == "42"


def test_queued_cells_after_error_are_aborted_with_stop_on_error(kc: Any) -> None:
    first = kc.execute("throw new Error('first')")
    second = kc.execute("40 + 2")
    assert collect(kc, first)[0]["content"]["status"] == "error"
    assert collect(kc, second)[0]["content"]["status"] == "aborted"
    assert value(kc, "1 + 2") == "3"


def test_unknown_request_gets_error_reply(kc: Any) -> None:
    msg = kc.session.msg("no_such_request", {})
    kc.shell_channel.send(msg)
    reply = kc.get_shell_msg(timeout=10)
    assert reply["msg_type"] == "no_such_reply"
    assert reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]
    assert reply["content"]["status"] == "error"


def test_comm_info_reply(kc: Any) -> None:
    kc.comm_info()
    reply = kc.get_shell_msg(timeout=10)
    assert reply["msg_type"] == "comm_info_reply"
    assert reply["content"] == {"status": "ok", "comms": {}}


def test_kernel_info_and_shutdown_replies_have_status(kernel: Any) -> None:
    _, kc = kernel
    kc.kernel_info()
    content = kc.get_shell_msg(timeout=10)["content"]
    assert content["status"] == "ok" and content["protocol_version"] == "5.4"
    assert content["language_info"]["name"] == "typescript"


def test_bad_signature_is_ignored_and_kernel_survives(kernel: Any, kc: Any) -> None:
    km, _ = kernel
    forged = Session(key=b"not-the-key", username="attacker")
    socket = km.connect_shell()
    try:
        forged.send(
            socket,
            forged.msg(
                "execute_request",
                {
                    "code": "globalThis.pwned = 1",
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            ),
        )
        unsigned = forged.msg("kernel_info_request", {})
        frames = forged.serialize(unsigned)
        frames[1] = b"0" * 64  # a syntactically fine but wrong signature
        socket.send_multipart(frames)
        time.sleep(0.3)
        assert socket.poll(200, zmq.POLLIN) == 0
    finally:
        socket.close(linger=0)
    assert value(kc, "typeof (globalThis as any).pwned") == "'undefined'"


def test_history_tail_range_search(kc: Any) -> None:
    execute(kc, "const historyMarker = 7")
    kc.history(hist_access_type="tail", n=1, output=False, raw=True)
    tail = kc.get_shell_msg(timeout=10)["content"]["history"]
    assert tail[-1][2] == "const historyMarker = 7"
    session, line = tail[-1][0], tail[-1][1]
    kc.history(hist_access_type="range", session=session, start=line, stop=line + 1, output=False, raw=True)
    assert kc.get_shell_msg(timeout=10)["content"]["history"] == [[session, line, "const historyMarker = 7"]]
    kc.history(hist_access_type="search", pattern="*historyMarker*", output=False, raw=True)
    assert [h[2] for h in kc.get_shell_msg(timeout=10)["content"]["history"]] == ["const historyMarker = 7"]


def test_restart_gives_a_fresh_kernel_and_no_orphans() -> None:
    km = new_manager()
    km.start_kernel()
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        assert value(kc, "const before = 1; before") == "1"
        old_pid = km.provisioner.process.pid
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
        flush(kc)
        reply, _ = execute(kc, "typeof before")
        assert reply["content"]["status"] == "error"  # a new session: `before` is gone
        assert value(kc, "typeof tf.tensor") == "'function'"
        assert not pid_alive(old_pid)
        kc.stop_channels()
    finally:
        pid = km.provisioner.process.pid if km.provisioner else None
        km.shutdown_kernel(now=False)
    assert pid is not None and not pid_alive(pid)


def pid_alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


def test_signature_helper_matches_session() -> None:
    """The forged-signature test above relies on Session signing with HMAC-SHA256 over the four parts."""
    session = Session(key=b"k")
    frames = session.serialize(session.msg("kernel_info_request", {}))
    expected = hmac.new(b"k", b"".join(frames[2:6]), "sha256").hexdigest().encode()
    assert frames[1] == expected


def test_preload_resolves_from_a_folder_outside_the_checkout(tmp_path: Any) -> None:
    km, kc = start_kernel_with(cwd=str(tmp_path))
    try:
        assert value(kc, "process.cwd()") == repr(str(tmp_path))
        assert value(kc, "deconv.summary(tf.zeros([1]))").startswith("'Tensor float32 [1]")
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)


def test_shipped_packages_import_by_name_with_types_from_a_folder_outside_the_checkout(tmp_path: Any) -> None:
    """deconvlab and tfjs-node load from the kernel's checkout, as the same instances as the preloaded ones, with their
    types, even where the notebook's folder has a copy of its own; other packages still resolve from that folder."""
    for name, text in (("deconvlab", "module.exports = { summary: 'a copy' };"), ("left-pad", "module.exports = 'local';")):
        package = tmp_path / "node_modules" / name
        package.mkdir(parents=True)
        (package / "package.json").write_text(f'{{"name": "{name}", "main": "index.js"}}')
        (package / "index.js").write_text(text)
    km, kc = start_kernel_with(cwd=str(tmp_path))
    try:
        code = (
            "import * as tfByName from '@tensorflow/tfjs-node';\n"
            "import { summary } from 'deconvlab';\n"
            "const t: tf.Tensor4D = tfByName.zeros([1, 2, 2, 1]);\n"
            "[tfByName === tf, summary === deconv.summary, t.shape.length]"
        )
        assert value(kc, code) == "[ true, true, 4 ]"
        assert value(kc, "require('left-pad')") == "'local'"
        reply, _ = execute(kc, "const wrong: string = tfByName.zeros([1]);")
        assert reply["content"]["status"] == "error"
        assert "Type 'Tensor<Rank>' is not assignable to type 'string'" in reply["content"]["evalue"]
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)


def test_signed_but_malformed_messages_do_not_stop_the_shell_loop(kernel: Any, kc: Any) -> None:
    km, _ = kernel
    socket = km.connect_shell()
    try:
        for parts in ([b'{"msg_id": "x"}', b"{}", b"{}", b"{}"], [b"not json", b"{}", b"{}", b"{}"], [b"{}"]):
            socket.send_multipart([b"<IDS|MSG>", kc.session.sign(parts), *parts])
        time.sleep(0.2)
    finally:
        socket.close(linger=0)
    assert value(kc, "2 + 2") == "4"


def test_request_content_of_the_wrong_type_gets_an_error_reply_naming_the_field(kc: Any) -> None:
    def reply_to(msg_type: str, content: dict[str, Any]) -> dict[str, Any]:
        msg = kc.session.msg(msg_type, content)
        kc.shell_channel.send(msg)
        reply = kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
            reply = kc.get_shell_msg(timeout=30)
        return reply["content"]

    bad_code = reply_to("execute_request", {"code": 5, "silent": False})
    assert (bad_code["status"], bad_code["ename"]) == ("error", "RequestContentError")
    assert bad_code["evalue"] == "execute_request: content.code must be a string, got 5"
    bad_cursor = reply_to("complete_request", {"code": "tf.", "cursor_pos": 99})
    assert bad_cursor["evalue"] == "complete_request: content.cursor_pos must be an integer from 0 to 3, got 99"
    bad_history = reply_to("history_request", {"hist_access_type": "tail", "n": "5"})
    assert bad_history["evalue"] == 'history_request: content.n must be an integer, got "5"'
    assert value(kc, "2 + 3") == "5"
