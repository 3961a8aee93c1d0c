"""The one-command setup: what it leaves behind, that a second run does nothing, and how it fails."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
NODE_ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
NODE = shutil.which("node")


def node(script: str, env=None, input_type="commonjs") -> subprocess.CompletedProcess:
    args = [NODE, f"--input-type={input_type}", "-e", script]
    return subprocess.run(args, cwd=ROOT, env=env or NODE_ENV, capture_output=True, text=True, timeout=120)


def test_tfjs_node_loads_from_the_root_on_tensorflow_2_21():
    out = node(
        "const tf = require('@tensorflow/tfjs-node');"
        "console.log(JSON.stringify({node: tf.version['tfjs-node'], backend: tf.getBackend(),"
        " tf: tf.backend().binding.TF_Version}))"
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"node": "4.22.0", "backend": "tensorflow", "tf": "2.21.0"}


def test_deconvlab_resolves_from_the_root_to_the_built_module():
    out = node("console.log(require.resolve('deconvlab'))")
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()) == ROOT / "src" / "dist" / "index.js"


def test_kernelspec_is_installed_into_the_venv():
    out = subprocess.run([VENV_BIN / "jupyter", "kernelspec", "list", "--json"], capture_output=True, text=True, check=True)
    specs = json.loads(out.stdout)["kernelspecs"]
    assert "deconvlab" in specs, sorted(specs)
    spec = specs["deconvlab"]["spec"]
    assert spec["display_name"] == "TypeScript (deconvlab)"
    assert spec["language"] == "typescript"
    assert Path(specs["deconvlab"]["resource_dir"]).is_relative_to(ROOT / ".venv")


def test_extension_is_installed_prebuilt_and_enabled():
    out = subprocess.run([VENV_BIN / "jupyter", "labextension", "list"], capture_output=True, text=True, check=True)
    listing = out.stdout + out.stderr
    line = next((l for l in listing.splitlines() if "deconvlab-extension" in l), "")
    assert "enabled" in line and "OK" in line, listing


def test_both_datasets_are_installed_and_load():
    out = node(
        "const d = require('deconvlab').data;"
        "const sets = [d.mnist({ split: 'test', count: 5 }), d.fashionMnist({ split: 'test', count: 5 })];"
        "console.log(JSON.stringify(sets.map((s) => s.images.shape)))"
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [[5, 28, 28, 1], [5, 28, 28, 1]]


def test_apt_step_without_root_prints_one_line_saying_what_to_install():
    out = node(
        "process.getuid = () => 1000;"
        "const { aptInstall } = await import('./setup/apt_install.mjs');"
        "aptInstall('dataset-fashion-mnist', 'Fashion-MNIST', 'Fashion-MNIST not found: install it with `sudo apt-get install dataset-fashion-mnist`');",
        input_type="module",
    )
    assert out.returncode == 0, out.stderr
    lines = [l for l in out.stdout.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].endswith("install it with `sudo apt-get install dataset-fashion-mnist`"), out.stdout


def test_widget_front_ends_are_installed_and_enabled():
    """JupyterLab's widget manager (jupyterlab_widgets) and anywidget's front end, which draw deconv.widgets."""
    out = subprocess.run([VENV_BIN / "jupyter", "labextension", "list"], capture_output=True, text=True, check=True)
    listing = out.stdout + out.stderr
    for name in ("@jupyter-widgets/jupyterlab-manager", "anywidget"):
        line = next((l for l in listing.splitlines() if l.strip().startswith(name + " ")), "")
        assert "enabled" in line and "OK" in line, listing


def test_second_setup_skips_downloads_and_builds():
    out = subprocess.run(["node", "setup/main.mjs"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    for busy in (
        "downloading",
        "extracting",
        "building the tfjs-node binding",
        "npm ci",
        "installing JupyterLab",
        "building the JupyterLab",
    ):
        assert busy not in out.stdout, out.stdout
    assert "ready in" in out.stdout


def test_checksum_mismatch_stops_with_one_clear_line_and_deletes_the_file(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    bogus = wheels / "tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl"
    bogus.write_bytes(b"not a wheel")
    script = (
        "import { setupTfjsNode } from './setup/tfjs_node.mjs';"
        "try { await setupTfjsNode({ python: 'python3' }); console.log('no error'); }"
        "catch (e) { console.log(e.name + ': ' + e.message); }"
    )
    out = node(script, env={**NODE_ENV, "DECONVLAB_CACHE": str(tmp_path)}, input_type="module")
    assert "SetupError: checksum mismatch" in out.stdout, out.stdout + out.stderr
    assert "rerun `npm run setup`" in out.stdout
    assert not bogus.exists()


def test_missing_python_is_reported_with_how_to_fix():
    script = (
        "import { findPython } from './setup/python_venv.mjs';"
        "try { findPython(); console.log('found'); } catch (e) { console.log(e.message); }"
    )
    env = {**NODE_ENV, "PATH": "/nonexistent", "PYTHON": "/nonexistent/python3"}
    out = subprocess.run([NODE, "--input-type=module", "-e", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert "python3 (3.10 or newer) not found" in out.stdout, out.stdout + out.stderr
    assert "apt-get install python3" in out.stdout


@pytest.mark.parametrize("stamp", ["npm", "tfjs-node", "python-venv", "lab-settings"])
def test_stamps_are_complete_files(stamp):
    path = ROOT / ".setup" / f"{stamp}.stamp"
    assert path.exists() and len(path.read_text()) == 64
    assert not (ROOT / ".setup" / f"{stamp}.stamp.tmp").exists()


def test_npm_start_serves_jupyterlab_with_the_kernel_on_the_tutorials(tmp_path):
    """`npm start -- --no-browser --port N` (what the README promises): JupyterLab from .venv, its API lists the deconvlab kernel and the notebooks."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "deconvlab-start-test"
    workspace = tmp_path / "workspace"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "DECONVLAB_WORKSPACE": str(workspace)}
    lab = subprocess.Popen(
        [NODE, "setup/start.mjs", "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:

        def get(path):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=5) as response:
                return json.loads(response.read())

        deadline = time.monotonic() + 60
        while True:
            try:
                specs = get("/api/kernelspecs")
                break
            except OSError:
                assert lab.poll() is None and time.monotonic() < deadline, lab.stdout.read() if lab.poll() is not None else "timeout"
                time.sleep(0.5)
        assert "deconvlab" in specs["kernelspecs"]
        assert specs["kernelspecs"]["deconvlab"]["spec"]["display_name"] == "TypeScript (deconvlab)"
        names = {item["name"] for item in get("/api/contents/")["content"]}
        assert "01-transposed-convolution.ipynb" in names
        # The tutorials open from working copies, so autosave never touches the committed notebooks.
        assert (workspace / "01-transposed-convolution.ipynb").read_bytes() == (
            ROOT / "notebooks" / "01-transposed-convolution.ipynb"
        ).read_bytes()
        assert (workspace / "weights").resolve() == (ROOT / "notebooks" / "weights").resolve()
        # No news prompt: the venv's overrides.json makes "don't fetch news" the default JupyterLab serves.
        notification = get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
        assert notification["schema"]["properties"]["fetchNews"]["default"] == "false", notification["schema"]["properties"]["fetchNews"]
        assert notification["schema"]["properties"]["checkForUpdates"]["default"] is False
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(timeout=30)


def test_working_copies_are_made_once_and_never_overwritten(tmp_path):
    """`npm start` copies missing tutorials into the workspace; a copy you edited stays as it is."""
    workspace = tmp_path / "ws"
    script = "import { prepareWorkingCopies } from './setup/working_copy.mjs'; console.log(JSON.stringify(prepareWorkingCopies()));"
    env = {**NODE_ENV, "DECONVLAB_WORKSPACE": str(workspace)}
    first = node(script, env=env, input_type="module")
    assert first.returncode == 0, first.stderr
    tutorials = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
    assert json.loads(first.stdout) == tutorials
    edited = workspace / tutorials[0]
    edited.write_text("{}")
    (workspace / tutorials[1]).unlink()
    second = node(script, env=env, input_type="module")
    assert json.loads(second.stdout) == [tutorials[1]]
    assert edited.read_text() == "{}"


def test_lab_overrides_in_the_venv_turn_off_the_news_prompt():
    overrides = json.loads((ROOT / ".venv" / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
