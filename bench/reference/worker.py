"""Times TensorFlow (Python) and PyTorch on request, one JSON line in, one out, so bench/ can interleave them with ours.

Requests:  {"op": "setup", "id": str, "framework": "tf" | "torch", "case": {...}}   -> {"ok": true}
           {"op": "time", "id": str, "reps": int}                                    -> {"ms": [float, ...]}
Cases: {"kind": "matmul", "n": int}
       {"kind": "conv_transpose", "pass": "forward" | "grad_input" | "grad_filter",
        "batch", "in_size", "in_channels", "out_size", "out_channels", "kernel", "stride"}   (NHWC, TF 'SAME')
"""
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def tf_case(case):
    import tensorflow as tf

    if case["kind"] == "matmul":
        a = tf.random.normal([case["n"], case["n"]])
        b = tf.random.normal([case["n"], case["n"]])
        return lambda: tf.linalg.matmul(a, b).numpy()
    n, i, ci, o, co, k, s = (case[key] for key in ("batch", "in_size", "in_channels", "out_size", "out_channels", "kernel", "stride"))
    x = tf.random.normal([n, i, i, ci])
    w = tf.random.normal([k, k, co, ci])
    dy = tf.random.normal([n, o, o, co])
    shape = [n, o, o, co]
    if case["pass"] == "forward":
        fn = tf.function(lambda: tf.nn.conv2d_transpose(x, w, shape, s, "SAME"))
    elif case["pass"] == "grad_input":  # the gradient of a transposed convolution w.r.t. its input is a convolution
        fn = tf.function(lambda: tf.nn.conv2d(dy, w, s, "SAME"))
    else:
        fn = tf.function(lambda: tf.raw_ops.Conv2DBackpropFilter(input=dy, filter_sizes=w.shape, out_backprop=x, strides=[1, s, s, 1], padding="SAME"))
    return lambda: fn().numpy()


def torch_case(case):
    import torch

    torch.set_grad_enabled(False)
    if case["kind"] == "matmul":
        a = torch.randn(case["n"], case["n"])
        b = torch.randn(case["n"], case["n"])
        return lambda: torch.mm(a, b)
    n, i, ci, o, co, k, s = (case[key] for key in ("batch", "in_size", "in_channels", "out_size", "out_channels", "kernel", "stride"))
    # PyTorch padding that gives TF 'SAME' output size o = i*s: p = ceil((k - s) / 2), output_padding = the rest.
    p = (k - s + 1) // 2
    op = o - ((i - 1) * s - 2 * p + k)
    x = torch.randn(n, ci, i, i)
    w = torch.randn(ci, co, k, k)
    dy = torch.randn(n, co, o, o)
    if case["pass"] == "forward":
        return lambda: torch.nn.functional.conv_transpose2d(x, w, stride=s, padding=p, output_padding=op)
    if case["pass"] == "grad_input":
        return lambda: torch.nn.functional.conv2d(dy, w, stride=s, padding=p)
    return lambda: torch.ops.aten.convolution_backward(
        dy, x, w, None, [s, s], [p, p], [1, 1], True, [op, op], 1, [False, False, True])[2]


def main():
    cases = {}
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "setup":
            make = tf_case if request["framework"] == "tf" else torch_case
            cases[request["id"]] = make(request["case"])
            cases[request["id"]]()  # warm-up
            reply = {"ok": True}
        else:
            fn = cases[request["id"]]
            times = []
            for _ in range(request["reps"]):
                started = time.perf_counter()
                fn()
                times.append((time.perf_counter() - started) * 1000)
            reply = {"ms": times}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
