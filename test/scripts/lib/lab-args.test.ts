import { strict as assert } from "assert";
import { parseLabArgs } from "../../../scripts/lib/lab-args";

describe("scripts/lib/lab-args: the command line of npm run lab", () => {
  it("reads --port N, --port=N and --no-browser, and passes everything else to Jupyter", () => {
    assert.deepEqual(parseLabArgs(["--no-browser", "--port", "8897"]), {
      port: 8897,
      openBrowser: false,
      jupyterArgs: [],
    });
    assert.deepEqual(parseLabArgs(["--port=9000", "notebooks/06-view-captures.ipynb", "--ServerApp.base_url=/x/"]), {
      port: 9000,
      openBrowser: true,
      open: "notebooks/06-view-captures.ipynb",
      jupyterArgs: ["--ServerApp.base_url=/x/"],
    });
    assert.deepEqual(parseLabArgs([]), { openBrowser: true, jupyterArgs: [] });
  });

  it("rejects a port that is not a number from 1 to 65535, naming the option and the value", () => {
    assert.throws(() => parseLabArgs(["--port"]), /--port expects a port number from 1 to 65535, got nothing/);
    assert.throws(() => parseLabArgs(["--port", "eighty"]), /--port .* got 'eighty'/);
    assert.throws(() => parseLabArgs(["--port=70000"]), /got '70000'/);
    assert.throws(() => parseLabArgs(["--port", "0"]), /got '0'/);
  });
});
