#!/usr/bin/python3
"""Reference statistics for the monitor tests, computed outside TypeScript.

Run with Debian's python3 (numpy is used for a cross-check when installed):

    /usr/bin/python3 scripts/monitor_reference.py

Reads data/churn/train.csv (no header, label first) and writes
test/fixtures/monitor/churn-train-reference.json: per column `_cN`, Deequ's value classes
(its DataType regular expressions), the row count, the plain left-to-right sum, the mean
(sum / count), the population standard deviation with Spark's central-moment update (one value
at a time, as Deequ's StandardDeviation), min, max, and the exact count of values in each of
the 10 equal-width buckets ([lower, upper), the last closed) for comparison with the sketch.
"""
import csv
import json
import math
import os
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SRC = os.path.join(ROOT, "data", "churn", "train.csv")
OUT = os.path.join(ROOT, "test", "fixtures", "monitor", "churn-train-reference.json")

FRACTIONAL = re.compile(r"^(-|\+)? ?\d*\.\d*$")
INTEGRAL = re.compile(r"^(-|\+)? ?\d*$")
BOOLEAN = re.compile(r"^(true|false)$")


def classify(text):
    if FRACTIONAL.match(text):
        return "Fractional"
    if INTEGRAL.match(text):
        return "Integral"
    if BOOLEAN.match(text):
        return "Boolean"
    return "String"


def main():
    with open(SRC, newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    width = len(rows[0])
    columns = []
    for c in range(width):
        texts = [r[c] for r in rows]
        classes = {}
        for t in texts:
            k = classify(t)
            classes[k] = classes.get(k, 0) + 1
        xs = [float(t) for t in texts]
        n = 0.0
        avg = 0.0
        m2 = 0.0
        total = 0.0
        for x in xs:
            total += x
            n += 1.0
            delta = x - avg
            delta_n = delta / n
            avg += delta_n
            m2 += delta * (delta - delta_n)
        lo, hi = min(xs), max(xs)
        buckets = []
        for i in range(10):
            lower = lo + (hi - lo) * i / 10.0
            upper = lo + (hi - lo) * (i + 1) / 10.0
            if i == 9:
                cnt = sum(1 for x in xs if lower <= x <= upper)
            else:
                cnt = sum(1 for x in xs if lower <= x < upper)
            buckets.append({"lower_bound": lower, "upper_bound": upper, "count": cnt})
        entry = {
            "name": "_c%d" % c,
            "classes": classes,
            "count": len(xs),
            "sum": total,
            "mean": total / len(xs),
            "std_dev": math.sqrt(m2 / n),
            "min": lo,
            "max": hi,
            "buckets": buckets,
        }
        try:
            import numpy as np

            entry["numpy_std"] = float(np.std(np.array(xs)))
        except ImportError:
            pass
        columns.append(entry)
    with open(OUT, "w") as f:
        json.dump({"source": "data/churn/train.csv", "rows": len(rows), "columns": columns}, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
