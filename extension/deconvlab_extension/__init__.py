"""The deconvlab JupyterLab extension: renderers for deconvlab's application/vnd.deconvlab.*+json outputs."""

try:
    from ._version import __version__
except ImportError:  # not built: the version file is written by the build hook
    __version__ = "dev"


def _jupyter_labextension_paths():
    """Where JupyterLab finds the prebuilt extension."""
    return [{"src": "labextension", "dest": "deconvlab-extension"}]
