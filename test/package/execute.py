"""Starts the `capture-lab` kernel found on JUPYTER_PATH, runs each argument as a cell and prints
one JSON line per cell: the reply status and the iopub messages (type and content)."""
import json
import os
import sys

from jupyter_client.manager import start_new_kernel

km, kc = start_new_kernel(kernel_name="capture-lab")
try:
    for code in sys.argv[1:]:
        msg_id = kc.execute(code)
        reply = kc.get_shell_msg(timeout=120)
        outputs = []
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] != "status":
                outputs.append({"type": msg["msg_type"], "content": msg["content"]})
        print(json.dumps({"status": reply["content"]["status"], "outputs": outputs}), flush=True)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    sys.stdout.flush()
    # jupyter_client's destructors log during interpreter teardown and print noise; skip it.
    os._exit(0)
