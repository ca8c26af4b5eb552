"""Capture Lab's Python harness for Model Monitor record preprocessor scripts.

Started by Capture Lab (python-preprocessor.ts), one process per monitoring run:

    python3 harness.py pre SCRIPT TIMEOUT_SECONDS   # preprocess_handler over record batches
    python3 harness.py post SCRIPT                  # postprocess_handler() once

In "pre" mode records arrive on file descriptor 3 and results leave on descriptor 4, framed as
a 4-byte big-endian length + UTF-8 JSON, so whatever the script prints (stdout, stderr) cannot
corrupt them. Standard library only.
"""

import importlib.util
import inspect
import json
import logging
import math
import os
import signal
import struct
import sys
import time
import traceback


class AttrView:
    """Attribute (and item) access over a JSON object: AWS's `event_data` view."""

    def __init__(self, d):
        self.__dict__["_d"] = d

    def __getattr__(self, name):
        if name not in self._d:
            raise AttributeError(name)
        return _view(self._d[name])

    def __getitem__(self, name):
        return _view(self._d[name])

    def get(self, name, default=None):
        return _view(self._d.get(name, default))

    def __contains__(self, name):
        return name in self._d

    def __repr__(self):
        return "AttrView(%r)" % (self._d,)


def _view(v):
    return AttrView(v) if isinstance(v, dict) else v


class Payload:
    """One captured side: `encoding`, `data` (as written), `observedContentType`, `mode`."""

    def __init__(self, d):
        d = d or {}
        self.encoding = d.get("encoding")
        self.data = d.get("data")
        self.observedContentType = d.get("observedContentType")
        self.observed_content_type = self.observedContentType
        self.mode = d.get("mode")

    def __repr__(self):
        return "Payload(encoding=%r, mode=%r)" % (self.encoding, self.mode)


class EventMetadata:
    """`event_id`, `event_time`, `custom_attribute` (and `inference_id` when captured)."""

    def __init__(self, d):
        d = d or {}
        self.event_id = d.get("eventId")
        self.event_time = d.get("inferenceTime")
        self.custom_attribute = d.get("customAttributes")
        self.inference_id = d.get("inferenceId")


class InferenceRecord:
    """The object `preprocess_handler` receives, with the attributes AWS documents."""

    def __init__(self, d):
        capture = d.get("captureData") or {}
        self.event_dict = d
        self.event_version = d.get("eventVersion")
        self.endpoint_input = Payload(capture.get("endpointInput")) if "endpointInput" in capture else None
        self.endpoint_output = Payload(capture.get("endpointOutput")) if "endpointOutput" in capture else None
        self.event_metadata = EventMetadata(d.get("eventMetadata"))
        # Model quality: the capture merged with its label (`data`, `encoding`), as AWS documents.
        self.ground_truth = Payload(d["groundTruthData"]) if "groundTruthData" in d else None
        # AWS's samples read `event_data.endpointInput.encoding`: the capture under camelCase names.
        view = dict(capture)
        view["eventMetadata"] = d.get("eventMetadata")
        view["eventVersion"] = d.get("eventVersion")
        if "groundTruthData" in d:
            view["groundTruthData"] = d["groundTruthData"]
        self.event_data = AttrView(view)

    def as_dict(self):
        return self.event_dict


class RecordTimeout(BaseException):
    """Raised in the handler when a record takes too long (BaseException: `except Exception` in a script does not swallow it)."""


def _on_alarm(signum, frame):
    raise RecordTimeout()


def _text(key, v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v) if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))
    raise ValueError("value of %r is %s; expected a flat dict of str, int, float, bool or None" % (key, type(v).__name__))


class Results:
    """Handler results as sent: values, and the keys only when they differ from the last record's."""

    def __init__(self):
        self.last_keys = None

    def of(self, value):
        if isinstance(value, (list, tuple)) and len(value) == 0:
            return {"drop": True}
        if not isinstance(value, dict):
            return {"error": "preprocess_handler returned %s; expected a flat dict of feature -> value, or [] to drop the record" % type(value).__name__}
        try:
            values = [v if type(v) is str else _text(k, v) for k, v in value.items()]
        except ValueError as e:
            return {"error": str(e)}
        keys = [k if type(k) is str else str(k) for k in value]
        if keys == self.last_keys:
            return {"v": values}
        self.last_keys = keys
        return {"k": keys, "v": values}


def _load(script):
    name = os.path.splitext(os.path.basename(script))[0] or "user_script"
    spec = importlib.util.spec_from_file_location(name, script)
    if spec is None or spec.loader is None:
        raise ImportError("cannot import %s" % script)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    spec.loader.exec_module(module)
    return module


def _arity(fn):
    try:
        params = [
            p
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
        ]
        return len(params)
    except (TypeError, ValueError):
        return 1


class Channel:
    def __init__(self):
        self.rd = os.fdopen(3, "rb", buffering=1 << 16)
        self.wr = os.fdopen(4, "wb", buffering=1 << 16)

    def read(self):
        head = self.rd.read(4)
        if len(head) < 4:
            return None
        (n,) = struct.unpack(">I", head)
        return json.loads(self.rd.read(n).decode("utf-8"))

    def write(self, msg):
        body = json.dumps(msg, ensure_ascii=False, allow_nan=False).encode("utf-8")
        self.wr.write(struct.pack(">I", len(body)))
        self.wr.write(body)
        self.wr.flush()


def _traceback_of_script(e, skip_harness_frame=False):
    """The traceback as Python prints it; for a handler's error, from the script's own frame on."""
    tb = e.__traceback__
    if skip_harness_frame and tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(e), e, tb)).rstrip()


def preprocess(script, timeout):
    ch = Channel()
    try:
        module = _load(script)
    except BaseException as e:  # noqa: B902 - anything the import raises stops the run
        ch.write({"load_error": "%s cannot be loaded:\n%s" % (script, _traceback_of_script(e))})
        return 0
    fn = getattr(module, "preprocess_handler", None)
    if not callable(fn):
        ch.write({"load_error": "%s defines no preprocess_handler(inference_record) function" % script})
        return 0
    arity = _arity(fn)
    logger = logging.getLogger("preprocessor")
    if not logger.handlers:
        h = logging.StreamHandler(sys.stderr)
        h.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(h)
        logger.setLevel(logging.INFO)
    ch.write({"ready": True, "arity": arity})
    signal.signal(signal.SIGALRM, _on_alarm)
    encode = Results()
    while True:
        msg = ch.read()
        if msg is None:
            return 0
        results = []
        last = time.monotonic()
        for i, d in enumerate(msg["records"]):
            record = InferenceRecord(d)
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                value = fn(record, logger) if arity >= 2 else fn(record)
                signal.setitimer(signal.ITIMER_REAL, 0)
                results.append(encode.of(value))
            except RecordTimeout:
                results.append({"timeout": timeout})
            except BaseException as e:  # noqa: B902 - a failing record is a bad row, not the end
                signal.setitimer(signal.ITIMER_REAL, 0)
                if isinstance(e, (KeyboardInterrupt, SystemExit)):
                    raise
                results.append({"error": _traceback_of_script(e, True)})
            now = time.monotonic()
            if now - last > 1.0:
                ch.write({"progress": i + 1})
                last = now
        ch.write({"results": results})


def postprocess(script):
    try:
        module = _load(script)
    except BaseException as e:  # noqa: B902
        sys.stderr.write("%s cannot be loaded:\n%s\n" % (script, _traceback_of_script(e)))
        return 3
    fn = getattr(module, "postprocess_handler", None)
    if not callable(fn):
        sys.stderr.write("%s defines no postprocess_handler() function\n" % script)
        return 3
    try:
        fn()
    except BaseException as e:  # noqa: B902
        sys.stderr.write("postprocess_handler() raised:\n%s\n" % _traceback_of_script(e, True))
        return 4
    return 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "pre":
        sys.exit(preprocess(sys.argv[2], float(sys.argv[3])))
    sys.exit(postprocess(sys.argv[2]))
