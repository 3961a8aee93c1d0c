"""stdin: `prompt`, `confirm` and `deconv.input` send `input_request` (parent: the execute request) when
the front end allows stdin, throw a clear error when it does not, and can be interrupted."""

from __future__ import annotations

from typing import Any

from conftest import collect, execute


def answer_input(kc: Any, msg_id: str, text: str) -> dict[str, Any]:
    """Waits for the cell's input_request, answers `text`, returns the request."""
    request = kc.get_stdin_msg(timeout=30)
    assert request["msg_type"] == "input_request"
    assert request["parent_header"]["msg_id"] == msg_id
    kc.input(text)
    return request


def result_text(outputs: list[dict[str, Any]]) -> str:
    return [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"]


def test_prompt_sends_input_request_and_returns_the_answer(kc: Any) -> None:
    msg_id = kc.execute("const answer = prompt('Your name?'); answer.toUpperCase()", allow_stdin=True)
    request = answer_input(kc, msg_id, "ada")
    assert request["content"] == {"prompt": "Your name?", "password": False}
    reply, outputs = collect(kc, msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(outputs) == "'ADA'"


def test_prompt_default_applies_to_an_empty_answer(kc: Any) -> None:
    msg_id = kc.execute("prompt('Epochs', '5')", allow_stdin=True)
    assert answer_input(kc, msg_id, "")["content"]["prompt"] == "Epochs [5] "
    assert result_text(collect(kc, msg_id)[1]) == "'5'"


def test_confirm_is_true_for_yes_only(kc: Any) -> None:
    for text, expected in (("y", "true"), ("YES", "true"), ("n", "false"), ("", "false")):
        msg_id = kc.execute("confirm('Train now?')", allow_stdin=True)
        assert answer_input(kc, msg_id, text)["content"]["prompt"] == "Train now? [y/N] "
        assert result_text(collect(kc, msg_id)[1]) == expected


def test_deconv_input_is_async_and_passes_password(kc: Any) -> None:
    msg_id = kc.execute("const secret = await deconv.input('Token:', { password: true }); secret.length", allow_stdin=True)
    assert answer_input(kc, msg_id, "s3cret")["content"] == {"prompt": "Token:", "password": True}
    assert result_text(collect(kc, msg_id)[1]) == "6"


def test_input_without_allow_stdin_is_a_clear_error(kc: Any) -> None:
    for code in ("prompt('x')", "confirm('x')", "await deconv.input('x')"):
        reply, _ = execute(kc, code, allow_stdin=False, stop_on_error=False)
        content = reply["content"]
        assert content["status"] == "error", content
        assert content["evalue"].startswith("this front end does not accept input (allow_stdin is false): "), content["evalue"]


def test_interrupting_a_prompt_raises_interrupt_error_and_kernel_goes_on(kernel: Any, kc: Any) -> None:
    for code in ("prompt('wait')", "await deconv.input('wait')"):
        msg_id = kc.execute(code, allow_stdin=True, stop_on_error=False)
        request = kc.get_stdin_msg(timeout=30)
        assert request["parent_header"]["msg_id"] == msg_id
        kernel[0].interrupt_kernel()
        reply, _ = collect(kc, msg_id)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "InterruptError", reply["content"]
        # The slot is free again: the next prompt works.
        msg_id = kc.execute("prompt('again')", allow_stdin=True)
        answer_input(kc, msg_id, "ok")
        assert result_text(collect(kc, msg_id)[1]) == "'ok'"
