#!/usr/bin/env python3
"""How far can daily forecasts of ICEWS18 dyad series get below the baselines?

Reads a ladder store (e.g. `ladder import icews18 --db /tmp/icews.db valid.txt
test.txt`), takes the same series as `ladder escalation evaluate --top-dyads
10` (the 10 busiest directed dyads between different countries x 4 quad
classes, asserted events, days from the store's first to its last event) and
scores 7-day forecasts from the same rolling origins by CRPS (events per
series-day), as forecast_eval.cc does:

  baseline        training mean, negative binomial by moments (ladder's best
                  baseline; this script must give the figure evaluate prints)
  clairvoyant     each series' mean over the 7 forecast days, Poisson: it
                  knows the future level of every series (no model can)
  level-only      the baseline scaled by the true ratio of the next week's
                  total to the training mean (knows the common level)
  best-in-hindsight
                  at each origin, the best of 126 level models (EWMA of the
                  series, of its dyad or of its dyad pair with 7 half-lives,
                  NB size 0.5-5 or Poisson) chosen on the scored days
                  themselves: an upper bound on what choosing such settings
                  well could give

Usage: /usr/bin/python3 bench/forecast_bounds.py /tmp/icews.db [FROM_DAY TO_DAY]
(origin day indexes; default 35 56 = 2018-10-03..2018-10-24). Standard
library only.
"""
import math
import sqlite3
import sys
from collections import Counter


def load(db, top=10):
    con = sqlite3.connect(db)
    rows = con.execute(
        "select day, source_country, target_country, quad_class from events "
        "where modality = 'asserted' and source_country != '' and "
        "target_country != '' and quad_class between 1 and 4 order by day").fetchall()
    count = Counter(f"{s}-{t}" for _, s, t, _ in rows)
    ranked = sorted((-n, k) for k, n in count.items() if k.split("-")[0] != k.split("-")[1])
    dyads = [k for _, k in ranked[:top]]
    first, last = rows[0][0], rows[-1][0]
    names, index = [], {}
    for k in dyads:
        for q in range(1, 5):
            index[(k, q)] = len(names)
            names.append(f"{k}:{q}")
    y = [[0.0] * (last - first + 1) for _ in names]
    for d, s, t, q in rows:
        i = index.get((f"{s}-{t}", q))
        if i is not None:
            y[i][d - first] += 1
    return y, names


def nb_pmf(mean, size, tail=1e-10):
    if mean <= 0:
        return [1.0]
    out, cum, k = [], 0.0, 0
    poisson = size <= 0 or size > 1e6
    if poisson:
        lp, limit = -mean, mean + 20 * math.sqrt(mean) + 20
    else:
        lp = size * math.log(size / (size + mean))
        lr = math.log(mean / (size + mean))
        limit = mean + 20 * math.sqrt(mean + mean * mean / size) + 20
    while True:
        p = math.exp(lp)
        out.append(p)
        cum += p
        if (cum >= 1 - tail and k >= mean) or k > limit:
            break
        lp += math.log(mean / (k + 1)) if poisson else math.log((k + size) / (k + 1)) + lr
        k += 1
    total = sum(out)
    return [p / total for p in out]


def crps(pmf, y):
    s, cdf = 0.0, 0.0
    for k in range(max(len(pmf), int(y) + 1)):
        if k < len(pmf):
            cdf += pmf[k]
        d = min(cdf, 1.0) - (1.0 if k >= y else 0.0)
        s += d * d
    return s


def moments(xs):
    n = len(xs)
    m = sum(xs) / n
    v = sum((x - m) ** 2 for x in xs) / (n - 1) if n > 1 else 0.0
    return m, (m * m / (v - m) if v > m and m > 0 else 0.0)


def score(y, origins, forecast, horizon=7):
    per = []
    for o in origins:
        f = forecast(o)
        s = sum(crps(f[i][h], y[i][o + 1 + h]) for i in range(len(y)) for h in range(horizon))
        per.append(s / (len(y) * horizon))
    return per


def main():
    db = sys.argv[1]
    lo, hi = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (35, 56)
    y, names = load(db)
    origins = list(range(lo, hi + 1))
    n = len(y)

    def baseline(o):
        return [[nb_pmf(*moments(r[:o + 1]))] * 7 for r in y]

    def clairvoyant(o):
        return [[nb_pmf(sum(r[o + 1:o + 8]) / 7, 0)] * 7 for r in y]

    def level_only(o):
        ratio = (sum(sum(r[o + 1:o + 8]) for r in y) / 7) / (sum(sum(r[:o + 1]) for r in y) / (o + 1))
        out = []
        for r in y:
            m, s = moments(r[:o + 1])
            out.append([nb_pmf(m * ratio, s)] * 7)
        return out

    dyad = [x.split(":")[0] for x in names]
    pair = ["-".join(sorted(d.split("-"))) for d in dyad]

    def ewma(row, o, hl):
        w = [0.5 ** ((o - t) / hl) if hl > 0 else 1.0 for t in range(o + 1)]
        return sum(a * b for a, b in zip(w, row[:o + 1])) / sum(w)

    def grouped(group, hl, size):
        def f(o):
            out = []
            for i, r in enumerate(y):
                members = [j for j in range(n) if group[j] == group[i]]
                total = [sum(y[j][t] for j in members) for t in range(o + 1)]
                share = ewma(r, o, 0) / max(ewma(total, o, 0), 1e-9)
                out.append([nb_pmf(share * ewma(total, o, hl), size)] * 7)
            return out
        return f

    base = score(y, origins, baseline)
    b = sum(base) / len(base)
    print(f"{len(y)} series, {int(sum(map(sum, y)))} events, {len(y[0])} days; "
          f"origins {lo}..{hi} (day indexes), 7-day horizon")
    print(f"baseline (training mean, NB)  CRPS {b:.4f}")
    for label, f in [("clairvoyant weekly mean", clairvoyant), ("level-only oracle", level_only)]:
        s = sum(score(y, origins, f)) / len(origins)
        print(f"{label:<29} CRPS {s:.4f} ({100 * (s / b - 1):+.1f} %)")
    best = [math.inf] * len(origins)
    for group in (list(range(n)), dyad, pair):
        for hl in (3, 5, 7, 10, 14, 28, 0):
            for size in (0.5, 1, 2, 3, 5, 0):
                best = [min(a, c) for a, c in zip(best, score(y, origins, grouped(group, hl, size)))]
    s = sum(best) / len(best)
    print(f"{'best-in-hindsight level model':<29} CRPS {s:.4f} ({100 * (s / b - 1):+.1f} %)")


if __name__ == "__main__":
    main()
