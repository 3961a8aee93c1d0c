"""Shared fixtures for the deconvlab kernel's protocol tests (pytest + jupyter_client).

Every test module gets one running `deconvlab` kernel; the kernelspec is the one `npm run setup`
installs into .venv (`node kernel/dist/install.js --prefix .venv`).
"""

from __future__ import annotations

import os
import time
from queue import Empty
from typing import Any

import pytest
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import KernelManager, start_new_kernel

KERNEL_NAME = "deconvlab"
TIMEOUT = 30

# TensorFlow's start-up lines on the kernel's stderr go to the log, not to cells; keep test logs quiet.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(scope="module")
def kernel() -> Any:
    """A started kernel and its blocking client, shut down after the module."""
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=False)


@pytest.fixture()
def kc(kernel: Any) -> BlockingKernelClient:
    """The module's client, with both channels flushed."""
    client = kernel[1]
    flush(client)
    return client


def flush(kc: BlockingKernelClient) -> None:
    """Drops whatever is still queued on shell and IOPub."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.05)
            except Empty:
                break


def collect(kc: BlockingKernelClient, msg_id: str, timeout: float = TIMEOUT) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The reply to `msg_id` and the IOPub messages it caused between busy and idle (status excluded)."""
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    outputs = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                return reply, outputs
            continue
        outputs.append(msg)


def execute(kc: BlockingKernelClient, code: str, timeout: float = TIMEOUT, **options: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Runs one cell; returns its execute_reply and its IOPub outputs (execute_input included)."""
    return collect(kc, kc.execute(code, **options), timeout)


def value(kc: BlockingKernelClient, code: str) -> str:
    """The text/plain execute_result of a cell that must succeed."""
    reply, outputs = execute(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    results = [m for m in outputs if m["msg_type"] == "execute_result"]
    assert len(results) == 1, outputs
    return results[0]["content"]["data"]["text/plain"]


def new_manager() -> KernelManager:
    """A manager for a kernel a test starts and stops itself."""
    return KernelManager(kernel_name=KERNEL_NAME)


def start_kernel_with(**options: Any) -> tuple[KernelManager, BlockingKernelClient]:
    """Starts a kernel of its own (`argv`: extra kernelspec arguments; the rest goes to start_kernel) and a ready client."""
    km = new_manager()
    if "argv" in options:
        km.kernel_spec.argv.extend(options.pop("argv"))
    km.start_kernel(**options)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc
