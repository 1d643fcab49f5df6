#!/usr/bin/env python3
"""Builds realistic ModelReport / ReferenceProfile fixtures from the real datasets in shared/data,
in Avro's JSON encoding, for the HTML/JSON report renderer tests and the README screenshot.

The statistics follow DESIGN section 5 (numpy/scipy, independent of the Java code):
reference deciles as bin edges, PSI with a 1e-4 floor, Jensen-Shannon distance base 2, asymptotic
KS, Wasserstein-1 normed by the reference std, chi-square on the 2xK table, the default drift
decision and the 50% dataset-drift share.

Two fixtures:
  bike-sharing: a demand model (regression of cnt) with 12 features; reference 2011, window July 2012.
    On top of the real data, two upstream faults are injected into the window, as the demo scenario
    does: 6% of `hum` missing (a sensor outage) and 3% of `weathersit` sent as "unknown".
    Outcomes, error types and latencies are synthetic (seeded).
  noaa-weather: a rain classifier with 8 numeric features; reference 1949-1958, window the 365 days
    from row 16,000 (1993).

Usage: python3 make_report_fixtures.py [SHARED_DATA_DIR] [OUT_DIR]
"""
import csv
import json
import math
import os
import sys
from datetime import datetime, timezone

import numpy as np
from scipy import stats

DATA = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../resources/fixtures")
RNG = np.random.default_rng(20260728)
NS = "dev.modelmonitor.schema."


def millis(iso):
    return int(datetime.fromisoformat(iso).replace(tzinfo=timezone.utc).timestamp() * 1000)


def opt(kind, value):
    """An Avro JSON union branch: null, or {"type": value}."""
    return None if value is None else {kind: value}


def dbl(x):
    return opt("double", None if x is None else float(x))


def edges_of(ref):
    q = np.quantile(ref, np.arange(1, 10) / 10.0)  # linear interpolation, numpy's default
    out = []
    for e in q:
        if not out or e != out[-1]:
            out.append(float(e))
    return out


def bin_counts(values, edges):
    # right-closed bins (-inf, e1], (e1, e2], ..., (ek, +inf)
    idx = np.searchsorted(np.asarray(edges), values, side="left")
    return [int(c) for c in np.bincount(idx, minlength=len(edges) + 1)]


def psi(p, q):
    p = np.maximum(p, 1e-4)
    q = np.maximum(q, 1e-4)
    return float(np.sum((p - q) * np.log(p / q)))


def js_distance(p, q):
    m = (p + q) / 2
    def kl(a, b):
        mask = a > 0
        return float(np.sum(a[mask] * np.log2(a[mask] / b[mask])))
    return math.sqrt(max(0.0, (kl(p, m) + kl(q, m)) / 2))


def numeric_profile(name, values, missing, edges, keep_values=False):
    v = np.asarray(values, dtype=float)
    return {
        "name": name, "type": "NUMERIC", "count": int(len(v)), "missing": int(missing), "typeMismatches": 0,
        "mean": dbl(v.mean()), "std": dbl(v.std()), "min": dbl(v.min()), "max": dbl(v.max()),
        "quantiles": [{"rank": r, "value": float(np.quantile(v, r))} for r in (0.05, 0.25, 0.5, 0.75, 0.95)],
        "binEdges": edges, "binCounts": bin_counts(v, edges),
        "categories": {}, "otherCount": 0,
        "values": sorted(float(x) for x in v) if keep_values else [], "valueCounts": [], "sketch": None,
    }


def categorical_profile(name, values, missing, kind="CATEGORICAL", mismatches=0):
    cats = {}
    for x in values:
        cats[x] = cats.get(x, 0) + 1
    return {
        "name": name, "type": kind, "count": int(len(values)), "missing": int(missing),
        "typeMismatches": int(mismatches),
        "mean": None, "std": None, "min": None, "max": None, "quantiles": [],
        "binEdges": [], "binCounts": [], "categories": dict(sorted(cats.items())), "otherCount": 0,
        "values": [], "valueCounts": [], "sketch": None,
    }


def numeric_drift(ref, cur, edges):
    ref = np.asarray(ref, float)
    cur = np.asarray(cur, float)
    p = np.asarray(bin_counts(cur, edges), float) / len(cur)
    q = np.asarray(bin_counts(ref, edges), float) / len(ref)
    d = stats.ks_2samp(ref, cur, method="asymp").statistic
    n, m = len(ref), len(cur)
    ks_p = float(stats.kstwobign.sf(d * math.sqrt(n * m / (n + m))))
    w = float(stats.wasserstein_distance(ref, cur))
    std = float(ref.std())
    wn = w / std if std > 0 else 0.0
    if n <= 1000:
        method, score, threshold, drifted = "ks", ks_p, 0.05, ks_p < 0.05
    else:
        method, score, threshold, drifted = "wasserstein_normed", wn, 0.1, wn > 0.1
    return {
        "method": method, "score": score, "threshold": threshold, "drifted": bool(drifted),
        "psi": dbl(psi(p, q)), "jsDistance": dbl(js_distance(p, q)),
        "ksStatistic": dbl(d), "ksPValue": dbl(ks_p), "wasserstein": dbl(w), "wassersteinNormed": dbl(wn),
        "chiSquare": None, "chiSquarePValue": None, "exact": True,
    }


def categorical_drift(ref, cur):
    cats = sorted(set(ref))
    unseen = sorted(set(cur) - set(cats))
    bins = cats + (["__unseen__"] if unseen else [])
    def counts(values):
        c = {b: 0 for b in bins}
        for x in values:
            c[x if x in cats else "__unseen__"] += 1
        return np.asarray([c[b] for b in bins], float)
    rc, cc = counts(ref), counts(cur)
    p, q = cc / cc.sum(), rc / rc.sum()
    table = np.vstack([rc, cc])
    table = table[:, table.sum(axis=0) > 0]
    chi2, chi_p = (0.0, 1.0) if table.shape[1] < 2 else stats.chi2_contingency(table, correction=False)[:2]
    js = js_distance(p, q)
    if len(ref) <= 1000:
        method, score, threshold, drifted = "chi_square", float(chi_p), 0.05, chi_p < 0.05
    else:
        method, score, threshold, drifted = "jensen_shannon", js, 0.1, js > 0.1
    return {
        "method": method, "score": float(score), "threshold": threshold, "drifted": bool(drifted),
        "psi": dbl(psi(p, q)), "jsDistance": dbl(js),
        "ksStatistic": None, "ksPValue": None, "wasserstein": None, "wassersteinNormed": None,
        "chiSquare": dbl(chi2), "chiSquarePValue": dbl(chi_p), "exact": True,
    }, unseen


def feature_report(name, ref_values, cur_values, cur_missing, total, kind, ref_missing=0, mismatches=0):
    if kind == "NUMERIC":
        edges = edges_of(ref_values)
        prof = numeric_profile(name, cur_values, cur_missing, edges)
        drift = numeric_drift(ref_values, cur_values, edges)
        lo, hi = min(ref_values), max(ref_values)
        oor = sum(1 for x in cur_values if x < lo or x > hi) / len(cur_values)
        unseen = []
    else:
        prof = categorical_profile(name, cur_values, cur_missing, kind, mismatches)
        drift, unseen = categorical_drift(ref_values, cur_values)
        oor = None
    return {
        "name": name, "current": prof, "drift": opt(NS + "DriftResult", drift),
        "missingRate": cur_missing / total, "referenceMissingRate": dbl(ref_missing / max(1, len(ref_values))),
        "outOfRangeShare": dbl(oor), "unseenCategories": unseen,
    }


def ref_profile(name, values, kind):
    if kind == "NUMERIC":
        return numeric_profile(name, values, 0, edges_of(values))
    return categorical_profile(name, values, 0, kind)


def severity_key(f):
    d = f["drift"]
    if d is None:
        return (1, 0.0, f["name"])
    d = d[NS + "DriftResult"]
    if d["method"] in ("ks", "chi_square"):
        strength = -math.log10(max(d["score"], 1e-300)) / -math.log10(d["threshold"])
    else:
        strength = d["score"] / d["threshold"]
    return (0, -strength, f["name"])


def latency(n):
    ms = RNG.lognormal(mean=math.log(18), sigma=0.45, size=n)
    return {
        "count": int(n), "meanMs": float(ms.mean()), "p50Ms": float(np.quantile(ms, 0.5)),
        "p90Ms": float(np.quantile(ms, 0.9)), "p99Ms": float(np.quantile(ms, 0.99)), "maxMs": float(ms.max()),
    }


def dataset_drift(features):
    drifted = sum(1 for f in features if f["drift"] and f["drift"][NS + "DriftResult"]["drifted"])
    n = sum(1 for f in features if f["drift"])
    share = drifted / n
    return {"featureCount": n, "driftedCount": drifted, "share": share, "threshold": 0.5, "drifted": share >= 0.5}


def finding(kind, severity, feature, message, value):
    return {"kind": kind, "severity": severity, "feature": opt("string", feature), "message": message,
            "value": dbl(value)}


def bike():
    rows = list(csv.DictReader(open(os.path.join(DATA, "bike-sharing/hour.csv"))))
    for i, r in enumerate(rows):
        r["registered_prev_hour"] = float(rows[i - 1]["registered"]) if i > 0 else float(r["registered"])
    ref = [r for r in rows if r["yr"] == "0"]
    cur = [r for r in rows if r["dteday"].startswith("2012-07")]
    n = len(cur)
    cat = ["season", "mnth", "weekday", "weathersit"]
    boolean = ["holiday", "workingday"]
    num = ["hr", "temp", "atemp", "hum", "windspeed", "registered_prev_hour"]
    def bool_of(v):
        return "true" if v == "1" else "false"

    hum_missing = set(RNG.choice(n, size=int(round(n * 0.06)), replace=False).tolist())
    unknown_weather = set(RNG.choice(n, size=int(round(n * 0.03)), replace=False).tolist())
    features = []
    ref_features = []
    for name in cat + boolean + num:
        kind = "NUMERIC" if name in num else "BOOLEAN" if name in boolean else "CATEGORICAL"
        conv = (lambda v: float(v)) if kind == "NUMERIC" else bool_of if kind == "BOOLEAN" else (lambda v: v)
        rv = [conv(r[name]) for r in ref]
        cv, missing = [], 0
        for i, r in enumerate(cur):
            if name == "hum" and i in hum_missing:
                missing += 1
            elif name == "weathersit" and i in unknown_weather:
                cv.append("unknown")
            else:
                cv.append(conv(r[name]))
        features.append(feature_report(name, rv, cv, missing, n, kind))
        ref_features.append(ref_profile(name, rv, kind))
    features.sort(key=severity_key)

    # The model: 2011's mean demand per (hour, working day), scaled by weather.
    def key(r):
        return (r["hr"], r["workingday"])
    sums = {}
    for r in ref:
        s = sums.setdefault(key(r), [0, 0])
        s[0] += int(r["cnt"])
        s[1] += 1
    wmean = {w: np.mean([int(r["cnt"]) for r in ref if r["weathersit"] == w]) for w in "123"}
    overall = np.mean([int(r["cnt"]) for r in ref])
    def predict(r):
        s = sums[key(r)]
        return s[0] / s[1] * (wmean.get(r["weathersit"], wmean["3"]) / overall)
    ref_pred = [predict(r) for r in ref]
    cur_pred = [predict(r) for r in cur]
    prediction = feature_report("cnt (predicted)", ref_pred, cur_pred, 0, n, "NUMERIC")
    prediction["current"]["name"] = "prediction"
    prediction["name"] = "prediction"

    labeled = [i for i in range(n) if i % 25 != 7]  # labels for 96% joined within the delay
    y = np.asarray([int(cur[i]["cnt"]) for i in labeled], float)
    yhat = np.asarray([cur_pred[i] for i in labeled], float)
    err = yhat - y
    nz = y != 0
    performance = {
        "taskType": "REGRESSION", "labeledCount": len(labeled),
        "accuracy": None, "precisionMacro": None, "recallMacro": None, "f1Macro": None, "confusion": None,
        "mae": dbl(np.abs(err).mean()), "rmse": dbl(math.sqrt((err ** 2).mean())),
        "mape": dbl((np.abs(err[nz]) / np.abs(y[nz])).mean()), "bias": dbl(err.mean()),
    }

    errors = {"java.net.SocketTimeoutException": 21, "feature_store.Unavailable": 9, "ValueError": 4}
    outcomes = {"OK": n, "ERROR": 13, "TIMEOUT": 21}
    # ValueError rows were rejected before profiling; ERROR/TIMEOUT rows still carry features.
    events = n + 34
    by_name = {f["name"]: f for f in features}
    findings = [
        finding("missing_rate_jump", "warning", "hum",
                "hum is missing in 6% of events (reference: 0%)", by_name["hum"]["missingRate"]),
        finding("unseen_categories", "warning", "weathersit",
                "weathersit has 1 category the reference never saw: unknown",
                len(by_name["weathersit"]["unseenCategories"])),
        finding("label_delay", "info", None, "29 of 744 predictions got no label within the 1h label delay", 29),
    ]
    oor = by_name["registered_prev_hour"]["outOfRangeShare"]
    if oor and oor[("double")] > 0:
        findings.insert(2, finding("out_of_range", "warning", "registered_prev_hour",
                                   "%.1f%% of registered_prev_hour values are outside the reference range"
                                   % (oor["double"] * 100), oor["double"]))
    start, end = millis("2012-07-01T00:00:00"), millis("2012-08-01T00:00:00")
    report = {
        "reportId": "bike-demand@2012-07-01T00:00:00Z", "modelId": "bike-demand",
        "modelVersions": ["2.3.0", "2.3.1"], "windowStart": start, "windowEnd": end,
        "generatedAt": end + 5 * 60 * 1000 + 1234, "eventCount": events, "errorCount": 34,
        "outcomeCounts": outcomes, "errorTypes": errors, "latency": opt(NS + "LatencySummary", latency(events)),
        "hasReference": True, "referenceSource": opt("string", "hour.csv (yr=0)"),
        "referenceCreatedAt": opt("long", millis("2012-06-30T09:15:00")),
        "features": features, "prediction": opt(NS + "FeatureReport", prediction),
        "datasetDrift": opt(NS + "DatasetDrift", dataset_drift(features)), "findings": findings,
        "performance": opt(NS + "Performance", performance),
    }
    ref_pred_profile = ref_profile("prediction", ref_pred, "NUMERIC")
    reference = {
        "modelId": "bike-demand", "createdAt": millis("2012-06-30T09:15:00"), "source": "hour.csv (yr=0)",
        "rowCount": len(ref), "features": ref_features, "prediction": opt(NS + "FeatureProfile", ref_pred_profile),
        "label": None, "taskType": opt(NS + "TaskType", "REGRESSION"), "driftThresholds": {},
    }
    return report, reference


def weather():
    rows = list(csv.DictReader(open(os.path.join(DATA, "noaa-weather/weather.csv"))))
    names = ["TEMP", "DEWP", "SLP", "VISIB", "WDSP", "MXSPD", "MAX", "MIN"]
    ref = rows[:3652]
    cur = rows[16000:16365]
    n = len(cur)
    def predict(r):
        return "rain" if float(r["TEMP"]) - float(r["DEWP"]) < 9 and float(r["VISIB"]) < 9 else "dry"
    def actual(r):
        return "rain" if r["rain"] == "1" else "dry"
    features, ref_features = [], []
    for name in names:
        rv = [float(r[name]) for r in ref]
        cv = [float(r[name]) for r in cur]
        features.append(feature_report(name, rv, cv, 0, n, "NUMERIC"))
        ref_features.append(ref_profile(name, rv, "NUMERIC"))
    features.sort(key=severity_key)
    prediction = feature_report("prediction", [predict(r) for r in ref], [predict(r) for r in cur], 0, n,
                                "CATEGORICAL")
    labels = ["dry", "rain"]
    cm = [[0, 0], [0, 0]]
    for r in cur:
        cm[labels.index(actual(r))][labels.index(predict(r))] += 1
    total = n
    acc = (cm[0][0] + cm[1][1]) / total
    prec, rec, f1 = [], [], []
    for k in range(2):
        tp = cm[k][k]
        pp = cm[0][k] + cm[1][k]
        ap = cm[k][0] + cm[k][1]
        p = tp / pp if pp else 0.0
        rr = tp / ap if ap else 0.0
        prec.append(p)
        rec.append(rr)
        f1.append(2 * p * rr / (p + rr) if p + rr else 0.0)
    performance = {
        "taskType": "CLASSIFICATION", "labeledCount": total, "accuracy": dbl(acc),
        "precisionMacro": dbl(np.mean(prec)), "recallMacro": dbl(np.mean(rec)), "f1Macro": dbl(np.mean(f1)),
        "confusion": opt(NS + "ConfusionMatrix", {"labels": labels, "counts": cm}),
        "mae": None, "rmse": None, "mape": None, "bias": None,
    }
    start = millis("1993-01-01T00:00:00")
    end = start + 365 * 86400 * 1000
    report = {
        "reportId": "rain-classifier@1993-01-01T00:00:00Z", "modelId": "rain-classifier",
        "modelVersions": ["1.0.0"], "windowStart": start, "windowEnd": end, "generatedAt": end + 300_000,
        "eventCount": n, "errorCount": 0, "outcomeCounts": {"OK": n}, "errorTypes": {},
        "latency": opt(NS + "LatencySummary", latency(n)), "hasReference": True,
        "referenceSource": opt("string", "weather.csv rows 1-3652"),
        "referenceCreatedAt": opt("long", millis("1992-12-31T12:00:00")),
        "features": features, "prediction": opt(NS + "FeatureReport", prediction),
        "datasetDrift": opt(NS + "DatasetDrift", dataset_drift(features)), "findings": [],
        "performance": opt(NS + "Performance", performance),
    }
    reference = {
        "modelId": "rain-classifier", "createdAt": millis("1992-12-31T12:00:00"),
        "source": "weather.csv rows 1-3652", "rowCount": len(ref), "features": ref_features,
        "prediction": opt(NS + "FeatureProfile",
                          ref_profile("prediction", [predict(r) for r in ref], "CATEGORICAL")),
        "label": opt(NS + "FeatureProfile", ref_profile("label", [actual(r) for r in ref], "CATEGORICAL")),
        "taskType": opt(NS + "TaskType", "CLASSIFICATION"), "driftThresholds": {},
    }
    return report, reference


def write(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    report, reference = bike()
    write("bike-demand.report.json", report)
    write("bike-demand.reference.json", reference)
    report, reference = weather()
    write("rain-classifier.report.json", report)
    write("rain-classifier.reference.json", reference)
