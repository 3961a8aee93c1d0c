"""Golden values for test/unit/dcgan/experiments (adaptive max pooling, guided backpropagation), computed with PyTorch.

Run: .venv-bench/bin/python test/golden/make_dcgan_experiments_golden.py  (writes dcgan_experiments_torch.json here).
Inputs and weights come from closed formulas that the TypeScript tests evaluate too, in NHWC / [kh, kw, in, out];
the outputs are stored NHWC.
"""

import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def nhwc(values, n, h, w, c):
    """A tensor built from value(n, h, w, c) in NHWC order, returned as NCHW."""
    t = torch.tensor([[[[values(a, y, x, k) for k in range(c)] for x in range(w)] for y in range(h)] for a in range(n)])
    return t.permute(0, 3, 1, 2).contiguous()


def kernel(values, kh, kw, cin, cout):
    """A tfjs kernel [kh, kw, in, out] from value(...), returned in torch's [out, in, kh, kw]."""
    t = torch.tensor([[[[values(y, x, i, o) for o in range(cout)] for i in range(cin)] for x in range(kw)] for y in range(kh)])
    return t.permute(3, 2, 0, 1).contiguous()


def case(name, t):
    """A fixture case: the NCHW tensor t stored as NHWC shape and row-major values."""
    nhwc_t = t.permute(0, 2, 3, 1)
    return {"name": name, "shape": list(nhwc_t.shape), "data": [round(v, 7) for v in nhwc_t.reshape(-1).tolist()]}


cases = []


class Guided(torch.autograd.Function):
    """LeakyReLU whose backward passes dy only where x > 0 and dy > 0 (guided backpropagation)."""

    @staticmethod
    def forward(ctx, x, alpha):
        ctx.save_for_backward(x)
        return F.leaky_relu(x, alpha)

    @staticmethod
    def backward(ctx, dy):
        (x,) = ctx.saved_tensors
        return dy * (x > 0) * (dy > 0), None


# Adaptive max pooling of a [2, L, L, 3] map to 4x4 for L = 7 and 14.
for side in (7, 14):
    x = nhwc(lambda a, y, x, k: math.sin(0.37 * (a * 1000 + y * 31 + x * 7 + k) + 0.5), 2, side, side, 3)
    cases.append(case(f"adaptive_max_pool L={side}", F.adaptive_max_pool2d(x, 4)))

# Tiny discriminator: conv1 (3x3, 2 filters, stride 2, 'same' on 5x5 pads 1 each side, bias) -> LeakyReLU(0.2)
# -> conv2 (2x2, 3 filters, valid, no bias) -> batch norm (inference) -> LeakyReLU(0.2).
images = nhwc(lambda a, y, x, k: math.cos(0.9 * (a * 25 + y * 5 + x) + 0.3 * a), 2, 5, 5, 1).requires_grad_(False)
w1 = kernel(lambda y, x, i, o: math.sin(1.3 * (y * 3 + x) + 2.1 * o + 0.4), 3, 3, 1, 2)
b1 = torch.tensor([0.05, -0.1])
w2 = kernel(lambda y, x, i, o: math.cos(0.7 * (y * 2 + x) + 1.7 * i + 0.9 * o), 2, 2, 2, 3)
gamma, beta = torch.tensor([1.2, 0.8, 1.0]), torch.tensor([0.1, 1.4, 2.6])
mean, var = torch.tensor([0.05, -0.1, 0.2]), torch.tensor([0.5, 1.5, 0.9])
EPS = 1e-3


def guided_views(channels, reduce):
    x = images.repeat(len(channels), 1, 1, 1).requires_grad_(True)
    h = Guided.apply(F.conv2d(x, w1, b1, stride=2, padding=1), 0.2)
    h = F.batch_norm(F.conv2d(h, w2), mean, var, gamma, beta, training=False, eps=EPS)
    h = Guided.apply(h, 0.2)
    n = images.shape[0]
    total = 0
    for r in range(x.shape[0]):
        response = h[r, channels[r // n]].reshape(-1)
        total = total + (response.max() if reduce == "max" else response.sum())
    total.backward()
    return x.grad


for reduce in ("max", "sum"):
    cases.append(case(f"guided channels=[0,2] reduce={reduce}", guided_views([0, 2], reduce)))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "dcgan_experiments_torch.json"), "w") as f:
    json.dump({"generator": f"PyTorch {torch.__version__}, float64", "cases": cases}, f)
    f.write("\n")
