"""One named test per behaviour of the execution model (V8 REPL mode, see kernel/README.md): what a
cell declared survives its errors and interrupts, tracebacks point into the cell, type errors read
like `tsc --pretty`, type-check modes, and help inside a call's parentheses."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

from conftest import collect, execute, new_manager, start_kernel_with, value

FIXTURES = Path(__file__).parent / "fixtures"


def error_of(kc: Any, code: str) -> dict[str, Any]:
    """The execute_reply content of a cell that must fail."""
    reply, _ = execute(kc, code, stop_on_error=False)
    assert reply["content"]["status"] == "error", reply["content"]
    return reply["content"]


def stderr_of(outputs: list[dict[str, Any]]) -> str:
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")


def test_binding_survives_a_throw(kc: Any) -> None:
    assert error_of(kc, "const keep = 1; const keepTensor = tf.ones([2]); throw new Error('x')")["evalue"] == "x"
    assert value(kc, "keep + 1") == "2"
    assert value(kc, "keepTensor.shape") == "[ 2 ]"


def test_binding_survives_an_interrupt(kernel: Any, kc: Any) -> None:
    msg_id = kc.execute("const beforeInterrupt = 'kept';\nwhile (true) {}\nconst afterInterrupt = 1;")
    time.sleep(0.5)
    kernel[0].interrupt_kernel()
    reply, outputs = collect(kc, msg_id, timeout=10)
    assert reply["content"]["ename"] == "InterruptError"
    assert "`afterInterrupt` was declared but its initialiser did not run" in stderr_of(outputs)
    assert value(kc, "beforeInterrupt.toUpperCase()") == "'KEPT'"


def test_uninitialised_binding_is_typed_any_with_a_note(kc: Any) -> None:
    reply, outputs = execute(
        kc, "let ready = 1;\nconst late: number = (() => { throw new Error('early') })();\nclass Late {}", stop_on_error=False
    )
    assert reply["content"]["evalue"] == "early"
    notes = stderr_of(outputs)
    assert "note: `late` was declared but its initialiser did not run; it is `undefined` and typed `any`" in notes
    assert "note: `Late` was declared" in notes and "`ready`" not in notes
    # `any`: a string method type-checks on what was declared a number; the value is undefined.
    assert value(kc, "[late?.toUpperCase(), typeof late, typeof Late, ready]") == "[ undefined, 'undefined', 'undefined', 1 ]"
    # The declared type stays for the binding that was initialised.
    assert "not assignable to type 'number'" in error_of(kc, "ready = 'one'")["evalue"]


def test_redeclaring_const_let_class_and_function(kc: Any) -> None:
    code = "const rc = {n};\nlet rl = rc * 2;\nclass RC { v = rl }\nfunction rf() { return new RC().v; }\nrf()"
    assert value(kc, code.replace("{n}", "1")) == "2"
    assert value(kc, code.replace("{n}", "5")) == "10"
    assert value(kc, "const rc = 'now a string'; rc.length") == "12"


def test_top_level_await_and_for_await_keep_their_bindings(kc: Any) -> None:
    code = (
        "const awaited = await Promise.resolve(20);\n"
        "async function* ticks() { yield 1; yield 2; }\n"
        "let summed = 0;\nfor await (const t of ticks()) summed += t;\n"
        "awaited + summed"
    )
    assert value(kc, code) == "23"
    assert value(kc, "[awaited, summed]") == "[ 20, 3 ]"


def test_import_and_export(kc: Any) -> None:
    code = "import * as nodePath from 'path';\nimport { join as joinPath } from 'path';\nimport fsDefault from 'fs';\nexport const exported = joinPath('a', 'b');\nexport function twice(s: string) { return s + s; }\nexport default 1;"
    reply, _ = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert value(kc, "[exported, twice('x'), nodePath.sep, typeof fsDefault.readFileSync]") == "[ 'a/b', 'xx', '/', 'function' ]"


def test_class_enum_namespace_generics_and_overloads(kc: Any) -> None:
    code = (
        "enum Colour { Red = 1, Green }\n"
        "namespace Geometry { export const unit = 2; export function area(s: number) { return s * s * unit; } }\n"
        "class Box<T> { constructor(public readonly item: T) {} map<U>(f: (t: T) => U): Box<U> { return new Box(f(this.item)); } }\n"
        "function describe(x: number): string;\nfunction describe(x: string): number;\nfunction describe(x: any): any { return typeof x === 'number' ? `n${x}` : x.length; }\n"
        "[Colour.Green, Colour[1], Geometry.area(3), new Box(2).map((n) => n + 1).item, describe(4), describe('abc')]"
    )
    assert value(kc, code) == "[ 2, 'Red', 18, 3, 'n4', 3 ]"
    assert "not assignable to type 'string'" in error_of(kc, "const wrong: string = describe('abc')")["evalue"]


def test_dynamic_import_of_an_es_module(kc: Any) -> None:
    path = str(FIXTURES / "esm_only.mjs")
    assert value(kc, f"const esm = await import({path!r}); esm.greeting") == "'hello from an ES module'"
    assert value(kc, "esm.default('loud')") == "'LOUD!'"


def test_local_typescript_module_is_checked_run_and_reloaded_when_edited(tmp_path: Path) -> None:
    helper = tmp_path / "helper.ts"
    helper.write_text("export interface Pair { a: number; b: number }\nexport function sum(p: Pair): number { return p.a + p.b; }\n")
    km = new_manager()
    km.start_kernel(cwd=str(tmp_path))  # a helper beside the notebook: the kernel runs in the notebook's folder
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        assert value(kc, "import { sum } from './helper';\nsum({ a: 40, b: 2 })") == "42"
        assert "not assignable to parameter of type 'Pair'" in error_of(kc, "sum({ a: 1 })")["evalue"]
        edit(helper, "export function sum(p: { a: number; b: number }): number { return 10 * (p.a + p.b); }\n")
        assert value(kc, "import { sum as sum2 } from './helper';\nsum2({ a: 4, b: 0 })") == "40"
        edit(helper, "export function check(n: number): number {\n  if (n > 1) throw new Error(`too big: ${n}`);\n  return n;\n}\n")
        traceback = "\n".join(error_of(kc, "import { check } from './helper';\ncheck(5)")["traceback"])
        assert "helper.ts, line 2" in traceback and "at check (helper.ts:2:20)" in traceback and "Cell In[" in traceback, traceback
        edit(helper, "export const broken: number = 'text';\n")
        assert "Type 'string' is not assignable to type 'number'" in error_of(kc, "import { broken } from './helper';\nbroken")["evalue"]
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)


def edit(path: Path, text: str) -> None:
    """Rewrites `path` with a modification time clearly later than the last one."""
    later = path.stat().st_mtime + 5
    path.write_text(text)
    os.utime(path, (later, later))


def test_names_with_two_leading_underscores(kc: Any) -> None:
    assert value(kc, "const __x = 41; __x + 1") == "42"
    assert value(kc, "__x") == "41"


def test_traceback_maps_to_the_cell_line_with_a_caret_and_folds_tfjs_frames(kc: Any) -> None:
    error = error_of(kc, "const flat = tf.tensor([1, 2]);\nconst bad = flat.reshape([3]);")
    traceback = error["traceback"]
    count = re.search(r"Cell In\[(\d+)\]", "\n".join(traceback)).group(1)
    assert f"Cell In[{count}], line 2" in traceback
    source = traceback.index("2 | const bad = flat.reshape([3]);")
    assert traceback[source + 1].index("^") == traceback[source].index("reshape")
    assert any(re.fullmatch(rf"    at Cell In\[{count}\]:2:\d+", line) for line in traceback), traceback
    assert any(re.fullmatch(r"    … \d+ frames in @tensorflow/tfjs-core", line) for line in traceback), traceback
    assert not any("node_modules" in line or "evalmachine" in line or "kernel/dist" in line for line in traceback), traceback
    # The whole stack stays available.
    assert value(kc, "(deconv.lastError as Error).stack!.includes('node_modules/@tensorflow/tfjs-core')") == "true"


def test_function_from_an_earlier_cell_is_reported_at_its_own_line(kc: Any) -> None:
    execute(kc, "function fails() {\n  return [].reduce((a: number, b: number) => a + b);\n}")
    traceback = error_of(kc, "fails()")["traceback"]
    assert any(re.fullmatch(r"    at fails \(Cell In\[\d+\]:2:\d+\)", line) for line in traceback), traceback
    assert "2 |   return [].reduce((a: number, b: number) => a + b);" in traceback


def test_type_errors_are_printed_like_tsc_pretty(kc: Any) -> None:
    error = error_of(kc, "const ok = 1;\nconst n: number = 'text';")
    count = re.search(r"Cell In\[(\d+)\]", error["evalue"]).group(1)
    head = f"Cell In[{count}]:2:7 - error TS2322: Type 'string' is not assignable to type 'number'."
    assert error["ename"] == "TypeScriptError" and error["evalue"] == head
    at = error["traceback"].index(head)
    assert error["traceback"][at + 1 : at + 3] == ["2 | const n: number = 'text';", "  |       ~"]


def test_syntax_errors_and_rejections_give_one_readable_error(kc: Any) -> None:
    syntax = error_of(kc, "const = 5")
    assert syntax["ename"] == "TypeScriptError" and "TS1134" in syntax["evalue"] and "Variable declaration expected" in syntax["evalue"]
    rejected = error_of(kc, "const beforeRejection = 3;\nawait Promise.reject(new RangeError('no'))")
    assert rejected["ename"] == "RangeError" and rejected["evalue"] == "no"
    assert any(re.match(r"Cell In\[\d+\], line 2", line) for line in rejected["traceback"])
    assert value(kc, "beforeRejection") == "3"
    thrown = error_of(kc, "throw { code: 42 }")
    assert thrown["ename"] == "Uncaught" and thrown["evalue"] == "{ code: 42 }"


def test_ts_nocheck_cell_runs_unchecked(kc: Any) -> None:
    assert value(kc, "// @ts-nocheck\nconst loose: number = 'not a number';\nloose.length") == "12"
    # Its declarations are `any` for later (checked) cells.
    assert value(kc, "loose.toUpperCase()") == "'NOT A NUMBER'"


def test_shift_tab_inside_call_parentheses_shows_signature_and_current_parameter(kc: Any) -> None:
    code = "deconv.conv2dTranspose(tf.ones([1, 2, 2, 1]), "
    kc.inspect(code, len(code))
    reply = kc.get_shell_msg(timeout=30)["content"]
    assert reply["found"], reply
    text = reply["data"]["text/plain"]
    assert "conv2dTranspose" in text and "(value:" in text and "outputShape" in text
    assert text.rstrip().splitlines()[-1].startswith("Current parameter: filter")


def test_shift_tab_shows_the_overload_the_arguments_select(kc: Any) -> None:
    declare = "/** Picks by count. */\nfunction pick(count: number): number;\n/**\n * Picks by label.\n * @param loud whether to shout\n */\nfunction pick(label: string, loud: boolean): string;\nfunction pick(x: any, loud?: boolean): any { return x; }"
    assert execute(kc, declare)[0]["content"]["status"] == "ok"
    code = "pick('a', "
    kc.inspect(code, len(code))
    text = kc.get_shell_msg(timeout=30)["content"]["data"]["text/plain"]
    assert text.splitlines()[0] == "pick(label: string, loud: boolean): string  (overload 2 of 2)", text
    assert "Picks by label." in text and text.rstrip().splitlines()[-1] == "Current parameter: loud — whether to shout", text


def test_inspection_of_a_value_declared_in_an_earlier_cell(kc: Any) -> None:
    execute(kc, "/** How many epochs to train. */\nconst inspectedEpochs = 7;")
    kc.inspect("inspectedEpochs", 5)
    reply = kc.get_shell_msg(timeout=30)["content"]
    assert reply["found"] and "const inspectedEpochs: 7" in reply["data"]["text/plain"]
    assert "How many epochs to train." in reply["data"]["text/plain"]


TRAINING = """const tinyG = deconv.dcgan.generator({ imageSize: 8, channels: 1, width: 4, zDim: 4, seed: 1 });
const tinyD = deconv.dcgan.discriminator({ imageSize: 8, channels: 1, width: 4, seed: 2 });
const tinyData = tf.randomUniform([64, 8, 8, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
const partial = deconv.dcgan.newTrainHistory();
await deconv.dcgan.train({ generator: tinyG, discriminator: tinyD, data: tinyData, epochs: 100000, batchSize: 16, history: partial });
const afterTraining = 1;"""


def test_interrupted_training_leaves_its_partial_history_to_the_next_cell(kernel: Any, kc: Any) -> None:
    msg_id = kc.execute(TRAINING)
    time.sleep(3.0)
    kernel[0].interrupt_kernel()
    reply, _ = collect(kc, msg_id, timeout=10)
    assert reply["content"]["ename"] == "InterruptError"
    steps = int(value(kc, "partial.steps.length"))
    assert steps > 0 and value(kc, "partial.step === partial.steps.length && partial.aborted") == "true"
    assert value(kc, "partial.steps.every((s, i) => s.step === i + 1 && Number.isFinite(s.gLoss))") == "true"
    assert value(kc, "typeof afterTraining") == "'undefined'"


def test_warn_mode_reports_type_errors_then_runs() -> None:
    km, kc = start_kernel_with(env={**os.environ, "DECONVLAB_TYPECHECK": "warn"})
    try:
        reply, outputs = execute(kc, "const warned: number = 'w';\nwarned.length")
        assert reply["content"]["status"] == "ok"
        assert "error TS2322: Type 'string' is not assignable to type 'number'." in stderr_of(outputs)
        assert [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"] == ["1"]
        assert value(kc, "warned.toUpperCase()") == "'W'"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_off_mode_from_the_kernelspec_argument_runs_silently() -> None:
    km, kc = start_kernel_with(argv=["--typecheck=off"])
    try:
        reply, outputs = execute(kc, "const silent: number = 's';\nsilent.length")
        assert reply["content"]["status"] == "ok"
        assert stderr_of(outputs) == ""
        assert [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"] == ["1"]
        # Syntax errors still stop a cell in every mode.
        reply, _ = execute(kc, "const = 1")
        assert reply["content"]["ename"] == "TypeScriptError"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
