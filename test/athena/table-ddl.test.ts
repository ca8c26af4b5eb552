/**
 * The table DDL against what the Athena User Guide documents, one property family at a time:
 * - https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html
 *   (enum: `type`, `values` comma-separated, white space part of a value; injected: `type`
 *   only; date: `type`, `format` (Java date pattern), `range` (two comma-separated values in
 *   that format or relative to NOW), `interval`, `interval.unit` (a ChronoUnit name))
 * - https://docs.aws.amazon.com/athena/latest/ug/partition-projection-kinesis-firehose-example.html
 *   (a `yyyy/MM/dd/HH` hour layout: a string partition column with a date projection, interval
 *   1 HOURS, `storage.location.template` with `${column}` placeholders)
 * - https://docs.aws.amazon.com/athena/latest/ug/partition-projection-dynamic-id-partitioning.html (injected)
 * - https://docs.aws.amazon.com/athena/latest/ug/openx-json-serde.html (SerDe class and its properties)
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { captureTableDdl, AthenaTableError, PARTITION_COLUMNS, type CaptureTableOptions } from "../../src/athena";
import { CaptureLabError } from "../../src/errors";
import { buildCaptureRecord, captureFileKey, parseCaptureKey, serializeCaptureRecord } from "../../src/capture";

const ROOT = path.resolve(__dirname, "../..");
const SHARED = path.resolve(ROOT, "..", "shared");

const BASE: CaptureTableOptions = {
  database: "capture_lab",
  table: "churn_captures",
  destinationS3Uri: "s3://capture-lab/sagemaker/DEMO-ModelMonitor/datacapture",
  endpoint: "capture-lab-churn-2026-12-07-13-00-00",
  variant: "AllTraffic",
};

/** `'key' = 'value'` pairs of a `NAME (...)` block of the DDL text. */
function block(ddl: string, name: string): Record<string, string> {
  const m = new RegExp(`${name} \\(\\n([\\s\\S]*?)\\n\\)`).exec(ddl);
  assert.ok(m, `no ${name} block in:\n${ddl}`);
  const out: Record<string, string> = {};
  for (const line of m[1].split("\n")) {
    const kv = /^\s*'([^']*)' = '([^']*)',?$/.exec(line);
    assert.ok(kv, `not a 'key' = 'value' line: ${line}`);
    out[kv[1]] = kv[2];
  }
  return out;
}

/** A Java date pattern (letters y M d H, other characters literal) applied to a UTC date. */
function javaFormat(pattern: string, d: Date): string {
  const fields: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    MM: String(d.getUTCMonth() + 1).padStart(2, "0"),
    dd: String(d.getUTCDate()).padStart(2, "0"),
    HH: String(d.getUTCHours()).padStart(2, "0"),
  };
  return pattern.replace(/yyyy|MM|dd|HH/g, (f) => fields[f]);
}

/** Columns typed `string` that take a JSON array as its text (the OpenX SerDe does that). */
const JSON_TEXT = ["eventmetadata.customattributes"];

const CHRONO_UNITS = ["YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS", "MINUTES", "SECONDS", "MILLIS"];

describe("athena/captureTableDdl: table properties as Athena documents them", () => {
  const ddl = captureTableDdl(BASE);
  const props = block(ddl.createTable, "TBLPROPERTIES");

  it("the DDL text carries exactly the returned properties, and only documented keys", () => {
    assert.deepEqual(props, ddl.tableProperties);
    assert.deepEqual(block(ddl.createTable, "WITH SERDEPROPERTIES"), ddl.serdeProperties);
    const cols = PARTITION_COLUMNS.join("|");
    const documented = new RegExp(
      `^(projection\\.enabled|storage\\.location\\.template|projection\\.(${cols})\\.(type|values|range|format|interval|interval\\.unit))$`,
    );
    for (const key of Object.keys(props)) assert.match(key, documented);
  });

  it("projection is enabled, every partition column has a documented projection type", () => {
    assert.equal(props["projection.enabled"], "true");
    for (const c of PARTITION_COLUMNS)
      assert.ok(["enum", "injected", "date", "integer"].includes(props[`projection.${c}.type`]), c);
    const partitioned = /PARTITIONED BY \(\n([\s\S]*?)\n\)/.exec(ddl.createTable)![1];
    assert.deepEqual(
      partitioned.split(",\n").map((l) => l.trim()),
      PARTITION_COLUMNS.map((c) => `\`${c}\` string`),
    );
  });

  it("enum family: endpoint and variant given are enum projections with comma-separated values, no white space", () => {
    assert.equal(props["projection.endpoint_name.type"], "enum");
    assert.equal(props["projection.endpoint_name.values"], BASE.endpoint);
    assert.equal(props["projection.variant_name.type"], "enum");
    assert.equal(props["projection.variant_name.values"], "AllTraffic");
    const two = captureTableDdl({ ...BASE, variant: ["AllTraffic", "Shadow-01"] }).tableProperties;
    assert.equal(two["projection.variant_name.values"], "AllTraffic,Shadow-01");
    assert.doesNotMatch(two["projection.variant_name.values"], /\s/, "white space would be part of a value");
  });

  it("injected family: endpoint and variant omitted are injected, with no other property", () => {
    const p = captureTableDdl({ ...BASE, endpoint: undefined, variant: undefined }).tableProperties;
    for (const c of ["endpoint_name", "variant_name"]) {
      assert.equal(p[`projection.${c}.type`], "injected");
      assert.deepEqual(
        Object.keys(p).filter((k) => k.startsWith(`projection.${c}.`)),
        [`projection.${c}.type`],
      );
    }
  });

  it("date family: the hour is a date projection whose format is the capture key's hour folders", () => {
    assert.equal(props["projection.datehour.type"], "date");
    assert.equal(props["projection.datehour.format"], "yyyy/MM/dd/HH");
    // The documented format applied to a capture's start gives the folder the writer uses.
    for (const start of [
      new Date(Date.UTC(2022, 3, 18, 0, 20, 48, 871)),
      new Date(Date.UTC(2026, 11, 31, 23, 59, 59)),
    ]) {
      const key = captureFileKey({
        prefix: "",
        endpointName: "e",
        variantName: "v",
        start,
        uuid: "0b7bfd33-c8a7-4adf-a09a-98fd0af79974",
      });
      assert.equal(key.split("/").slice(2, 6).join("/"), javaFormat(props["projection.datehour.format"], start));
    }
  });

  it("date family: range is two comma-separated values, the first in the format, the last NOW", () => {
    const range = props["projection.datehour.range"].split(",");
    assert.equal(range.length, 2);
    assert.match(range[0], /^\d{4}\/\d{2}\/\d{2}\/\d{2}$/);
    assert.equal(range[1], "NOW");
    const from = new Date(Date.UTC(2026, 0, 5, 8, 30));
    assert.equal(captureTableDdl({ ...BASE, from }).tableProperties["projection.datehour.range"], "2026/01/05/08,NOW");
    assert.equal(
      captureTableDdl({ ...BASE, from: "NOW-90DAYS" }).tableProperties["projection.datehour.range"],
      "NOW-90DAYS,NOW",
    );
  });

  it("date family: a sub-day format has interval 1 and interval.unit HOURS (a ChronoUnit name)", () => {
    assert.match(props["projection.datehour.interval"], /^[1-9]\d*$/);
    assert.equal(props["projection.datehour.interval"], "1");
    assert.ok(CHRONO_UNITS.includes(props["projection.datehour.interval.unit"]));
    assert.equal(props["projection.datehour.interval.unit"], "HOURS");
  });

  it("storage.location.template: LOCATION plus one placeholder per partition column, in key order", () => {
    const template = props["storage.location.template"];
    assert.ok(template.startsWith(ddl.location));
    assert.match(ddl.createTable, new RegExp(`LOCATION '${ddl.location.replace(/[/.]/g, "\\$&")}'`));
    assert.deepEqual(
      [...template.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]),
      [...PARTITION_COLUMNS],
    );
  });

  it("storage.location.template: filled from real AWS keys, it is their folder", () => {
    // Real keys (docs/capture-format.md §2).
    const keys = [
      "sagemaker/DEMO-ModelMonitor/datacapture/DEMO-xgb-churn-pred-model-monitor-2022-04-18-00-13-16/AllTraffic/2022/04/18/00/20-48-871-0b7bfd33-c8a7-4adf-a09a-98fd0af79974.jsonl",
      "datacapture-prod/mlops-02-14-11-03-33-prod/AllTraffic/2025/02/15/21/29-20-227-06f6a337-a6ae-419f-9af0-be9a6cdc54a6.jsonl",
    ];
    for (const key of keys) {
      const parts = parseCaptureKey(key)!;
      const t = captureTableDdl({
        ...BASE,
        destinationS3Uri: `s3://bucket/${parts.prefix}/`,
        endpoint: parts.endpointName,
      }).tableProperties["storage.location.template"];
      const folder = t
        .replace("${endpoint_name}", parts.endpointName)
        .replace("${variant_name}", parts.variantName)
        .replace("${datehour}", javaFormat("yyyy/MM/dd/HH", parts.start));
      assert.equal(folder, `s3://bucket/${key.slice(0, key.lastIndexOf("/") + 1)}`);
    }
  });

  it("SerDe family: the OpenX JSON SerDe over text files, malformed lines not skipped", () => {
    assert.match(ddl.createTable, /^ROW FORMAT SERDE 'org\.openx\.data\.jsonserde\.JsonSerDe'$/m);
    assert.match(ddl.createTable, /^STORED AS INPUTFORMAT 'org\.apache\.hadoop\.mapred\.TextInputFormat'$/m);
    assert.match(ddl.createTable, /^OUTPUTFORMAT 'org\.apache\.hadoop\.hive\.ql\.io\.HiveIgnoreKeyTextOutputFormat'$/m);
    const documented = ["ignore.malformed.json", "dots.in.keys", "case.insensitive", "use.null.for.invalid.data"];
    for (const [k, v] of Object.entries(ddl.serdeProperties)) {
      assert.ok(documented.includes(k), k);
      assert.match(v, /^(true|false)$/i);
    }
    assert.equal(ddl.serdeProperties["ignore.malformed.json"], "false");
    // The record's keys are camelCase; the column names are lower case: case-insensitive matching is required.
    assert.equal(ddl.serdeProperties["case.insensitive"], "true");
  });
});

/** Parses a Hive type (`string`, `array<T>`, `struct<a:T,...>`) into a tree. */
type HiveType = string | { array: HiveType } | { struct: Record<string, HiveType> };
function parseType(text: string): HiveType {
  let i = 0;
  const name = () => /^[a-z_]+/i.exec(text.slice(i))![0];
  const type = (): HiveType => {
    const n = name();
    i += n.length;
    if (n === "array") {
      i++; // <
      const t = type();
      i++; // >
      return { array: t };
    }
    if (n === "struct") {
      i++;
      const fields: Record<string, HiveType> = {};
      for (;;) {
        const f = name();
        i += f.length + 1; // name:
        fields[f] = type();
        if (text[i++] === ">") return { struct: fields };
      }
    }
    return n;
  };
  return type();
}

/** Every key path of a record (lower-cased), with its JSON kind. */
function keyPaths(value: unknown, prefix = ""): Array<[string, string]> {
  if (Array.isArray(value)) return [[prefix, "array"], ...value.flatMap((v) => keyPaths(v, `${prefix}[]`))];
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) =>
      keyPaths(v, prefix ? `${prefix}.${k.toLowerCase()}` : k.toLowerCase()),
    );
  }
  return [[prefix, value === null ? "null" : typeof value]];
}

function lookup(columns: Record<string, HiveType>, p: string): HiveType | undefined {
  let t: HiveType | undefined = { struct: columns };
  for (const part of p.split(".")) {
    const arr = part.endsWith("[]");
    const key = arr ? part.slice(0, -2) : part;
    if (typeof t !== "object" || !("struct" in t)) return undefined;
    t = t.struct[key];
    if (arr) t = typeof t === "object" && "array" in t ? t.array : undefined;
  }
  return t;
}

describe("athena/captureTableDdl: the columns are AWS's record shape", () => {
  const ddl = captureTableDdl(BASE);
  const body = /IF NOT EXISTS [^(]+\(\n([\s\S]*?)\n\)\nPARTITIONED/.exec(ddl.createTable)![1];
  const columns: Record<string, HiveType> = {};
  for (const line of body.split(",\n")) {
    const m = /^\s*`(\w+)` (.+)$/.exec(line)!;
    columns[m[1]] = parseType(m[2]);
  }

  function records(): Array<{ where: string; record: unknown }> {
    const out: Array<{ where: string; record: unknown }> = [];
    const dirs = [path.join(ROOT, "test/fixtures/capture"), path.join(SHARED, "fixtures/aws-capture")];
    for (const dir of dirs) {
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".jsonl"))) {
        fs.readFileSync(path.join(dir, f), "utf8")
          .split("\n")
          .forEach((l, i) => {
            if (l.trim().startsWith("{")) {
              try {
                const record = JSON.parse(l) as Record<string, unknown>;
                // Capture records only (the shared fixtures hold batch-transform outputs too).
                if ("captureData" in record) out.push({ where: `${f}:${i + 1}`, record });
              } catch {
                // a deliberately broken fixture line: not a record
              }
            }
          });
      }
    }
    // inferenceId and customAttributes, as the capture writer writes them.
    const enc = new TextEncoder();
    const full = buildCaptureRecord({
      input: { contentType: "text/csv", body: enc.encode("1,2"), encoding: "CSV" },
      output: { contentType: "text/csv", body: enc.encode("0.5"), encoding: "CSV" },
      eventId: "0b7bfd33-c8a7-4adf-a09a-98fd0af79974",
      inferenceId: "row-7",
      customAttributes: "trace=abc",
      inferenceTime: new Date(Date.UTC(2026, 0, 5)),
    });
    out.push({ where: "writer", record: JSON.parse(serializeCaptureRecord(full)) });
    return out;
  }

  it("every key of real and written records has a column of a matching type (inferenceId, customAttributes included)", () => {
    const recs = records();
    assert.ok(recs.length >= 5, `only ${recs.length} records`);
    const paths = new Set<string>();
    for (const { where, record } of recs) {
      for (const [p, kind] of keyPaths(record).filter(([q]) => !JSON_TEXT.some((j) => q.startsWith(`${j}[]`)))) {
        paths.add(p);
        const t = lookup(columns, p);
        assert.ok(t !== undefined, `${where}: ${p} has no column`);
        // customAttributes comes as an array or a string: a string column takes both (the view splits them).
        if (kind === "array" && JSON_TEXT.includes(p)) assert.equal(t, "string", `${where}: ${p}`);
        else if (kind === "array")
          assert.ok(typeof t === "object" && "array" in t, `${where}: ${p} should be an array`);
        else if (kind !== "null") assert.equal(t, "string", `${where}: ${p}`);
      }
    }
    for (const p of [
      "eventmetadata.inferenceid",
      "eventmetadata.customattributes",
      "capturedata.endpointinput.encoding",
    ]) {
      assert.ok(paths.has(p), `no record exercised ${p}`);
    }
  });
});

describe("athena/captureTableDdl: bad options name the option", () => {
  const cases: Array<[string, Partial<CaptureTableOptions>, string]> = [
    ["database with a dash", { database: "capture-lab" }, "database"],
    ["table with a space", { table: "churn captures" }, "table"],
    ["not an S3 URI", { destinationS3Uri: "https://bucket/prefix" }, "destinationS3Uri"],
    ["a quote in the prefix", { destinationS3Uri: "s3://bucket/it's" }, "destinationS3Uri"],
    ["an endpoint SageMaker would refuse", { endpoint: "churn,prod" }, "endpoint"],
    ["an empty variant list", { variant: [] }, "variant"],
    ["a bad first hour", { from: "2026-01-05" }, "from"],
    ["a view named like the table", { view: "churn_captures" }, "view"],
    ["a bad CSV type", { inputColumns: [{ name: "a", type: "int" as never }] }, "inputColumns[0].type"],
  ];
  for (const [what, patch, field] of cases) {
    it(what, () => {
      assert.throws(
        () => captureTableDdl({ ...BASE, ...patch }),
        (e: unknown) => e instanceof AthenaTableError && e instanceof CaptureLabError && e.field === field,
      );
    });
  }

  it("a trailing / on the destination is dropped, as the capture writer joins it", () => {
    const a = captureTableDdl({ ...BASE, destinationS3Uri: "s3://b/p/datacapture/" });
    assert.equal(a.location, "s3://b/p/datacapture/");
    assert.ok(a.tableProperties["storage.location.template"].startsWith("s3://b/p/datacapture/${endpoint_name}/"));
  });

  it("names are lower-cased as Athena stores them", () => {
    const d = captureTableDdl({ ...BASE, database: "Capture_Lab", table: "Churn" });
    assert.match(d.createTable, /^CREATE EXTERNAL TABLE IF NOT EXISTS `capture_lab`\.`churn` \(/);
    assert.equal(d.view.name, "churn_decoded");
  });
});
