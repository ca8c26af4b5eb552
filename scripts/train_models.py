#!/usr/bin/python3
"""Generate Capture Lab's XGBoost test fixtures and the churn demo assets.

Run with the Debian python that has xgboost 1.7.4, numpy and sklearn:

    /usr/bin/python3 scripts/train_models.py

Everything is seeded, so re-running gives the same files. Outputs:

* test/fixtures/xgboost/: small models (JSON and UBJSON), the CSV rows they are
  tested on (empty fields = missing), xgboost's own predictions and the exact
  response bodies the SageMaker XGBoost container would send; a table of
  Python float reprs for the repr helper's tests.
* data/churn/: a synthetic churn dataset shaped like the AWS "xgb churn"
  example (69 numeric features), a binary:logistic model trained on it, and
  xgboost's predictions for the test rows; a second model with other settings
  (the replay's candidate) and its predictions.
"""
import json
import os
import struct
import sys

import numpy as np
import xgboost as xgb

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "xgboost")
CHURN = os.path.join(ROOT, "data", "churn")
SEED = 20240611


def fmt_value(v):
    """A CSV field: empty for missing, otherwise Python's repr (as a client would send)."""
    if np.isnan(v):
        return ""
    return repr(float(v))


def container_dmatrix(lines):
    """Build the DMatrix the way the container's csv_to_dmatrix does:
    empty fields become 'nan', strings -> float64 array -> DMatrix (float32 inside)."""
    rows = [["nan" if f == "" else f for f in line.split(",")] for line in lines]
    return xgb.DMatrix(np.array(rows).astype(float))


def container_csv_body(preds):
    """Real-time CSV body of the algorithm-mode container: ",".join(map(str, preds.tolist()))."""
    return ",".join(map(str, preds.tolist()))


def container_json_body(preds):
    """serve_utils.encode_predictions_as_json: {"predictions": [{"score": p}, ...]}."""
    return json.dumps({"predictions": [{"score": p} for p in preds.tolist()]})


def make_data(rng, n, n_features, missing_rate):
    x = np.round(rng.normal(0.0, 2.0, size=(n, n_features)), 3)
    mask = rng.random(size=x.shape) < missing_rate
    x[mask] = np.nan
    return x


def save_model_case(name, params, rounds, x_train, y_train, x_test, **train_kw):
    dtrain = xgb.DMatrix(x_train, label=y_train, missing=np.nan)
    booster = xgb.train(params, dtrain, num_boost_round=rounds, **train_kw)
    booster.save_model(os.path.join(FIXTURES, name + ".json"))
    booster.save_model(os.path.join(FIXTURES, name + ".ubj"))
    lines = [",".join(fmt_value(v) for v in row) for row in x_test]
    preds = booster.predict(container_dmatrix(lines))
    assert preds.dtype == np.float32
    case = {
        "name": name,
        "objective": params["objective"],
        "booster": params.get("booster", "gbtree"),
        "numFeature": int(x_train.shape[1]),
        "modelFiles": [name + ".json", name + ".ubj"],
        "rows": lines,
        # one entry per row: a float, or the list of class probabilities
        "predictions": [
            [repr(float(v)) for v in p] if preds.ndim == 2 else repr(float(p))
            for p in preds
        ],
        "csvBodyAllRows": container_csv_body(preds),
        "jsonBodyAllRows": container_json_body(preds),
        "csvBodyPerRow": [container_csv_body(preds[i:i + 1]) for i in range(len(lines))],
    }
    return case


def make_fixtures():
    os.makedirs(FIXTURES, exist_ok=True)
    rng = np.random.default_rng(SEED)
    n_features = 8
    x_train = make_data(rng, 600, n_features, 0.1)
    x_test = make_data(rng, 40, n_features, 0.15)
    x_test[0, :] = np.nan  # a row with every value missing
    z = np.nan_to_num(x_train)
    logit = 0.9 * z[:, 0] - 0.7 * z[:, 1] + 0.5 * z[:, 2] * z[:, 3] + rng.normal(0, 1, len(z))
    y_bin = (logit > 0).astype(float)
    y_reg = 3.0 + 1.5 * z[:, 0] - 2.0 * np.abs(z[:, 4]) + rng.normal(0, 0.5, len(z))
    y_multi = np.digitize(logit, [-1.5, 1.5]).astype(float)
    y_prob = 1.0 / (1.0 + np.exp(-logit))
    common = {"max_depth": 4, "eta": 0.3, "seed": 7, "nthread": 1}
    cases = [
        save_model_case("binary_logistic", dict(common, objective="binary:logistic"), 30,
                        x_train, y_bin, x_test),
        save_model_case("reg_squarederror", dict(common, objective="reg:squarederror"), 30,
                        x_train, y_reg, x_test),
        save_model_case("reg_base_score", dict(common, objective="reg:squarederror", base_score=3.7), 20,
                        x_train, y_reg, x_test),
        save_model_case("multi_softprob", dict(common, objective="multi:softprob", num_class=3, max_depth=3),
                        12, x_train, y_multi, x_test),
        save_model_case("multi_softmax", dict(common, objective="multi:softmax", num_class=3, max_depth=3),
                        12, x_train, y_multi, x_test),
        save_model_case("binary_logitraw", dict(common, objective="binary:logitraw"), 20,
                        x_train, y_bin, x_test),
        save_model_case("reg_logistic", dict(common, objective="reg:logistic"), 20,
                        x_train, y_prob, x_test),
        save_model_case("dart_binary", dict(common, objective="binary:logistic", booster="dart",
                                            rate_drop=0.2, skip_drop=0.0, sample_type="weighted"),
                        20, x_train, y_bin, x_test),
    ]
    with open(os.path.join(FIXTURES, "cases.json"), "w") as f:
        json.dump({"xgboostVersion": xgb.__version__, "seed": SEED, "cases": cases}, f, indent=1)
        f.write("\n")
    write_repr_table(rng)


def write_repr_table(rng):
    """Python's repr of doubles, keyed by the IEEE-754 bit pattern (hex, big endian)."""
    values = [0.0, -0.0, 1.0, -1.0, 3.0, 0.1, 0.5, 1 / 3, 2 / 3, 0.1 + 0.2, 1e-4, 1e-5, 1.2345e-5,
              0.00012345, 1e15, 1e16, 1.5e16, 123456789012345678.0, 9007199254740993.0, 1e22, 1e23,
              1e100, 1e-100, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
              float("inf"), float("-inf"), float("nan"), 12345.678, 100.0, 1e21, 0.001, 4.35]
    f32 = [0.5217539, 0.01216088, 0.036397725, 1e-5, 1e-7, 3.4028235e38, 1.4e-45, 1.17549435e-38,
           0.1, 0.2, 0.3, 16777217.0, 1e10, 123.456]
    values += [float(np.float32(v)) for v in f32]
    values += [float(np.float32(v)) for v in rng.random(60)]
    values += [float(v) for v in rng.normal(0, 1e6, 20)]
    values += [float(np.float32(v)) for v in 10.0 ** rng.uniform(-12, 20, 40)]
    table = [[struct.pack(">d", v).hex(), repr(v)] for v in values]
    with open(os.path.join(FIXTURES, "python-float-repr.json"), "w") as f:
        json.dump({"python": sys.version.split()[0], "table": table}, f, indent=0)
        f.write("\n")


STATES = ["AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL",
          "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE",
          "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
          "VA", "VT", "WA", "WI", "WV", "WY"]
CONTINUOUS = ["Account Length", "VMail Message", "Day Mins", "Day Calls", "Eve Mins", "Eve Calls",
              "Night Mins", "Night Calls", "Intl Mins", "Intl Calls", "CustServ Calls"]
AREA_CODES = ["408", "415", "510"]


def churn_feature_names():
    return (CONTINUOUS + ["State_" + s for s in STATES] + ["Area Code_" + a for a in AREA_CODES]
            + ["Int'l Plan_no", "Int'l Plan_yes", "VMail Plan_no", "VMail Plan_yes"])


def churn_rows(rng, n):
    """Synthetic customers; returns (label, feature matrix as printable strings)."""
    acct = rng.integers(1, 240, n)
    vmail_plan = rng.random(n) < 0.27
    vmail_msgs = np.where(vmail_plan, rng.integers(8, 50, n), 0)
    day_mins = np.clip(np.round(rng.normal(180, 54, n), 1), 0, 350)
    day_calls = rng.integers(40, 165, n)
    eve_mins = np.clip(np.round(rng.normal(200, 50, n), 1), 0, 363)
    eve_calls = rng.integers(40, 170, n)
    night_mins = np.clip(np.round(rng.normal(200, 50, n), 1), 23, 395)
    night_calls = rng.integers(33, 175, n)
    intl_mins = np.clip(np.round(rng.normal(10, 2.8, n), 1), 0, 20)
    intl_calls = rng.poisson(4.5, n)
    custserv = rng.poisson(1.6, n)
    state = rng.integers(0, len(STATES), n)
    area = rng.choice(3, n, p=[0.25, 0.5, 0.25])
    intl_plan = rng.random(n) < 0.1
    # Plausible churn drivers: heavy day usage, many service calls, the international plan
    # (with many intl minutes), no voicemail plan; a few states slightly worse.
    logit = (-3.2 + 0.028 * (day_mins - 180) + 0.012 * (eve_mins - 200) + 0.004 * (night_mins - 200)
             + 0.9 * np.maximum(custserv - 2, 0) + 1.8 * intl_plan + 0.25 * intl_plan * (intl_mins - 10)
             + 0.35 * (intl_calls < 3) - 1.1 * vmail_plan + 0.002 * (acct - 100)
             + np.where(np.isin(state, [4, 31, 39, 43]), 0.6, 0.0) + rng.normal(0, 0.6, n))
    label = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

    text = []
    for i in range(n):
        fields = [str(int(acct[i])), str(int(vmail_msgs[i])), repr(float(day_mins[i])), str(int(day_calls[i])),
                  repr(float(eve_mins[i])), str(int(eve_calls[i])), repr(float(night_mins[i])),
                  str(int(night_calls[i])), repr(float(intl_mins[i])), str(int(intl_calls[i])),
                  str(int(custserv[i]))]
        fields += ["1" if state[i] == s else "0" for s in range(len(STATES))]
        fields += ["1" if area[i] == a else "0" for a in range(3)]
        fields += ["0" if intl_plan[i] else "1", "1" if intl_plan[i] else "0"]
        fields += ["0" if vmail_plan[i] else "1", "1" if vmail_plan[i] else "0"]
        text.append(fields)
    return label, text


def make_churn():
    os.makedirs(CHURN, exist_ok=True)
    rng = np.random.default_rng(SEED + 1)
    names = churn_feature_names()
    assert len(names) == 69
    y_train, x_train = churn_rows(rng, 2000)
    y_test, x_test = churn_rows(rng, 200)
    with open(os.path.join(CHURN, "header.csv"), "w") as f:
        f.write(",".join(names) + "\n")
    with open(os.path.join(CHURN, "train.csv"), "w") as f:
        for label, row in zip(y_train, x_train):
            f.write(str(label) + "," + ",".join(row) + "\n")
    test_lines = [",".join(row) for row in x_test]
    with open(os.path.join(CHURN, "test.csv"), "w") as f:
        f.write("\n".join(test_lines) + "\n")
    with open(os.path.join(CHURN, "test-labels.csv"), "w") as f:
        f.write("\n".join(str(v) for v in y_test) + "\n")
    dtrain = xgb.DMatrix(np.array(x_train).astype(float), label=y_train)
    # The AWS churn example's hyperparameters (fewer rounds to keep the file small).
    params = {"objective": "binary:logistic", "max_depth": 5, "eta": 0.2, "gamma": 4,
              "min_child_weight": 6, "subsample": 0.8, "seed": 7, "nthread": 1}
    booster = xgb.train(params, dtrain, num_boost_round=80)
    model_path = os.path.join(CHURN, "xgboost-model.json")
    booster.save_model(model_path)
    preds = booster.predict(container_dmatrix(test_lines))
    expected = {
        "model": "data/churn/xgboost-model.json",
        "rows": "data/churn/test.csv",
        "predictions": [repr(float(p)) for p in preds],
        "csvBodyPerRow": [container_csv_body(preds[i:i + 1]) for i in range(len(test_lines))],
        "csvBodyAllRows": container_csv_body(preds),
    }
    with open(os.path.join(FIXTURES, "churn-expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    acc = float(np.mean((preds > 0.5) == (np.array(y_test) == 1)))
    print("churn: train churn rate %.3f, test accuracy %.3f, model %d bytes, preds min %.3f max %.3f"
          % (np.mean(y_train), acc, os.path.getsize(model_path), preds.min(), preds.max()))
    make_churn_candidate(dtrain, test_lines, y_test)


def make_churn_candidate(dtrain, test_lines, y_test):
    """A second churn model with other settings: the candidate the replay notebook and tests
    compare with the deployed one (shallower trees, a higher learning rate, no row sampling)."""
    params = {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "gamma": 1,
              "min_child_weight": 2, "lambda": 2.0, "seed": 11, "nthread": 1}
    booster = xgb.train(params, dtrain, num_boost_round=40)
    model_path = os.path.join(CHURN, "xgboost-model-candidate.json")
    booster.save_model(model_path)
    preds = booster.predict(container_dmatrix(test_lines))
    expected = {
        "model": "data/churn/xgboost-model-candidate.json",
        "rows": "data/churn/test.csv",
        "predictions": [repr(float(p)) for p in preds],
        "csvBodyPerRow": [container_csv_body(preds[i:i + 1]) for i in range(len(test_lines))],
        "csvBodyAllRows": container_csv_body(preds),
    }
    with open(os.path.join(FIXTURES, "churn-candidate-expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    acc = float(np.mean((preds > 0.5) == (np.array(y_test) == 1)))
    print("churn candidate: test accuracy %.3f, model %d bytes, preds min %.3f max %.3f"
          % (acc, os.path.getsize(model_path), preds.min(), preds.max()))


if __name__ == "__main__":
    make_fixtures()
    make_churn()
    print("fixtures written to", FIXTURES)
