#!/usr/bin/python3
"""Independent expected values for the drift statistics of DESIGN section 5.

Computes, with numpy and scipy only (no code shared with the Java library), the reference bin
edges, bin counts, PSI, Jensen-Shannon distance, KS statistic and asymptotic p-value,
Wasserstein-1 (plain and normed), chi-square and the default drift decision for:

  * the shared real datasets (bike sharing hour.csv, NOAA weather.csv), described by file and
    0-based data-row ranges [start, end) so the Java tests read the very same rows;
  * synthetic edge cases, whose input values are written into the output.

Run from the repository root with Debian's interpreter (it sees python3-numpy/python3-scipy):

    /usr/bin/python3 streams/src/test/python/generate_expected.py [DATA_DIR]

DATA_DIR defaults to ../shared/data (relative to the repository root) or, when absent, the copies
in streams/src/test/resources/data. Output: streams/src/test/resources/stats/expected-*.json.
"""

import csv
import hashlib
import json
import math
import pathlib
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

REPO = pathlib.Path(__file__).resolve().parents[4]
OUT = REPO / "streams" / "src" / "test" / "resources" / "stats"

DECILES = [i / 10 for i in range(1, 10)]
PSI_FLOOR = 1e-4
EXACT_LIMIT = 1000  # reference sizes up to this decide by KS / chi-square, above by W / JS
THRESHOLDS = {"ks": 0.05, "wasserstein_normed": 0.1, "chi_square": 0.05, "jensen_shannon": 0.1}
UNSEEN = None  # the extra categorical bin, written as null in "bins"


# ---------------------------------------------------------------------------------------------
# Definitions (DESIGN section 5)

def numeric_edges(reference):
    """0.1..0.9 quantiles, numpy's default linear interpolation, duplicates removed."""
    return np.unique(np.quantile(np.asarray(reference, dtype=float), DECILES))


def numeric_bin_counts(edges, values):
    """Bins (-inf, e1], (e1, e2], ..., (ek, +inf): a value's bin is the number of edges below it."""
    idx = np.searchsorted(edges, np.asarray(values, dtype=float), side="left")
    return np.bincount(idx, minlength=len(edges) + 1)


def psi(ref_counts, cur_counts):
    q = np.asarray(ref_counts, dtype=float) / np.sum(ref_counts)
    p = np.asarray(cur_counts, dtype=float) / np.sum(cur_counts)
    q = np.where(q < PSI_FLOOR, PSI_FLOOR, q)
    p = np.where(p < PSI_FLOOR, PSI_FLOOR, p)
    return float(np.sum((p - q) * np.log(p / q)))


def js_distance(ref_counts, cur_counts):
    return float(distance.jensenshannon(np.asarray(cur_counts, dtype=float),
                                        np.asarray(ref_counts, dtype=float), base=2))


def ks(reference, current):
    d = float(stats.ks_2samp(reference, current).statistic)
    n, m = len(reference), len(current)
    en = n * m / (n + m)
    # The asymptotic Kolmogorov distribution of DESIGN section 5 (not ks_2samp's own p-value,
    # which is exact for small samples and kstwo(round(en)) for large ones).
    p = float(stats.kstwobign.sf(d * math.sqrt(en)))
    return d, p


def wasserstein(reference, current):
    w = float(stats.wasserstein_distance(reference, current))
    std = float(np.std(reference))
    if std > 0:
        normed = w / std
    else:
        # Library policy for a constant reference: no movement is 0, any movement is +inf.
        normed = 0.0 if w == 0 else math.inf
    return w, normed


def chi_square(ref_counts, cur_counts):
    table = np.array([ref_counts, cur_counts], dtype=float)
    table = table[:, table.sum(axis=0) > 0]  # all-zero columns carry no information
    res = stats.chi2_contingency(table)  # scipy default: Yates' correction when dof == 1
    return float(res[0]), float(res[1]), int(res[2])


def decide_numeric(ref_count, ks_p, w_normed):
    if ref_count <= EXACT_LIMIT:
        t = THRESHOLDS["ks"]
        return {"method": "ks", "score": ks_p, "threshold": t, "drifted": ks_p < t}
    t = THRESHOLDS["wasserstein_normed"]
    return {"method": "wasserstein_normed", "score": w_normed, "threshold": t,
            "drifted": w_normed > t}


def decide_categorical(ref_count, chi_p, js):
    if ref_count <= EXACT_LIMIT:
        t = THRESHOLDS["chi_square"]
        return {"method": "chi_square", "score": chi_p, "threshold": t, "drifted": chi_p < t}
    t = THRESHOLDS["jensen_shannon"]
    return {"method": "jensen_shannon", "score": js, "threshold": t, "drifted": js > t}


# ---------------------------------------------------------------------------------------------
# One feature

def describe(values):
    a = np.asarray(values, dtype=float)
    return {"count": int(a.size), "distinct": int(np.unique(a).size), "mean": float(np.mean(a)),
            "std": float(np.std(a)), "min": float(np.min(a)), "max": float(np.max(a))}


def numeric_feature(name, reference, current):
    """reference/current: lists of floats or None (missing)."""
    ref = [v for v in reference if v is not None]
    cur = [v for v in current if v is not None]
    out = {"feature": name, "type": "numeric",
           "referenceMissing": len(reference) - len(ref), "currentMissing": len(current) - len(cur)}
    if not ref or not cur:
        out["computed"] = False
        return out
    edges = numeric_edges(ref)
    ref_counts = numeric_bin_counts(edges, ref)
    cur_counts = numeric_bin_counts(edges, cur)
    d, p = ks(ref, cur)
    w, w_normed = wasserstein(ref, cur)
    out.update({
        "computed": True,
        "reference": describe(ref), "current": describe(cur),
        "edges": edges.tolist(),
        "referenceBinCounts": ref_counts.tolist(), "currentBinCounts": cur_counts.tolist(),
        "psi": psi(ref_counts, cur_counts), "jsDistance": js_distance(ref_counts, cur_counts),
        "ksStatistic": d, "ksPValue": p, "wasserstein": w, "wassersteinNormed": w_normed,
        "decision": decide_numeric(len(ref), p, w_normed),
    })
    return out


def categorical_feature(name, reference, current):
    """reference/current: lists of strings or None (missing)."""
    ref = [v for v in reference if v is not None]
    cur = [v for v in current if v is not None]
    out = {"feature": name, "type": "categorical",
           "referenceMissing": len(reference) - len(ref), "currentMissing": len(current) - len(cur)}
    if not ref or not cur:
        out["computed"] = False
        return out
    categories = sorted(set(ref))
    known = set(categories)
    ref_counts = [ref.count(c) for c in categories] + [0]
    cur_counts = [cur.count(c) for c in categories] + [sum(1 for v in cur if v not in known)]
    chi2, chi_p, dof = chi_square(ref_counts, cur_counts)
    js = js_distance(ref_counts, cur_counts)
    out.update({
        "computed": True,
        "bins": categories + [UNSEEN],
        "referenceBinCounts": ref_counts, "currentBinCounts": cur_counts,
        "unseen": sorted(set(v for v in cur if v not in known)),
        "psi": psi(ref_counts, cur_counts), "jsDistance": js,
        "chiSquare": chi2, "chiSquarePValue": chi_p, "chiSquareDof": dof,
        "decision": decide_categorical(len(ref), chi_p, js),
    })
    return out


# ---------------------------------------------------------------------------------------------
# Shared data

def data_dir():
    if len(sys.argv) > 1:
        return pathlib.Path(sys.argv[1])
    shared = REPO.parent / "shared" / "data"
    if shared.is_dir():
        return shared
    return REPO / "streams" / "src" / "test" / "resources" / "data"


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def column(header, rows, name, ranges, numeric):
    j = header.index(name)
    out = []
    for start, end in ranges:
        for r in rows[start:end]:
            out.append(float(r[j]) if numeric else r[j])
    return out


def dataset_case(name, base, file, header, rows, ref_ranges, cur_ranges, numeric, categorical):
    features = []
    for f in numeric:
        features.append(numeric_feature(f, column(header, rows, f, ref_ranges, True),
                                        column(header, rows, f, cur_ranges, True)))
    for f in categorical:
        features.append(categorical_feature(f, column(header, rows, f, ref_ranges, False),
                                            column(header, rows, f, cur_ranges, False)))
    drifted = sum(1 for f in features if f["decision"]["drifted"])
    return {"name": name, "file": file,
            "sha256": hashlib.sha256((base / file).read_bytes()).hexdigest(),
            "reference": {"rows": ref_ranges}, "current": {"rows": cur_ranges},
            "features": features,
            "datasetDrift": {"featureCount": len(features), "driftedCount": drifted,
                             "share": drifted / len(features), "drifted": drifted / len(features) >= 0.5}}


def month_ranges(rows, header):
    """[start, end) row ranges of each (yr, mnth); the file is in time order."""
    yr, mnth = header.index("yr"), header.index("mnth")
    ranges, start = {}, 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or (rows[i][yr], rows[i][mnth]) != (rows[start][yr], rows[start][mnth]):
            key = (int(rows[start][yr]), int(rows[start][mnth]))
            assert key not in ranges, "months are not contiguous"
            ranges[key] = [start, i]
            start = i
    return ranges


def bike_cases(base):
    file = "bike-sharing/hour.csv"
    header, rows = read_csv(base / file)
    numeric = ["hr", "temp", "atemp", "hum", "windspeed", "casual", "registered", "cnt"]
    categorical = ["season", "mnth", "holiday", "weekday", "workingday", "weathersit"]
    months = month_ranges(rows, header)
    yr0 = [months[(0, 1)][0], months[(0, 12)][1]]
    yr1 = [months[(1, 1)][0], months[(1, 12)][1]]
    cases = [dataset_case("bike yr=0 vs yr=1", base, file, header, rows, [yr0], [yr1],
                          numeric, categorical)]
    # Whole-year reference (sketch-sized) against each month of 2012 (exact-sized windows).
    for m in range(1, 13):
        cases.append(dataset_case(f"bike yr=0 vs 2012-{m:02d}", base, file, header, rows,
                                  [yr0], [months[(1, m)]], numeric, categorical))
    # Small reference (exact, decided by KS / chi-square) against months of 2012.
    for m in (1, 4, 7, 10):
        cases.append(dataset_case(f"bike 2011-01 vs 2012-{m:02d}", base, file, header, rows,
                                  [months[(0, 1)]], [months[(1, m)]], numeric, categorical))
    return cases


def noaa_cases(base):
    file = "noaa-weather/weather.csv"
    header, rows = read_csv(base / file)
    numeric = ["TEMP", "DEWP", "SLP", "VISIB", "WDSP", "MXSPD", "MAX", "MIN"]
    categorical = ["rain"]
    n = len(rows)
    decade = 3653  # ten years of daily rows
    cases = [dataset_case("noaa first decade vs last decade", base, file, header, rows,
                          [[0, decade]], [[n - decade, n]], numeric, categorical)]
    # One early year (exact) against 30-day windows of the last year.
    for start in range(n - 365, n - 30, 60):
        cases.append(dataset_case(f"noaa first year vs rows {start}-{start + 30}", base, file,
                                  header, rows, [[0, 365]], [[start, start + 30]],
                                  numeric, categorical))
    return cases


# ---------------------------------------------------------------------------------------------
# Synthetic cases

class Lcg:
    """64-bit LCG (Knuth's MMIX constants); the Java test implements the same generator."""

    def __init__(self, seed):
        self.x = seed & 0xFFFFFFFFFFFFFFFF

    def next_double(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.x >> 11) * (1.0 / (1 << 53))


def triangular(seed, n, scale, shift):
    """scale * (u1 + u2) + shift: only exactly rounded IEEE operations, identical in Java."""
    g = Lcg(seed)
    out = []
    for _ in range(n):
        u1 = g.next_double()
        u2 = g.next_double()
        out.append(scale * (u1 + u2) + shift)
    return out


def synthetic_cases():
    cases = []

    def numeric(name, ref, cur):
        cases.append({"name": name, "input": {"reference": ref, "current": cur},
                      **numeric_feature(name, ref, cur)})

    def categorical(name, ref, cur):
        cases.append({"name": name, "input": {"reference": ref, "current": cur},
                      **categorical_feature(name, ref, cur)})

    numeric("constant column, no movement", [5.0] * 50, [5.0] * 40)
    numeric("constant column, some movement", [5.0] * 50, [5.0] * 30 + [6.0] * 10)
    numeric("all missing in the window", [float(i) for i in range(20)], [None] * 10)
    numeric("all missing in the reference", [None] * 10, [float(i) for i in range(20)])
    numeric("one bin empty", [float(i) for i in range(100)],
            [float(i) for i in range(0, 50)] + [float(i) for i in range(60, 100)])
    numeric("window below the reference range", [float(i) for i in range(100)],
            [-1.0 - i for i in range(30)])
    numeric("ties on integer values", [float(i % 5) for i in range(200)],
            [float(i % 7) for i in range(150)])
    numeric("tiny samples n=1 vs m=1", [1.0], [2.0])
    numeric("tiny samples n=1 vs m=2", [1.0], [1.0, 3.0])
    numeric("tiny samples n=2 vs m=2, equal", [1.0, 2.0], [2.0, 1.0])
    numeric("tiny samples n=2 vs m=3", [0.5, 2.5], [0.0, 1.0, 4.0])
    numeric("missing values mixed in", [1.0, None, 2.0, 3.0, None, 4.0],
            [2.0, 2.5, None, 10.0])
    categorical("unseen categories", ["a"] * 30 + ["b"] * 20 + ["c"] * 10,
                ["a"] * 10 + ["b"] * 25 + ["d"] * 5 + ["e"] * 2)
    categorical("category missing in the window", ["a"] * 30 + ["b"] * 20 + ["c"] * 10,
                ["a"] * 15 + ["b"] * 15)
    categorical("boolean, 2x2 with Yates' correction", ["true"] * 40 + ["false"] * 60,
                ["true"] * 55 + ["false"] * 45)
    categorical("boolean, Yates' correction clipped to the difference",
                ["true"] * 3 + ["false"] * 4, ["true"] * 4 + ["false"] * 4)
    categorical("identical distributions", ["x"] * 5 + ["y"] * 5, ["x"] * 10 + ["y"] * 10)
    categorical("single category", ["only"] * 12, ["only"] * 7)
    categorical("tiny samples n=1 vs m=1", ["a"], ["b"])
    categorical("all missing in the window", ["a", "b"], [None, None])
    categorical("large reference, many categories",
                [f"c{i % 40}" for i in range(4000)],
                [f"c{(i * 7) % 45}" for i in range(3000)])
    categorical("missing values mixed in", ["a", None, "b", "a"], ["b", None, None, "b", "a"])

    for case in TRIANGULAR_CASES:
        r, c = case["reference"], case["current"]
        entry = numeric_feature(case["name"],
                                triangular(r["seed"], r["n"], r["scale"], r["shift"]),
                                triangular(c["seed"], c["n"], c["scale"], c["shift"]))
        cases.append({"name": case["name"], "input": {"generator": "lcg-triangular", **case},
                      **entry})
    return cases


# Samples too large to write out, with more than 1,000 distinct values (the sketch path):
# described by the generator's parameters instead.
TRIANGULAR_CASES = [
    {"name": "triangular, shifted and scaled (sketch-sized)",
     "reference": {"seed": 11, "n": 20000, "scale": 10.0, "shift": 0.0},
     "current": {"seed": 12, "n": 15000, "scale": 11.0, "shift": 0.5}},
    {"name": "triangular, no drift (sketch-sized)",
     "reference": {"seed": 21, "n": 20000, "scale": 10.0, "shift": 0.0},
     "current": {"seed": 22, "n": 20000, "scale": 10.0, "shift": 0.0}},
    {"name": "triangular, sketch-sized reference vs exact-sized window",
     "reference": {"seed": 31, "n": 20000, "scale": 10.0, "shift": 0.0},
     "current": {"seed": 32, "n": 800, "scale": 10.0, "shift": 1.0}},
]


def distribution_tails():
    """Survival functions behind the p-values, over a grid reaching far into the tails."""
    ts = [0.0, 0.01, 0.1, 0.3, 0.5, 0.7, 0.8, 0.81, 0.82, 0.83, 0.9, 1.0, 1.2, 1.5, 2.0, 3.0,
          4.0, 5.0, 7.0, 10.0, 15.0]
    kolmogorov = [{"t": t, "sf": float(stats.kstwobign.sf(t))} for t in ts]
    chi2 = []
    for dof in (1, 2, 3, 5, 10, 23, 50):
        for x in (0.0, 0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 100.0, 500.0, 1500.0):
            chi2.append({"dof": dof, "x": x, "sf": float(stats.chi2.sf(x, dof))})
    return {"kolmogorov": kolmogorov, "chiSquare": chi2}


# ---------------------------------------------------------------------------------------------

def write(name, payload):
    OUT.mkdir(parents=True, exist_ok=True)
    payload = {"generator": "streams/src/test/python/generate_expected.py",
               "numpy": np.__version__, "scipy": scipy.__version__, **payload}
    path = OUT / name
    with open(path, "w") as f:
        json.dump(payload, f, indent=1)  # floats as repr: exact round trip; inf as Infinity
        f.write("\n")
    print(f"wrote {path.relative_to(REPO)}")


def main():
    base = data_dir()
    write("expected-bike.json", {"cases": bike_cases(base)})
    write("expected-noaa.json", {"cases": noaa_cases(base)})
    write("expected-synthetic.json", {"cases": synthetic_cases(), "tails": distribution_tails()})


if __name__ == "__main__":
    main()
