import { strict as assert } from "assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("display/svg: vega and vega-lite load with the first chart", function () {
  this.timeout(60_000);
  it("requiring the display helpers loads neither; rendering a chart loads both and gives an SVG", () => {
    const code = `
      const loaded = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/]vega(-lite)?[\\\\/]/.test(k)).length > 0;
      const display = require("./src/display");
      const before = loaded();
      display.vegaLiteToSvg(display.predictionHistogramSpec([0.1, 0.5, 0.9]))
        .then((svg) => console.log(JSON.stringify({ before, after: loaded(), svg: svg.startsWith("<svg") })));
    `;
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim()), { before: false, after: true, svg: true });
  });
});
