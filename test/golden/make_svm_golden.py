"""Golden values for test/unit/dcgan/experiments/linear_svm.test.ts: scikit-learn's LinearSVC (liblinear).

Run: .venv-bench/bin/python test/golden/make_svm_golden.py  (writes linear_svm_sklearn.json here; needs numpy and
scikit-learn from bench/requirements.txt; a venv with just those two works too). Squared hinge, L2 penalty, one-vs-rest, dual coordinate descent, bias as a
constant feature (intercept_scaling 1), tolerance 1e-8 so the solution is the unique optimum. Features and labels are
stored with the results.
"""

import json
import os

import numpy as np
from sklearn.svm import LinearSVC

rng = np.random.default_rng(2008)
cases = []
for name, (n, d, classes, spread, C) in {
    "classes=3, d=5, n=60, overlapping, C=0.1": (60, 5, 3, 1.0, 0.1),
    "classes=4, d=12, n=80, C=0.01": (80, 12, 4, 1.5, 0.01),
    "classes=2, d=3, n=40, C=1": (40, 3, 2, 0.8, 1.0),
    # Fewer examples than features: the solver takes its inner-product (Gram) path.
    "classes=3, d=50, n=24, separable, C=1": (24, 50, 3, 0.5, 1.0),
}.items():
    centres = rng.normal(size=(classes, d)) * spread
    train_y = np.arange(n) % classes
    test_y = np.arange(n // 2) % classes
    train_x = np.round(centres[train_y] + rng.normal(size=(n, d)), 6)
    test_x = np.round(centres[test_y] + rng.normal(size=(n // 2, d)), 6)
    svm = LinearSVC(C=C, loss="squared_hinge", dual=True, tol=1e-8, max_iter=1_000_000).fit(train_x, train_y)
    decision = svm.decision_function(test_x)
    if classes == 2:  # sklearn keeps one binary classifier; one-vs-rest's two are its negation and itself
        coef = np.vstack([-svm.coef_, svm.coef_])
        intercept = np.concatenate([-svm.intercept_, svm.intercept_])
    else:
        coef, intercept = svm.coef_, svm.intercept_
    cases.append(
        {
            "name": name,
            "C": C,
            "classes": classes,
            "train_x": train_x.tolist(),
            "train_y": train_y.tolist(),
            "test_x": test_x.tolist(),
            "test_y": test_y.tolist(),
            "coef": coef.tolist(),
            "intercept": intercept.tolist(),
            "predictions": svm.predict(test_x).tolist(),
            "accuracy": float((svm.predict(test_x) == test_y).mean()),
            "min_margin": float(np.min(np.abs(decision))),
        }
    )

with open(os.path.join(os.path.dirname(__file__), "linear_svm_sklearn.json"), "w") as f:
    json.dump({"generator": "test/golden/make_svm_golden.py", "cases": cases}, f, indent=1)
