import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { captureTableDdl, viewColumnName, VIEW_FIXED_COLUMNS, type CaptureTableOptions } from "../../src/athena";
import { loadCaptures } from "../../src/read";

const ROOT = path.resolve(__dirname, "../..");
const HEADER = fs.readFileSync(path.join(ROOT, "data/churn/header.csv"), "utf8").trim().split(",");
const BASE: CaptureTableOptions = {
  database: "capture_lab",
  table: "churn_captures",
  destinationS3Uri: "s3://capture-lab/sagemaker/DEMO-ModelMonitor/datacapture",
  endpoint: "capture-lab-churn-2026-12-07-13-00-00",
  variant: "AllTraffic",
  inputColumns: HEADER,
};

/** The view's output columns (`expr AS name` of the final SELECT, or bare names). */
function selectList(sql: string): Array<{ expr: string; name: string }> {
  const body = sql.slice(sql.lastIndexOf("\nSELECT\n") + 8, sql.lastIndexOf("\nFROM fields"));
  return body.split(",\n").flatMap((item) => {
    const m = /^\s*([\s\S]+) AS "([^"]+)"$/.exec(item);
    if (m) return [{ expr: m[1], name: m[2] }];
    return item.split(",").map((n) => ({ expr: n.trim(), name: n.trim() }));
  });
}

/** A single-quoted SQL literal right after `marker` in the SQL. */
function literalAfter(sql: string, marker: string): string {
  const i = sql.indexOf(marker);
  assert.ok(i >= 0, `no ${marker} in the view`);
  return /^'((?:[^']|'')*)'/.exec(sql.slice(i + marker.length))![1].replace(/''/g, "'");
}

describe("athena: the decoded view", () => {
  const ddl = captureTableDdl(BASE);
  const sql = ddl.createView;

  it("is created over the table, named {table}_decoded", () => {
    assert.match(sql, /^CREATE OR REPLACE VIEW "capture_lab"\."churn_captures_decoded" AS\n/);
    assert.match(sql, /FROM "capture_lab"\."churn_captures"\n/);
  });

  it("has the fixed columns, then one column per header field and the prediction, in order", () => {
    const cols = selectList(sql);
    assert.deepEqual(
      cols.slice(0, VIEW_FIXED_COLUMNS.length).map((c) => c.name),
      [...VIEW_FIXED_COLUMNS],
    );
    const csv = cols.slice(VIEW_FIXED_COLUMNS.length);
    assert.equal(csv.length, HEADER.length + 1);
    assert.deepEqual(
      csv.slice(0, 3).map((c) => c.name),
      ["account_length", "vmail_message", "day_mins"],
    );
    assert.equal(csv.at(-1)!.name, "prediction");
    HEADER.forEach((h, i) => {
      assert.equal(csv[i].expr, `TRY_CAST(trim(element_at(input_fields, ${i + 1})) AS double)`, h);
    });
    assert.equal(csv.at(-1)!.expr, "TRY_CAST(trim(element_at(output_fields, 1)) AS double)");
    assert.deepEqual(
      ddl.view.columns.slice(0, 2).map((c) => [c.column, c.header, c.side, c.position, c.type]),
      [
        ["account_length", "Account Length", "input", 1, "double"],
        ["vmail_message", "VMail Message", "input", 2, "double"],
      ],
    );
  });

  it("names are unique: a header clashing with a fixed column or another header gets _2, _3", () => {
    const d = captureTableDdl({
      ...BASE,
      inputColumns: ["event_id", "a b", "a-b", "", "Ünit"],
      outputColumns: ["score"],
    });
    assert.deepEqual(
      d.view.columns.map((c) => c.column),
      ["event_id_2", "a_b", "a_b_2", "input_4", "nit", "score"],
      "only a-z, 0-9 and _ survive",
    );
    assert.equal(viewColumnName("State_AK", "input", 12), "state_ak");
  });

  it("varchar and bigint columns are trimmed text and TRY_CAST to bigint", () => {
    const d = captureTableDdl({
      ...BASE,
      inputColumns: [
        { name: "state", type: "varchar" },
        { name: "calls", type: "bigint" },
      ],
    });
    const csv = selectList(d.createView).slice(VIEW_FIXED_COLUMNS.length);
    assert.deepEqual(
      csv.map((c) => c.expr),
      [
        "trim(element_at(input_fields, 1))",
        "TRY_CAST(trim(element_at(input_fields, 2)) AS bigint)",
        "TRY_CAST(trim(element_at(output_fields, 1)) AS double)",
      ],
    );
  });

  it("decodes BASE64 (and a missing encoding, as AWS's readers do) with from_base64; CSV and JSON stay as written", () => {
    for (const [side, prefix] of [
      ["endpointinput", "input"],
      ["endpointoutput", "output"],
    ]) {
      const s = `capturedata.${side}`;
      assert.ok(
        sql.includes(
          `CASE WHEN ${s}.encoding IS NULL OR ${s}.encoding = 'BASE64' THEN try(from_utf8(from_base64(${s}.data))) ELSE ${s}.data END AS ${prefix}_text`,
        ),
        `${prefix}_text`,
      );
      assert.ok(
        sql.includes(
          `(${s}.encoding = 'CSV' OR ((${s}.encoding IS NULL OR ${s}.encoding = 'BASE64') AND lower(${s}.observedcontenttype) LIKE '%csv%')) AS ${prefix}_is_csv`,
        ),
        `${prefix}_is_csv`,
      );
    }
    assert.match(sql, /try\(from_iso8601_timestamp\(eventmetadata\.inferencetime\)\) AS inference_time/);
    // customAttributes: the array's JSON text parsed, a plain string wrapped, absent stays NULL.
    assert.ok(
      sql.includes(
        "CASE WHEN eventmetadata.customattributes IS NOT NULL THEN coalesce(try(CAST(json_parse(eventmetadata.customattributes) AS array(varchar))), ARRAY[eventmetadata.customattributes]) END AS custom_attributes",
      ),
    );
  });

  it("splits CSV payloads into the same instances as loadCaptures (its regexes, run on the fixture payloads)", async () => {
    // The patterns are Java regexes; these ones mean the same in JavaScript.
    const trailing = new RegExp(literalAfter(sql, "regexp_replace(input_text, "), "g");
    const split = new RegExp(literalAfter(sql, "regexp_replace(input_text, '[\\r\\n]+$', ''), "));
    const rows = (text: string) => text.replace(trailing, "").split(split);
    const fixture = path.join(ROOT, "test/fixtures/capture/csv.jsonl");
    const loaded = await loadCaptures(fixture);
    const lines = fs
      .readFileSync(fixture, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    let instances = 0;
    for (const l of lines) {
      const r = JSON.parse(l) as { captureData: { endpointInput: { data: string }; endpointOutput: { data: string } } };
      instances += Math.max(
        rows(r.captureData.endpointInput.data).length,
        rows(r.captureData.endpointOutput.data).length,
      );
    }
    assert.equal(instances, loaded.frame.shape[0]);
    assert.deepEqual(rows("1,2\r\n3,4\r\n"), ["1,2", "3,4"]);
    assert.deepEqual(rows("0.5"), ["0.5"]);
    // One row per instance: UNNEST over the longer side, element_at giving NULL past the shorter
    // one; a side whose text is NULL (not decodable) counts as one row, so no record vanishes.
    assert.ok(
      sql.includes(
        "CROSS JOIN UNNEST(sequence(1, greatest(coalesce(cardinality(i.input_rows), 1), coalesce(cardinality(i.output_rows), 1)))) AS r (instance)",
      ),
    );
    assert.match(sql, /r\.instance - 1 AS instance_index/);
  });

  it("is balanced SQL: parentheses outside string literals match, every literal is closed", () => {
    const stripped = sql.replace(/'(?:[^']|'')*'/g, "''");
    assert.doesNotMatch(stripped.replace(/''/g, ""), /'/);
    let depth = 0;
    for (const ch of stripped) {
      if (ch === "(") depth++;
      if (ch === ")") depth--;
      assert.ok(depth >= 0);
    }
    assert.equal(depth, 0);
  });
});
