"""Widgets (ipywidgets 8, widget message protocol 2.1.0) through the kernel's comms, as JupyterLab's widget
manager speaks to them: kernel-opened models and their view, front-end `update` → `.value` and observers
with `echo_update`, `request_state`, the `jupyter.widget.control` comm (`request_states` → `update_states`),
`comm_info`, binary buffers, output captured from a front-end change, and hostile messages."""

from __future__ import annotations

import uuid
from typing import Any

from test_protocol_comm import comm_info, iopub_until, send_comm

from conftest import execute, value

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def opened_widgets(outputs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The comm_open messages of a cell, by comm id, in order."""
    return {m["content"]["comm_id"]: m for m in outputs if m["msg_type"] == "comm_open"}


def update(kc: Any, comm_id: str, state: dict[str, Any], buffer_paths: list[Any] | None = None, buffers: list[bytes] | None = None) -> str:
    """Sends a front-end `update` (as @jupyter-widgets/base does); returns its msg_id."""
    return send_comm(
        kc, "comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": buffer_paths or []}}, buffers
    )


def test_a_widget_opens_its_layout_style_and_model_and_displays_as_a_widget_view(kc: Any) -> None:
    reply, outputs = execute(kc, "const stride = deconv.widgets.intSlider({ min: 1, max: 4, value: 2, description: 'stride' });\nstride")
    assert reply["content"]["status"] == "ok", reply["content"]
    opens = list(opened_widgets(outputs).values())
    assert [m["content"]["data"]["state"]["_model_name"] for m in opens] == ["LayoutModel", "SliderStyleModel", "IntSliderModel"]
    assert all(m["content"]["target_name"] == "jupyter.widget" and m["metadata"] == {"version": "2.1.0"} for m in opens)
    slider = opens[-1]["content"]
    assert slider["data"]["buffer_paths"] == []
    assert slider["data"]["state"]["layout"] == f"IPY_MODEL_{opens[0]['content']['comm_id']}"
    assert slider["data"]["state"]["style"] == f"IPY_MODEL_{opens[1]['content']['comm_id']}"
    assert {k: slider["data"]["state"][k] for k in ("min", "max", "value", "step", "description")} == {
        "min": 1,
        "max": 4,
        "value": 2,
        "step": 1,
        "description": "stride",
    }
    result = [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]
    assert result[WIDGET_VIEW] == {"model_id": slider["comm_id"], "version_major": 2, "version_minor": 1}
    assert result["text/plain"] == "IntSlider(value=2, description='stride')"


def test_front_end_update_sets_value_calls_observers_and_is_echoed_with_its_parent(kc: Any) -> None:
    reply, outputs = execute(
        kc, "const k = deconv.widgets.intSlider({ max: 9 });\nconst seen: unknown[] = [];\nk.observe((c) => { seen.push(c); });"
    )
    assert reply["content"]["status"] == "ok", reply["content"]
    comm_id = list(opened_widgets(outputs))[-1]
    sent = update(kc, comm_id, {"value": 7})
    echo = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == sent)
    assert echo["content"] == {"comm_id": comm_id, "data": {"method": "echo_update", "state": {"value": 7}, "buffer_paths": []}}
    assert value(kc, "[k.value, seen]") == "[ 7, [ { name: 'value', old: 0, new: 7 } ] ]"
    reply, outputs = execute(kc, "k.value = 3")
    sent_update = [m for m in outputs if m["msg_type"] == "comm_msg"]
    assert [m["content"]["data"] for m in sent_update] == [{"method": "update", "state": {"value": 3}, "buffer_paths": []}]


def test_request_state_answers_one_update_with_the_full_state(kc: Any) -> None:
    reply, outputs = execute(kc, "const box = deconv.widgets.checkbox({ value: true, description: 'scatter' });")
    opened = list(opened_widgets(outputs).values())[-1]["content"]
    sent = send_comm(kc, "comm_msg", {"comm_id": opened["comm_id"], "data": {"method": "request_state"}})
    answer = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == sent)
    assert answer["content"]["data"] == {"method": "update", "state": opened["data"]["state"], "buffer_paths": []}


def test_after_a_reload_the_control_comm_gets_every_state_and_comm_info_lists_the_widgets(kc: Any) -> None:
    reply, outputs = execute(kc, "const reloaded = deconv.widgets.vbox({ children: [deconv.widgets.text({ value: 'kept' })] });")
    assert reply["content"]["status"] == "ok", reply["content"]
    ids = list(opened_widgets(outputs))
    # The front end opens the control comm with metadata {version: "1.0.0"}.
    control = str(uuid.uuid4())
    kc.session.send(
        kc.shell_channel.socket,
        "comm_open",
        {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
        metadata={"version": "1.0.0"},
    )
    sent = send_comm(kc, "comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    answer = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == sent)
    data = answer["content"]["data"]
    assert data["method"] == "update_states" and data["buffer_paths"] == []
    for comm_id, message in opened_widgets(outputs).items():
        state = message["content"]["data"]["state"]
        assert data["states"][comm_id] == {
            "model_name": state["_model_name"],
            "model_module": state["_model_module"],
            "model_module_version": state["_model_module_version"],
            "state": state,
        }
    assert data["states"][ids[-1]]["state"]["children"] == [f"IPY_MODEL_{ids[2]}"]
    assert set(ids) <= set(comm_info(kc, "jupyter.widget"))
    assert control in comm_info(kc, "jupyter.widget.control")


def test_binary_state_travels_as_buffers_both_ways(kc: Any) -> None:
    code = "const blob = deconv.widgets.anywidget({ esm: 'export default {}', pixels: new Uint8Array([1, 2, 3]) });"
    reply, outputs = execute(kc, code)
    opened = list(opened_widgets(outputs).values())[-1]
    assert opened["content"]["data"]["buffer_paths"] == [["pixels"]] and "pixels" not in opened["content"]["data"]["state"]
    assert [bytes(b) for b in opened["buffers"]] == [b"\x01\x02\x03"]
    comm_id = opened["content"]["comm_id"]
    sent = update(kc, comm_id, {}, [["pixels"]], [b"\x09\x08"])
    echo = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == sent)
    assert echo["content"]["data"] == {"method": "echo_update", "state": {}, "buffer_paths": [["pixels"]]}
    assert [bytes(b) for b in echo["buffers"]] == [b"\x09\x08"]
    assert (
        value(kc, "Array.from(new Uint8Array((blob.get('pixels') as DataView).buffer, (blob.get('pixels') as DataView).byteOffset, 2))")
        == "[ 9, 8 ]"
    )


def test_output_of_a_front_end_change_is_captured_into_the_output_area(kc: Any) -> None:
    code = (
        "const ui = deconv.widgets.interact(({ n }) => { deconv.display({ 'text/plain': `n = ${n}` }, { raw: true }); }, { n: [0, 10] });"
    )
    reply, outputs = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    opens = opened_widgets(outputs)
    slider = next(i for i, m in opens.items() if m["content"]["data"]["state"]["_model_name"] == "IntSliderModel")
    out = next(i for i, m in opens.items() if m["content"]["data"]["state"]["_model_name"] == "OutputModel")
    sent = update(kc, slider, {"value": 7})
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != sent:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        seen.append(msg)
    kinds = [
        (m["msg_type"], m["content"].get("comm_id"), m["content"].get("data", {}).get("state"))
        if m["msg_type"] == "comm_msg"
        else (m["msg_type"], m["content"].get("data", {}).get("text/plain"), m["content"].get("wait"))
        for m in seen
        if m["msg_type"] != "status"
    ]
    assert kinds == [
        ("comm_msg", slider, {"value": 7}),
        ("comm_msg", out, {"msg_id": sent}),
        ("clear_output", None, True),
        ("display_data", "n = 7", None),
        ("comm_msg", out, {"msg_id": ""}),
    ]


def test_hostile_widget_messages_are_ignored_and_the_kernel_goes_on(kc: Any) -> None:
    reply, outputs = execute(kc, "const safe = deconv.widgets.intSlider({ max: 5, value: 1 });")
    comm_id = list(opened_widgets(outputs))[-1]
    wrong = update(kc, comm_id, {"value": "five"})
    resync = iopub_until(kc, lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == wrong)
    assert resync["content"]["data"] == {"method": "update", "state": {"value": 1}, "buffer_paths": []}
    update(kc, comm_id, {"value": 99, "max": 1000, "_model_name": "EvilModel"})
    update(kc, comm_id, {"value": 2}, [["__proto__", "x"]], [b"\x00"])
    send_comm(kc, "comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": "not an object"}})
    send_comm(kc, "comm_msg", {"comm_id": comm_id, "data": {"method": "eval", "code": "process.exit(1)"}})
    send_comm(kc, "comm_msg", {"comm_id": comm_id, "data": "not an object"})
    assert (
        value(kc, "[safe.value, safe.fullState().max, safe.fullState()._model_name, ({} as any).x]")
        == "[ 1, 5, 'IntSliderModel', undefined ]"
    )


def test_a_stop_button_click_reaches_a_running_training_loop_between_steps(kc: Any) -> None:
    setup = (
        "const stopper = new AbortController();\n"
        "const stopTrain = deconv.widgets.button({ description: 'Stop training' });\n"
        "stopTrain.onClick(() => stopper.abort());\n"
        "const tinyData = deconv.data.mnist({ count: 64 });\n"
        "const tinyG = deconv.dcgan.generator({ imageSize: 28, channels: 1, zDim: 8, width: 4, kernelSize: 3, seed: 1 });\n"
        "const tinyD = deconv.dcgan.discriminator({ imageSize: 28, channels: 1, width: 4, kernelSize: 3, seed: 2 });"
    )
    reply, outputs = execute(kc, setup, timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
    button = list(opened_widgets(outputs))[-1]
    training = kc.execute(
        "const stopped = await deconv.dcgan.train({ generator: tinyG, discriminator: tinyD, data: tinyData, epochs: 100000, batchSize: 16,"
        " signal: stopper.signal, onStep: (r) => { if (r.step === 3) console.log('training'); } });\n"
        "`${stopped.aborted} ${stopped.step > 3} ${stopped.epoch < 100000}`"
    )
    iopub_until(
        kc, lambda m: m["msg_type"] == "stream" and "training" in m["content"]["text"] and m["parent_header"].get("msg_id") == training
    )
    send_comm(kc, "comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}})
    result = iopub_until(kc, lambda m: m["msg_type"] == "execute_result" and m["parent_header"].get("msg_id") == training)
    assert result["content"]["data"]["text/plain"] == "'true true true'"
