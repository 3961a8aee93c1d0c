"""Golden data for deconvlab's conv2dTranspose (TF convention) and convTranspose2d (PyTorch convention).

Independent of deconvlab and of tfjs: TensorFlow 2.21 in Python, plus numpy.

How to run (a throwaway virtualenv outside the repository; the wheel is the one setup caches):

    python3 -m venv /root/.cache/deconvlab/golden-venv
    /root/.cache/deconvlab/golden-venv/bin/pip install \
        --find-links /root/.cache/deconvlab/wheels tensorflow-cpu==2.21.0 numpy
    TF_CPP_MIN_LOG_LEVEL=3 \
        /root/.cache/deconvlab/golden-venv/bin/python test/golden/make_conv_transpose_golden.py

It rewrites test/golden/conv2d_transpose_tf.json and test/golden/conv_transpose2d_torch.json
(seeded, so a rerun gives the same configurations).

Recipes
- TF convention, dilation 1: tf.nn.conv2d_transpose itself (SAME, VALID, explicit padding). TF's CPU
  kernel only supports NHWC, so NCHW cases run in NHWC and numpy transposes in and out (that is what
  data_format means).
- TF convention, dilation 2: TF's CPU conv2d_transpose rejects dilations, so the value is the gradient of
  tf.nn.conv2d (dilated, same strides) with respect to its input, with the output-gradient `value`
  (conv2d_transpose is defined as exactly that gradient). Explicit padding: conv2d of tf.pad(x), VALID.
  That gradient runs on TF's oneDNN kernels: leave TF_ENABLE_ONEDNN_OPTS unset (=0 makes it fail).
- Every TF case is also checked against the adjoint identity <conv2d(u), value> = <u, result> with a
  random u, using only TF's forward conv2d.
- PyTorch convention: torch is not installed (its wheels pull GBs of CUDA packages). Instead each
  group's full transposed output (size s(i - 1) + d(k - 1) + 1, TF VALID, via the conv2d gradient) is
  cropped by numpy as PyTorch defines it — keep rows [p, p + o), zero beyond the full size — plus bias;
  and the result is cross-checked against a direct numpy scatter written from PyTorch's formula
  out[n, g*oc + j, h*s - p + a*d, w*s - p + b*d] += x[n, g*ic + i, h, w] * weight[g*ic + i, j, a, b].
"""

import json
import os

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(1603)


def rand(shape):
    # Four decimals so the JSON holds the exact inputs the golden values were computed from.
    return np.round(RNG.uniform(-1, 1, size=shape), 4).astype(np.float32)


def plain(a):
    return {"shape": list(a.shape), "data": [round(float(v), 6) for v in a.reshape(-1)]}


def conv_grad(dy, filt, out_hw, batch, strides, pads, dil):
    """Gradient of conv2d(pad(x), filt, VALID) with respect to x: the transposed convolution (NHWC)."""
    in_c = filt.shape[3]  # filt is [kh, kw, outC, inC] of the transposed op = [kh, kw, convIn, convOut]
    x = tf.zeros([batch, out_hw[0], out_hw[1], filt.shape[2]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.conv2d(tf.pad(x, [[0, 0], pads[0], pads[1], [0, 0]]), filt, strides, "VALID", dilations=dil)
    assert y.shape[3] == in_c and tuple(y.shape[1:3]) == tuple(dy.shape[1:3]), (y.shape, dy.shape)
    return tape.gradient(y, x, output_gradients=tf.constant(dy)).numpy()


def same_pads(i, o, k_eff, s):
    total = max((i - 1) * s + k_eff - o, 0)
    return [total // 2, total - total // 2]


def adjoint_check(result, value, filt, strides, pads, dil):
    u = RNG.standard_normal(result.shape).astype(np.float32)
    conv_u = tf.nn.conv2d(tf.pad(u, [[0, 0], pads[0], pads[1], [0, 0]]), filt, strides, "VALID", dilations=dil).numpy()
    lhs = float(np.sum(conv_u.astype(np.float64) * value))
    rhs = float(np.sum(u.astype(np.float64) * result))
    assert abs(lhs - rhs) <= 1e-3 * max(1.0, abs(lhs)), (lhs, rhs)


def tf_case(index):
    k = [int(RNG.integers(1, 6)), int(RNG.integers(1, 6))]
    s = [int(RNG.integers(1, 4)), int(RNG.integers(1, 4))]
    d = [2, int(RNG.integers(1, 3))] if index % 4 == 3 else [1, 1]
    mode = ["SAME", "VALID", "EXPLICIT"][index % 3]
    fmt = "NCHW" if index % 5 in (1, 3) else "NHWC"
    i = [int(RNG.integers(1, 5)), int(RNG.integers(1, 5))]
    batch, in_c, out_c = int(RNG.integers(1, 3)), int(RNG.integers(1, 4)), int(RNG.integers(1, 4))
    k_eff = [d[a] * (k[a] - 1) + 1 for a in range(2)]
    explicit = [[int(RNG.integers(0, 3)), int(RNG.integers(0, 3))] for _ in range(2)]
    out, pads = [], []
    for a in range(2):
        if mode == "SAME":
            o = s[a] * (i[a] - 1) + int(RNG.integers(1, s[a] + 1))
            p = same_pads(i[a], o, k_eff[a], s[a])
        elif mode == "VALID":
            o = s[a] * (i[a] - 1) + k_eff[a] + int(RNG.integers(0, s[a]))
            p = [0, 0]
        else:
            p = explicit[a]
            lowest = s[a] * (i[a] - 1) + k_eff[a] - p[0] - p[1]
            o = lowest + int(RNG.integers(0, s[a]))
            if o < 1:
                p, o = [0, 0], s[a] * (i[a] - 1) + k_eff[a]
        out.append(o)
        pads.append(p)
    value = rand([batch, i[0], i[1], in_c])
    filt = rand([k[0], k[1], out_c, in_c])
    out_shape = [batch, out[0], out[1], out_c]
    if d == [1, 1]:
        tf_padding = mode if mode != "EXPLICIT" else [[0, 0], pads[0], pads[1], [0, 0]]
        result = tf.nn.conv2d_transpose(value, filt, out_shape, s, tf_padding).numpy()
        recipe = "tf.nn.conv2d_transpose"
    else:
        result = conv_grad(value, filt, out, batch, s, pads, d)
        recipe = "gradient of tf.nn.conv2d w.r.t. its input"
    adjoint_check(result, value, filt, s, pads, d)
    padding = mode if mode != "EXPLICIT" else pads
    if fmt == "NCHW":
        value, result = value.transpose(0, 3, 1, 2), result.transpose(0, 3, 1, 2)
        out_shape = [batch, out_c, out[0], out[1]]
        recipe += " in NHWC, transposed to NCHW by numpy"
    if mode == "EXPLICIT":
        padding = [[0, 0], pads[0], pads[1], [0, 0]] if fmt == "NHWC" else [[0, 0], [0, 0], pads[0], pads[1]]
    name = (
        f"value={'x'.join(map(str, value.shape))},f={'x'.join(map(str, filt.shape))},s={s[0]}x{s[1]},"
        f"p={mode.lower() if mode != 'EXPLICIT' else json.dumps(pads)},d={d[0]}x{d[1]},{fmt},out={out[0]}x{out[1]}"
    )
    return {
        "name": name,
        "recipe": recipe,
        "value": plain(value),
        "filter": plain(filt),
        "outputShape": out_shape,
        "strides": s,
        "padding": padding,
        "dataFormat": fmt,
        "dilations": d,
        "expected": plain(result),
    }


def torch_scatter(x, w, bias, s, p, op, d, groups):
    n, in_c, ih, iw = x.shape
    in_per, out_per, kh, kw = w.shape[0] // groups, w.shape[1], w.shape[2], w.shape[3]
    oh = (ih - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + op[0] + 1
    ow = (iw - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + op[1] + 1
    out = np.zeros((n, out_per * groups, oh, ow), np.float64)
    for g in range(groups):
        for ci in range(in_per):
            for co in range(out_per):
                for a in range(kh):
                    for b in range(kw):
                        for h in range(ih):
                            for q in range(iw):
                                r, c = h * s[0] - p[0] + a * d[0], q * s[1] - p[1] + b * d[1]
                                if 0 <= r < oh and 0 <= c < ow:
                                    out[:, g * out_per + co, r, c] += x[:, g * in_per + ci, h, q] * w[g * in_per + ci, co, a, b]
    return out + bias.reshape(1, -1, 1, 1)


def torch_case(index):
    groups = [1, 1, 2, 3][index % 4]
    k = [int(RNG.integers(1, 6)), int(RNG.integers(1, 6))]
    s = [int(RNG.integers(1, 4)), int(RNG.integers(1, 4))]
    d = [int(RNG.integers(1, 3)), int(RNG.integers(1, 3))]
    i = [int(RNG.integers(1, 5)), int(RNG.integers(1, 5))]
    batch = int(RNG.integers(1, 3))
    in_c, out_c = groups * int(RNG.integers(1, 3)), groups * int(RNG.integers(1, 3))
    k_eff = [d[a] * (k[a] - 1) + 1 for a in range(2)]
    full = [(i[a] - 1) * s[a] + k_eff[a] for a in range(2)]
    op = [int(RNG.integers(0, max(s[a], d[a]))) for a in range(2)]
    p = [int(RNG.integers(0, min(3, (full[a] + op[a] - 1) // 2 + 1))) for a in range(2)]
    out = [full[a] - 2 * p[a] + op[a] for a in range(2)]
    x = rand([batch, in_c, i[0], i[1]])
    w = rand([in_c, out_c // groups, k[0], k[1]])
    bias = rand([out_c]) if index % 2 == 0 else np.zeros([out_c], np.float32)
    x_nhwc = x.transpose(0, 2, 3, 1)
    parts = []
    in_per, out_per = in_c // groups, out_c // groups
    for g in range(groups):
        filt = w[g * in_per : (g + 1) * in_per].transpose(2, 3, 1, 0)  # [kh, kw, out_per, in_per]
        y = conv_grad(x_nhwc[..., g * in_per : (g + 1) * in_per], filt, full, batch, s, [[0, 0], [0, 0]], d)
        ext = np.zeros((batch, max(full[0], p[0] + out[0]), max(full[1], p[1] + out[1]), out_per), np.float32)
        ext[:, : full[0], : full[1]] = y
        parts.append(ext[:, p[0] : p[0] + out[0], p[1] : p[1] + out[1]])
    result = np.concatenate(parts, axis=3).transpose(0, 3, 1, 2) + bias.reshape(1, -1, 1, 1)
    scatter = torch_scatter(x.astype(np.float64), w.astype(np.float64), bias.astype(np.float64), s, p, op, d, groups)
    assert result.shape == scatter.shape and np.max(np.abs(result - scatter)) < 1e-4, "TF mapping and numpy scatter disagree"
    name = (
        f"input={'x'.join(map(str, x.shape))},w={'x'.join(map(str, w.shape))},s={s[0]}x{s[1]},p={p[0]}x{p[1]},"
        f"op={op[0]}x{op[1]},d={d[0]}x{d[1]},groups={groups},bias={'yes' if index % 2 == 0 else 'no'}"
    )
    return {
        "name": name,
        "recipe": "TF conv2d gradient per group + numpy PyTorch crop, cross-checked by a numpy scatter",
        "input": plain(x),
        "weight": plain(w),
        "bias": plain(bias) if index % 2 == 0 else None,
        "stride": s,
        "padding": p,
        "outputPadding": op,
        "dilation": d,
        "groups": groups,
        "expected": plain(result.astype(np.float32)),
    }


def write(name, cases):
    doc = {"generator": "test/golden/make_conv_transpose_golden.py", "tensorflow": tf.__version__, "cases": cases}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    write("conv2d_transpose_tf.json", [tf_case(n) for n in range(48)])
    write("conv_transpose2d_torch.json", [torch_case(n) for n in range(32)])
