"""Times TensorFlow (Python) and PyTorch on request, one JSON line in, one out, so bench/ can interleave them with ours.

Requests:  {"op": "setup", "id": str, "framework": "tf" | "torch", "case": {...}}   -> {"ok": true}
           {"op": "time", "id": str, "reps": int}                                    -> {"ms": [float, ...]}
Cases: {"kind": "matmul", "n": int}
       {"kind": "conv_transpose", "pass": "forward" | "grad_input" | "grad_filter",
        "batch", "in_size", "in_channels", "out_size", "out_channels", "kernel", "stride"}   (NHWC, TF 'SAME')
       {"kind": "dcgan_step", "batch": int, "plan": {...}}   one DCGAN training step; plan = deconv.dcgan.architecture(...)
         ({"imageSize", "channels", "zDim", "kernelSize", "baseSize", "stages": [{"size", "channels"}, ...]}), so the
         networks are built layer by layer as deconv.dcgan.generator/discriminator build them.
"""

import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def torch_same_padding(k, s):
    """PyTorch (padding, output_padding) giving TF 'SAME' sizes: a transposed conv maps i to i*s, a conv maps i to i/s."""
    p = (k - s + 1) // 2
    return p, s - k + 2 * p


def tf_case(case):
    import tensorflow as tf

    if case["kind"] == "dcgan_step":
        return tf_dcgan_step(case)
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
        return lambda: fn().numpy()
    # Forward and one gradient, as in training (and as ours is timed through tf.grad); both results are returned so
    # the graph cannot prune the forward pass.
    wrt = x if case["pass"] == "grad_input" else w

    @tf.function
    def forward_backward():
        with tf.GradientTape() as tape:
            tape.watch(wrt)
            y = tf.nn.conv2d_transpose(x, w, shape, s, "SAME")
        return y, tape.gradient(y, wrt, output_gradients=dy)

    return lambda: [t.numpy() for t in forward_backward()]


def torch_case(case):
    import torch

    if case["kind"] == "dcgan_step":
        return torch_dcgan_step(case)
    if case["kind"] == "matmul":
        a = torch.randn(case["n"], case["n"])
        b = torch.randn(case["n"], case["n"])
        return lambda: torch.mm(a, b)
    n, i, ci, o, co, k, s = (case[key] for key in ("batch", "in_size", "in_channels", "out_size", "out_channels", "kernel", "stride"))
    p, op = torch_same_padding(k, s)
    x = torch.randn(n, ci, i, i)
    w = torch.randn(ci, co, k, k)
    dy = torch.randn(n, co, o, o)

    def forward():
        return torch.nn.functional.conv_transpose2d(x, w, stride=s, padding=p, output_padding=op)

    if case["pass"] == "forward":

        def forward_only():
            with torch.no_grad():
                return forward()

        return forward_only
    wrt = x if case["pass"] == "grad_input" else w
    wrt.requires_grad_(True)
    # Forward and one gradient, as in training (autograd computes only the gradient asked for).
    return lambda: torch.autograd.grad(forward(), wrt, dy)


# DCGAN as deconv.dcgan builds it (src/dcgan/generator.ts, discriminator.ts): G = dense (no bias) -> reshape -> BN ->
# ReLU, [stride-1 transposed conv for 7-based sizes], stride-2 transposed convs (no bias) + BN + ReLU, last transposed
# conv to the image channels with bias + tanh; D = stride-2 convs (bias only on the first, BN on all but the first) +
# LeakyReLU(0.2), flatten, dense logit. Kernels N(0, 0.02), BN scales N(1, 0.02), BN eps 1e-5 / momentum 0.1.
# Step: one G forward, D on real and on fake once each, non-saturating loss on logits, simultaneous Adam(2e-4, 0.5)
# updates of both networks (the TensorFlow tutorial's two-tape step).
BN_EPSILON = 1e-5
LEAKY_SLOPE = 0.2
ADAM = {"learning_rate": 2e-4, "beta_1": 0.5, "beta_2": 0.999, "epsilon": 1e-8}


def generator_plan(plan):
    """(top size, projected channels, [(filters, stride, bias), ...]) of the generator's transposed convolutions."""
    top = plan["stages"][0]
    projected = top["channels"] * 2 if plan["baseSize"] == 7 else top["channels"]
    convs = [(top["channels"], 1, False)] if plan["baseSize"] == 7 else []
    convs += [(stage["channels"], 2, False) for stage in plan["stages"][1:]]
    return top["size"], projected, convs + [(plan["channels"], 2, True)]


def tf_dcgan_models(plan):
    import tensorflow as tf

    layers = tf.keras.layers
    kernel = lambda: tf.keras.initializers.RandomNormal(0.0, 0.02)
    norm = lambda: layers.BatchNormalization(
        momentum=0.9, epsilon=BN_EPSILON, gamma_initializer=tf.keras.initializers.RandomNormal(1.0, 0.02)
    )
    k = plan["kernelSize"]
    size, projected, convs = generator_plan(plan)
    g = [
        tf.keras.Input((plan["zDim"],)),
        layers.Dense(size * size * projected, use_bias=False, kernel_initializer=kernel()),
        layers.Reshape((size, size, projected)),
        norm(),
        layers.ReLU(),
    ]
    for index, (filters, stride, bias) in enumerate(convs):
        g.append(layers.Conv2DTranspose(filters, k, stride, padding="same", use_bias=bias, kernel_initializer=kernel()))
        g += [layers.Activation("tanh")] if index == len(convs) - 1 else [norm(), layers.ReLU()]
    d = [tf.keras.Input((plan["imageSize"], plan["imageSize"], plan["channels"]))]
    for index, stage in enumerate(reversed(plan["stages"])):
        d.append(layers.Conv2D(stage["channels"], k, 2, padding="same", use_bias=index == 0, kernel_initializer=kernel()))
        d += ([] if index == 0 else [norm()]) + [layers.LeakyReLU(negative_slope=LEAKY_SLOPE)]
    d += [layers.Flatten(), layers.Dense(1, kernel_initializer=kernel())]
    return tf.keras.Sequential(g), tf.keras.Sequential(d)


def tf_dcgan_step(case):
    import tensorflow as tf

    plan, n = case["plan"], case["batch"]
    g, d = tf_dcgan_models(plan)
    g_opt, d_opt = tf.keras.optimizers.Adam(**ADAM), tf.keras.optimizers.Adam(**ADAM)
    g_opt.build(g.trainable_variables)
    d_opt.build(d.trainable_variables)
    real = tf.random.uniform([n, plan["imageSize"], plan["imageSize"], plan["channels"]], -1, 1)
    z = tf.random.normal([n, plan["zDim"]])
    loss = lambda logits, target: tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(target(logits), logits))

    @tf.function
    def step():
        with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
            fake = g(z, training=True)
            on_real = d(real, training=True)
            on_fake = d(fake, training=True)
            d_loss = loss(on_real, tf.ones_like) + loss(on_fake, tf.zeros_like)
            g_loss = loss(on_fake, tf.ones_like)
        d_grads = d_tape.gradient(d_loss, d.trainable_variables)
        g_grads = g_tape.gradient(g_loss, g.trainable_variables)
        d_opt.apply_gradients(zip(d_grads, d.trainable_variables))
        g_opt.apply_gradients(zip(g_grads, g.trainable_variables))
        return d_loss, g_loss

    return lambda: [t.numpy() for t in step()]


def torch_dcgan_models(plan):
    from torch import nn

    k = plan["kernelSize"]
    size, projected, convs = generator_plan(plan)

    def norm(channels):
        layer = nn.BatchNorm2d(channels, eps=BN_EPSILON, momentum=0.1)
        nn.init.normal_(layer.weight, 1.0, 0.02)
        return layer

    g = [nn.Linear(plan["zDim"], size * size * projected, bias=False), nn.Unflatten(1, (projected, size, size)), norm(projected), nn.ReLU()]
    channels = projected
    for index, (filters, stride, bias) in enumerate(convs):
        p, op = torch_same_padding(k, stride)
        g.append(nn.ConvTranspose2d(channels, filters, k, stride, padding=p, output_padding=op, bias=bias))
        g += [nn.Tanh()] if index == len(convs) - 1 else [norm(filters), nn.ReLU()]
        channels = filters
    d, channels = [], plan["channels"]
    for index, stage in enumerate(reversed(plan["stages"])):
        d.append(nn.Conv2d(channels, stage["channels"], k, 2, padding=torch_same_padding(k, 2)[0], bias=index == 0))
        d += ([] if index == 0 else [norm(stage["channels"])]) + [nn.LeakyReLU(LEAKY_SLOPE)]
        channels = stage["channels"]
    top = plan["stages"][0]
    d += [nn.Flatten(), nn.Linear(top["size"] * top["size"] * top["channels"], 1)]
    g, d = nn.Sequential(*g), nn.Sequential(*d)
    for layer in [*g, *d]:
        if isinstance(layer, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(layer.weight, 0.0, 0.02)
            if layer.bias is not None:
                nn.init.zeros_(layer.bias)
    return g, d


def torch_dcgan_trainer(plan):
    """A PyTorch eager step on fresh networks: step(real NCHW, z) -> (L_D, L_G) as floats."""
    import torch
    from torch.nn.functional import binary_cross_entropy_with_logits as loss

    g, d = torch_dcgan_models(plan)
    g_params, d_params = list(g.parameters()), list(d.parameters())
    adam = {"lr": ADAM["learning_rate"], "betas": (ADAM["beta_1"], ADAM["beta_2"]), "eps": ADAM["epsilon"]}
    g_opt, d_opt = torch.optim.Adam(g_params, **adam), torch.optim.Adam(d_params, **adam)

    def step(real, z):
        with torch.enable_grad():
            fake = g(z)
            on_real = d(real)
            on_fake = d(fake)
            d_loss = loss(on_real, torch.ones_like(on_real)) + loss(on_fake, torch.zeros_like(on_fake))
            g_loss = loss(on_fake, torch.ones_like(on_fake))
            g_opt.zero_grad(set_to_none=True)
            d_opt.zero_grad(set_to_none=True)
            d_loss.backward(inputs=d_params, retain_graph=True)
            g_loss.backward(inputs=g_params)
            d_opt.step()
            g_opt.step()
        return d_loss.item(), g_loss.item()

    return step


def torch_dcgan_step(case):
    import torch

    plan, n = case["plan"], case["batch"]
    step = torch_dcgan_trainer(plan)
    real = torch.rand(n, plan["channels"], plan["imageSize"], plan["imageSize"]) * 2 - 1
    z = torch.randn(n, plan["zDim"])
    return lambda: step(real, z)


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
