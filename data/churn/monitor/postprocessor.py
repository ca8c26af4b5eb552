"""Model Monitor post-analytics processor for the churn endpoint (Capture Lab's walkthrough).

Runs once after a successful monitoring run and prints a one-line summary of it. As in AWS's
container, the environment variable output_path names the folder holding the run's
statistics.json and constraint_violations.json.
"""
import json
import os


def postprocess_handler():
    folder = os.environ.get("output_path", ".")
    with open(os.path.join(folder, "statistics.json")) as f:
        rows = json.load(f)["dataset"]["item_count"]
    with open(os.path.join(folder, "constraint_violations.json")) as f:
        violations = json.load(f).get("violations", [])
    kinds = sorted({v["constraint_check_type"] for v in violations})
    window = "%s .. %s" % (os.environ.get("start_time", "start"), os.environ.get("end_time", "end"))
    print(
        "churn monitor %s: %d rows, %d violation(s)%s"
        % (window, rows, len(violations), (" (" + ", ".join(kinds) + ")") if kinds else "")
    )
