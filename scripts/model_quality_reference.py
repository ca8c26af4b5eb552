#!/usr/bin/python3
"""Independent reference for Capture Lab's model-quality metrics, computed with numpy.

    /usr/bin/python3 scripts/model_quality_reference.py --dataset FILE.csv \
        --problem-type BinaryClassification --label label --prediction prediction \
        [--probability probability] [--threshold 0.5]

Reads a CSV with a header and prints one JSON object: the row count, the metric values by AWS's
names, the confusion matrix {actual: {predicted: count}} and (binary) the ROC and
precision-recall curves. Written from the definitions (Spark's MulticlassMetrics and
BinaryClassificationMetrics, the developer guide's metric list), not from the TypeScript: numpy
masks and cumulative sums, numpy.trapz for the area. The test test/monitor/model-quality/reference.test.ts
runs it when python3 and numpy are installed (Debian: apt-get install python3-numpy).
"""
import argparse
import csv
import json
import math

import numpy as np


def f_measure(p, r, beta):
    b2 = beta * beta
    return 0.0 if p + r == 0 else (1 + b2) * p * r / (b2 * p + r)


def binary(y, yhat, score):
    tp = int(np.sum((y == 1) & (yhat == 1)))
    fp = int(np.sum((y == 0) & (yhat == 1)))
    fn = int(np.sum((y == 1) & (yhat == 0)))
    tn = int(np.sum((y == 0) & (yhat == 0)))
    n = len(y)
    pos, neg = tp + fn, tn + fp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / pos if pos else 0.0
    fpr = fp / neg if neg else 0.0
    # One ROC point per distinct score, highest first: counts of rows scoring at least it.
    thresholds = np.unique(score)[::-1]
    pos_scores = np.sort(score[y == 1])
    neg_scores = np.sort(score[y == 0])
    tps = len(pos_scores) - np.searchsorted(pos_scores, thresholds, side="left")
    fps = len(neg_scores) - np.searchsorted(neg_scores, thresholds, side="left")
    tprs = tps / pos if pos else np.zeros(len(thresholds))
    fprs = fps / neg if neg else np.zeros(len(thresholds))
    roc_x = np.concatenate([[0.0], fprs, [1.0]])
    roc_y = np.concatenate([[0.0], tprs, [1.0]])
    precisions = tps / (tps + fps)
    majority_positive = pos > neg
    bcc_r = 1.0 if majority_positive else 0.0
    bcc_p = pos / n if majority_positive else 0.0
    values = {
        "recall": recall,
        "precision": precision,
        "accuracy": (tp + tn) / n,
        "recall_best_constant_classifier": bcc_r,
        "precision_best_constant_classifier": bcc_p,
        "accuracy_best_constant_classifier": (pos if majority_positive else neg) / n,
        "true_positive_rate": recall,
        "true_negative_rate": 1 - fpr,
        "false_positive_rate": fpr,
        "false_negative_rate": 1 - recall,
        "auc": float(np.trapz(roc_y, roc_x)),
    }
    for beta, name in ((0.5, "f0_5"), (1, "f1"), (2, "f2")):
        values[name] = f_measure(precision, recall, beta)
    for beta, name in ((0.5, "f0_5"), (1, "f1"), (2, "f2")):
        values[name + "_best_constant_classifier"] = f_measure(bcc_p, bcc_r, beta)
    return {
        "rows": n,
        "values": values,
        "confusion_matrix": {"0": {"0": tn, "1": fp}, "1": {"0": fn, "1": tp}},
        "roc": {"false_positive_rates": roc_x.tolist(), "true_positive_rates": roc_y.tolist()},
        "precision_recall": {
            "precisions": [float(precisions[0])] + precisions.tolist(),
            "recalls": [0.0] + tprs.tolist(),
        },
    }


def class_key(text):
    try:
        v = float(text)
        return repr(int(v)) if v == int(v) else repr(v)
    except ValueError:
        return text.strip()


def multiclass(y, yhat):
    classes = sorted(set(y) | set(yhat), key=lambda c: (0, float(c)) if _num(c) else (1, c))
    y = np.array(y)
    yhat = np.array(yhat)
    n = len(y)
    matrix = {a: {p: int(np.sum((y == a) & (yhat == p))) for p in classes} for a in classes}

    def weighted(pred):
        out = {"accuracy": float(np.mean(y == pred)), "recall": 0.0, "precision": 0.0, "f0_5": 0.0, "f1": 0.0, "f2": 0.0}
        for c in classes:
            w = int(np.sum(y == c))
            if w == 0:
                continue
            hit = int(np.sum((y == c) & (pred == c)))
            predicted = int(np.sum(pred == c))
            r = hit / w
            p = hit / predicted if predicted else 0.0
            out["recall"] += r * w / n
            out["precision"] += p * w / n
            for beta, name in ((0.5, "f0_5"), (1, "f1"), (2, "f2")):
                out[name] += f_measure(p, r, beta) * w / n
        return out

    counts = [int(np.sum(y == c)) for c in classes]
    majority = classes[int(np.argmax(counts))]
    m = weighted(yhat)
    b = weighted(np.array([majority] * n))
    values = {"accuracy": m["accuracy"]}
    for k in ("recall", "precision", "f0_5", "f1", "f2"):
        values["weighted_" + k] = m[k]
    values["accuracy_best_constant_classifier"] = b["accuracy"]
    for k in ("recall", "precision", "f0_5", "f1", "f2"):
        values["weighted_%s_best_constant_classifier" % k] = b[k]
    return {"rows": n, "values": values, "confusion_matrix": matrix}


def _num(c):
    try:
        float(c)
        return True
    except ValueError:
        return False


def regression(y, yhat):
    d = y - yhat
    mse = float(np.mean(d * d))
    return {
        "rows": len(y),
        "values": {
            "mae": float(np.mean(np.abs(d))),
            "mse": mse,
            "rmse": math.sqrt(mse),
            "r2": float(1 - np.sum(d * d) / np.sum((y - np.mean(y)) ** 2)),
        },
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--problem-type", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--prediction")
    ap.add_argument("--probability")
    ap.add_argument("--threshold", type=float, default=0.5)
    a = ap.parse_args()
    with open(a.dataset, newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], [r for r in rows[1:] if r]
    col = lambda name: [r[header.index(name)] for r in data]
    if a.problem_type == "BinaryClassification":
        y = np.array([float(v) for v in col(a.label)])
        score = np.array([float(v) for v in col(a.probability)]) if a.probability else None
        if a.prediction:
            yhat = np.array([float(v) for v in col(a.prediction)])
        else:
            yhat = (score > a.threshold).astype(float)
        out = binary(y, yhat, score if score is not None else yhat)
    elif a.problem_type == "MulticlassClassification":
        out = multiclass([class_key(v) for v in col(a.label)], [class_key(v) for v in col(a.prediction)])
    else:
        out = regression(np.array([float(v) for v in col(a.label)]), np.array([float(v) for v in col(a.prediction)]))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
