"""Golden values for test/unit/dcgan/experiments/nearest_neighbour_error.test.ts: scikit-learn's 1-nearest-neighbour
classifier (`KNeighborsClassifier(n_neighbors=1)`, Euclidean distance, brute force).

Run: /tmp/skl/bin/python test/golden/make_nearest_neighbour_golden.py  (writes nearest_neighbour_sklearn.json here;
needs numpy and scikit-learn, e.g. `python3 -m venv /tmp/skl && /tmp/skl/bin/pip install numpy scikit-learn==1.9.1`).
Images are small grey [N, h, w, 1] arrays in [-1, 1] drawn around class prototypes, overlapping so that 1-NN makes
mistakes; each case records the gap between the nearest and the second-nearest squared distance so the test can see
that no test image sits on a tie that float32 rounding could flip.
"""

import json
import os

import numpy as np
from sklearn.neighbors import KNeighborsClassifier

rng = np.random.default_rng(1511)
cases = []
for name, (train_n, test_n, side, classes, noise) in {
    "train=60, test=25, 4x4, 3 classes, overlapping": (60, 25, 4, 3, 0.6),
    "train=120, test=50, 5x5, 10 classes": (120, 50, 5, 10, 0.5),
    "train=7, test=31, 3x3, 2 classes, more test than train": (7, 31, 3, 2, 0.9),
}.items():
    d = side * side
    prototypes = rng.uniform(-0.6, 0.6, size=(classes, d))
    train_y = rng.integers(0, classes, size=train_n)
    test_y = rng.integers(0, classes, size=test_n)
    train_x = np.round(np.clip(prototypes[train_y] + noise * rng.normal(size=(train_n, d)), -1, 1), 6)
    test_x = np.round(np.clip(prototypes[test_y] + noise * rng.normal(size=(test_n, d)), -1, 1), 6)
    knn = KNeighborsClassifier(n_neighbors=1, algorithm="brute").fit(train_x, train_y)
    predictions = knn.predict(test_x)
    distances, _ = KNeighborsClassifier(n_neighbors=2, algorithm="brute").fit(train_x, train_y).kneighbors(test_x)
    cases.append(
        {
            "name": name,
            "side": side,
            "train_x": train_x.tolist(),
            "train_y": train_y.tolist(),
            "test_x": test_x.tolist(),
            "test_y": test_y.tolist(),
            "predictions": predictions.tolist(),
            "error": float((predictions != test_y).mean()),
            "min_gap": float(np.min(distances[:, 1] ** 2 - distances[:, 0] ** 2)),
        }
    )

with open(os.path.join(os.path.dirname(__file__), "nearest_neighbour_sklearn.json"), "w") as f:
    json.dump({"generator": "test/golden/make_nearest_neighbour_golden.py", "cases": cases}, f, indent=1)
