"""Golden values for test/unit/dcgan/experiments/quality_metrics.test.ts: Fréchet distance, KID and k-NN precision/recall.

Run: .venv-bench/bin/python test/golden/make_quality_golden.py  (writes quality_metrics.json here; needs numpy and scipy
from bench/requirements.txt). FID uses scipy.linalg.sqrtm on the covariance product (as pytorch-fid does); KID and
precision/recall are direct transcriptions of Bińkowski et al. 2018 (unbiased MMD², cubic kernel) and Kynkäänniemi et
al. 2019 (k-th nearest neighbour balls). The feature matrices are stored with the results, rounded to 6 decimals.
"""

import json
import os

import numpy as np
from scipy import linalg


def features(rng, n, mixing, shift, scale):
    """n correlated features: Gaussian noise through the mixing matrix, shifted and scaled."""
    return np.round(rng.normal(size=(n, len(mixing))) @ mixing * scale + shift, 6)


def fid(x, y):
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    covmean = linalg.sqrtm(s1 @ s2).real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def kid(x, y):
    d = x.shape[1]
    k = lambda a, b: (a @ b.T / d + 1) ** 3
    m, n = len(x), len(y)
    kxx, kyy, kxy = k(x, x), k(y, y), k(x, y)
    return float((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1)) - 2 * kxy.mean())


def radii(a, k):
    dist = np.sqrt(((a[:, None, :] - a[None, :, :]) ** 2).sum(-1))
    return np.sort(dist, axis=1)[:, k]  # column 0 is the point itself


def coverage(queries, centres, r):
    dist = np.sqrt(((queries[:, None, :] - centres[None, :, :]) ** 2).sum(-1))
    return float((dist <= r[None, :]).any(axis=1).mean())


def precision_recall(real, fake, k):
    return coverage(fake, real, radii(real, k)), coverage(real, fake, radii(fake, k))


rng = np.random.default_rng(2018)
cases = []
for name, (n_real, n_fake, d, shift, scale) in {
    "near: 80 vs 60 rows, d=6, shift 0.2": (80, 60, 6, 0.2, 1.1),
    "far: 50 vs 70 rows, d=10, shift 0.8, scale 0.5": (50, 70, 10, 0.8, 0.5),
    "same law: 90 vs 90 rows, d=4": (90, 90, 4, 0.0, 1.0),
}.items():
    mixing = rng.normal(size=(d, d)) / np.sqrt(d)
    real = features(rng, n_real, mixing, 0.0, 1.0)
    fake = features(rng, n_fake, mixing, shift, scale)
    precision, recall = precision_recall(real, fake, 3)
    cases.append(
        {
            "name": name,
            "real": real.tolist(),
            "fake": fake.tolist(),
            "fid": fid(real, fake),
            "kid": kid(fake, real),
            "precision": precision,
            "recall": recall,
        }
    )

with open(os.path.join(os.path.dirname(__file__), "quality_metrics.json"), "w") as f:
    json.dump({"generator": "test/golden/make_quality_golden.py", "k": 3, "cases": cases}, f, indent=1)
