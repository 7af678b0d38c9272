"""Independent numpy check of the linear maps behind `fxd train --explicit-input` (docs/evaluation.md).

Lookback 96, the standard splits, z-scores with training statistics, every window with 720 steps ahead (every 8th
test start row), ridge 1e-6 relative to each diagonal entry, as LinearMap.solve. Prints MSE ratios to closed-form
DLinear (shared weights) at 96 / 192 / 336 / 720 steps for the values' map (DLinear itself), the returns' map (the
change from the last value), their average, the same three fitted per channel, and repeat-last.

    python3 docs/checks/ett_linear_maps.py ../shared/data/ett/ETTh1.csv
"""
import sys

import numpy as np

L, H, HORIZONS = 96, 720, (96, 192, 336, 720)


def splits(name, n):
    if "ETTh" in name:
        return 12 * 30 * 24, 16 * 30 * 24, 20 * 30 * 24
    if "ETTm" in name:
        return 12 * 30 * 96, 16 * 30 * 96, 20 * 30 * 96
    train, test = int(n * 0.7), int(n * 0.2)
    return train, n - test, n


def windows(v, lo, hi, stride):
    xs, ys, ch = [], [], []
    for c in range(v.shape[1]):
        for s in range(lo, hi - L - H + 1, stride):
            xs.append(v[s:s + L, c]); ys.append(v[s + L:s + L + H, c]); ch.append(c)
    return np.array(xs), np.array(ys), np.array(ch)


def fit(f, t):
    f = np.hstack([f, np.ones((len(f), 1))])
    a = f.T @ f
    a += 1e-6 * np.diag(np.maximum(1, np.diag(a)))
    return np.linalg.solve(a, f.T @ t)


def predict(w, f):
    return np.hstack([f, np.ones((len(f), 1))]) @ w


def maps(xtr, ytr, xte):
    values = predict(fit(xtr, ytr), xte)
    returns = predict(fit(np.diff(xtr, axis=1), ytr - xtr[:, -1:]), np.diff(xte, axis=1)) + xte[:, -1:]
    return values, returns


def main(path):
    raw = np.genfromtxt(path, delimiter=",", skip_header=1)[:, 1:]
    b1, b2, b3 = splits(path, len(raw))
    v = (raw - raw[:b1].mean(0)) / raw[:b1].std(0)
    xtr, ytr, ctr = windows(v, 0, b1, 1)
    xte, yte, cte = windows(v, b2 - L, b3, 8)
    values, returns = maps(xtr, ytr, xte)
    cv, cr = np.zeros_like(yte), np.zeros_like(yte)
    for c in range(v.shape[1]):
        cv[cte == c], cr[cte == c] = maps(xtr[ctr == c], ytr[ctr == c], xte[cte == c])

    def ratio(p):
        return " / ".join("%.4f" % (((p[:, :h] - yte[:, :h]) ** 2).mean() / ((values[:, :h] - yte[:, :h]) ** 2).mean())
                          for h in HORIZONS)

    rows = [("values (DLinear)", values), ("returns", returns), ("average", (values + returns) / 2),
            ("per channel: values", cv), ("per channel: returns", cr), ("per channel: average", (cv + cr) / 2),
            ("repeat-last", np.repeat(xte[:, -1:], H, 1))]
    for name, p in rows:
        print("%-22s %s" % (name, ratio(p)))


if __name__ == "__main__":
    main(sys.argv[1])
