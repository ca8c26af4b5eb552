# nbconvert/nbclient configuration for Capture Lab's tslab notebooks.
#
# tslab 1.0.22 leaves three gaps in the Jupyter protocol that make headless runs misleading
# (see notebook-toolchain.md §9). These hooks close them:
#   1. no execute_input message, so nbclient never records execution counts;
#   2. error replies carry no ename/evalue/traceback (the message only goes to stderr);
#   3. after an error, tslab aborts every request arriving within 200 ms, so with
#      --allow-errors later cells would be skipped silently.
# Use:  jupyter nbconvert --config jupyter/nbconvert_config.py --to notebook --execute ...
import re
import time

ABORT_WINDOW_SECONDS = 0.3  # longer than tslab's 200 ms execQueue.reset window


def _stderr_text(cell):
    return "".join(
        "".join(o.get("text", "")) if isinstance(o.get("text"), list) else o.get("text", "")
        for o in cell.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stderr"
    )


def _summary_line(stderr):
    """tslab's message line: "1:7 - msg" (type error) or "Error: msg", else any "x: y" line."""
    lines = [l.strip() for l in stderr.splitlines() if l and not l[0].isspace()]
    for line in lines:
        if re.match(r"^\d+:\d+ - ", line) or re.match(r"^[A-Za-z_$][\w$.]*(Error|Exception)\b.*: ", line):
            return line
    for line in lines:
        if ": " in line:
            return line
    return lines[0] if lines else "the cell failed without an error message"


def on_cell_executed(cell=None, cell_index=None, execute_reply=None, **_):
    if execute_reply is None:
        return
    content = execute_reply.get("content", {})
    # Gap 1: tslab reports the count only in execute_reply.
    if content.get("execution_count") is not None:
        cell["execution_count"] = content["execution_count"]
    status = content.get("status")
    if status == "error" and not content.get("ename"):
        # Gap 2: recover the message from stderr so nbconvert prints something useful.
        stderr = _stderr_text(cell)
        summary = _summary_line(stderr)
        content["ename"] = "TslabError"
        content["evalue"] = summary
        content["traceback"] = stderr.rstrip("\n").splitlines() or [summary]
    elif status == "abort":
        # Gap 3: a skipped cell must never pass silently.
        evalue = (
            "tslab aborted this cell without running it (a previous cell failed "
            "within tslab's 200 ms abort window)"
        )
        content["status"] = "error"
        content["ename"] = "TslabAborted"
        content["evalue"] = evalue
        content["traceback"] = ["TslabAborted: " + evalue]
        cell.setdefault("outputs", []).append(
            {"output_type": "error", "ename": "TslabAborted", "evalue": evalue, "traceback": content["traceback"]}
        )


def on_cell_error(cell=None, cell_index=None, execute_reply=None, **_):
    # Let tslab's abort window pass before nbclient sends the next cell (--allow-errors runs).
    time.sleep(ABORT_WINDOW_SECONDS)


c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded as config)
c.ExecutePreprocessor.on_cell_executed = on_cell_executed
c.ExecutePreprocessor.on_cell_error = on_cell_error
c.ExecutePreprocessor.kernel_name = "capture-lab"


def svg_base64(svg):
    """Jinja filter for the tutorial template: SVG text -> base64 for a data: URI."""
    import base64

    text = "".join(svg) if isinstance(svg, list) else svg
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


c.TemplateExporter.filters = {"svg_base64": svg_base64}
