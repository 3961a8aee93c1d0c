"""One epoch of DCGAN training in PyTorch eager for bench/memory.bench.ts, in a fresh .venv-bench process.

argv[1]: the TrainRunConfig JSON (bench/memory/train_run.ts): the digits as raw float32 NHWC in [-1, 1], the layer
plan of deconv.dcgan.architecture, batch size. The networks and the step are bench/reference/worker.py's (the same
as the step benchmark's); each step draws a batch in a shuffled order and z ~ N(0, 1) and reads both losses, as
deconv.dcgan.train does. Prints {"peak_mb", "train_s", "steps"} (peak = VmHWM of the whole process).
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from worker import torch_dcgan_trainer  # noqa: E402


def peak_rss_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def main():
    config = json.loads(sys.argv[1])
    plan, count, batch = config["plan"], config["count"], config["batch"]
    size, channels = plan["imageSize"], plan["channels"]
    pixels = np.fromfile(config["file"], dtype=np.float32).reshape(count, size, size, channels)
    images = torch.from_numpy(pixels).permute(0, 3, 1, 2).contiguous()
    del pixels
    torch.manual_seed(0)
    step = torch_dcgan_trainer(plan)
    started = time.perf_counter()
    order = torch.randperm(count)
    steps = count // batch
    for i in range(steps):
        step(images[order[i * batch : (i + 1) * batch]], torch.randn(batch, plan["zDim"]))
    print(json.dumps({"peak_mb": peak_rss_mb(), "train_s": time.perf_counter() - started, "steps": steps}))


if __name__ == "__main__":
    main()
