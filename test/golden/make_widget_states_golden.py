"""Widget model states as ipywidgets 8.1.8 and anywidget 0.9.21 (the reference implementations) make them.

Writes test/golden/widget_states.json, read by test/unit/widgets/models.test.ts. Each case gives the
`get_state()` of a widget, of its layout and of its style; references to the layout and style models are
written as "<layout>" / "<style>" since model ids differ between runs. `_view_count` (an experimental
ipywidgets trait absent from the model specification jupyterwidgetmodels.latest.md) is left out.

Run from the repository root: .venv/bin/python test/golden/make_widget_states_golden.py
"""

import json
import pathlib

import anywidget
import ipywidgets as w
import traitlets


class Counter(anywidget.AnyWidget):
    _esm = "export default { render({ model, el }) { el.textContent = model.get('count'); } }"
    _css = ".counter { color: teal; }"
    count = traitlets.Int(3).tag(sync=True)
    label = traitlets.Unicode("clicks").tag(sync=True)


def state_of(widget):
    state = widget.get_state()
    state.pop("_view_count", None)
    case = {}
    for key in ("layout", "style"):
        if key in state:
            case[key] = state_of(getattr(widget, key))["state"]
            state[key] = f"<{key}>"
    return {"state": state, **case}


CASES = {
    "IntSlider()": w.IntSlider(),
    "IntSlider(value=3, min=1, max=7, step=2, description='stride')": w.IntSlider(value=3, min=1, max=7, step=2, description="stride"),
    "FloatSlider()": w.FloatSlider(),
    "FloatSlider(value=-0.5, min=-3, max=3, step=0.25, readout_format='.1f')": w.FloatSlider(
        value=-0.5, min=-3, max=3, step=0.25, readout_format=".1f"
    ),
    "Dropdown(options=['SAME', 'VALID'])": w.Dropdown(options=["SAME", "VALID"]),
    "Dropdown(options=[1, 2, 3], value=2, description='k')": w.Dropdown(options=[1, 2, 3], value=2, description="k"),
    "Checkbox()": w.Checkbox(),
    "Checkbox(value=True, description='scatter', indent=False)": w.Checkbox(value=True, description="scatter", indent=False),
    "Button()": w.Button(),
    "Button(description='Stop', icon='stop', button_style='danger')": w.Button(description="Stop", icon="stop", button_style="danger"),
    "Text()": w.Text(),
    "Text(value='digit', placeholder='title')": w.Text(value="digit", placeholder="title"),
    "Play()": w.Play(),
    "Play(max=15, interval=200)": w.Play(max=15, interval=200),
    "Output()": w.Output(),
    "HBox()": w.HBox(),
    "VBox()": w.VBox(),
    "IntSlider(layout={'width': '300px'}, style={'description_width': 'initial'})": w.IntSlider(
        layout={"width": "300px"}, style={"description_width": "initial"}
    ),
    "AnyWidget(count=3, label='clicks')": Counter(),
}

if __name__ == "__main__":
    golden = {
        "recipe": "test/golden/make_widget_states_golden.py",
        "ipywidgets": w.__version__,
        "anywidget": anywidget.__version__,
        "cases": {name: state_of(widget) for name, widget in CASES.items()},
    }
    out = pathlib.Path(__file__).with_name("widget_states.json")
    out.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n")
    print(f"wrote {out} ({len(CASES)} cases)")
