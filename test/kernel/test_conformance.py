"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) against the deconvlab kernel.

Every applicable sample is filled in. Not applicable: `code_page_something` (no pager payloads in
a TypeScript kernel). Completion matches are case-insensitive prefix matches (tslab's ranking), so
the samples use prefixes with a single candidate.
"""

from __future__ import annotations

import unittest

import jupyter_kernel_test


class DeconvlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "deconvlab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'

    completion_samples = [
        {"text": "deconv.summ", "matches": {"summary"}},
        {"text": "tf.tid", "matches": {"tidy"}},
        {"text": "Math.hyp", "matches": {"hypot"}},
    ]

    complete_code_samples = ["1 + 1", "const x = 1", "for (let i = 0; i < 3; i++) {\n  console.log(i)\n}", "let t = `a\n${1}\nb`"]
    incomplete_code_samples = ["function f() {", "const a = [1,\n", "let t = `abc", "let t = `a ${b", "/* comment", "foo("]
    invalid_code_samples = ["let = 7q", "}}", "if (x) {}}", '"abc']

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'ab'.repeat(2)", "result": "'abab'"},
        {"code": "[1, 2, 3].map((v) => v * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": "({ [Symbol.for('Jupyter.display')]: () => ({ 'text/html': '<b>x</b>' }) })", "mime": "text/html", "result": "<b>x</b>"},
    ]

    code_display_data = [
        {
            "code": "deconv.emitDisplay({ kind: 'display', data: { 'text/plain': 'p', 'image/svg+xml': '<svg/>' } })",
            "mime": "image/svg+xml",
        },
        {"code": 'import * as tslab from "tslab"; tslab.display.html("<i>h</i>")', "mime": "text/html"},
    ]

    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "deconv.summary"

    code_clear_output = "deconv.emitDisplay({ kind: 'clear', wait: false })"


class DeconvlabIopubWelcomeTests(jupyter_kernel_test.IopubWelcomeTests):
    kernel_name = "deconvlab"
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main()
