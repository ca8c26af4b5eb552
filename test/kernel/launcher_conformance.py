"""Jupyter's own kernel conformance suite (jupyter_kernel_test) against the capture-lab kernel.

Run by test/kernel/launcher.test.ts with JUPYTER_PATH pointing at a temporary kernelspec.
"""
import unittest

import jupyter_kernel_test
from jupyter_kernel_test import TIMEOUT


class CaptureLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "capture-lab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'
    code_generate_error = 'throw new Error("boom")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "const s: string = 'a' + 'b'; s", "result": "'ab'"},
        {"code": "[{ a: 1 }, { a: 2 }]", "mime": "text/html"},
    ]
    code_display_data = [
        {"code": 'import * as tslab from "tslab"; tslab.display.html("<b>hi</b>")', "mime": "text/html"},
        {"code": 'import { display } from "./dist/display"; display([{ x: 1 }])', "mime": "text/html"},
    ]
    completion_samples = [{"text": "Math.ma", "matches": {"max"}}]
    complete_code_samples = ["1 + 1", "const x = 1;"]
    incomplete_code_samples = ["function f() {", "const a = [1,"]
    code_inspect_sample = "Math.max"

    def test_interrupt_then_continue(self):
        """Beyond the suite: an interrupt (SIGINT, as Jupyter sends it) ends a waiting cell, and the
        kernel keeps serving."""
        self.flush_channels()
        # "waiting" is printed from a timer, so the cell is awaiting (not compiling, not in its
        # synchronous part, where Node may drop a SIGINT) when the interrupt is sent.
        msg_id = self.kc.execute('setTimeout(() => console.log("waiting"), 0); await new Promise((r) => setTimeout(r, 60000))')
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                break
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"].get("ename"), "KeyboardInterrupt", reply["content"])
        self.flush_channels()
        reply, _ = self.execute_helper("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")


if __name__ == "__main__":
    unittest.main(verbosity=2)
