import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { queryCaptures, AthenaQueryError, type QueryCapturesOptions } from "../../src/athena";
import { CaptureLabError } from "../../src/errors";
import { errorOf, until } from "../helpers";
import { startAthenaDouble, type AthenaDouble } from "./athena-double";

const ROOT = path.resolve(__dirname, "../..");
const aws = { region: "us-east-1", target: { kind: "aws" } } as Parameters<typeof queryCaptures>[0];
const local = { region: "us-east-1", target: { kind: "local" } } as Parameters<typeof queryCaptures>[0];

describe("athena/queryCaptures against an Athena double at the SDK's wire level", function () {
  this.timeout(20_000);
  let athena: AthenaDouble;
  let options: QueryCapturesOptions;

  beforeEach(async () => {
    athena = await startAthenaDouble();
    options = {
      database: "capture_lab",
      outputLocation: "s3://results/",
      workgroup: "analysts",
      pollMs: 1,
      clientConfig: { endpoint: athena.url, credentials: { accessKeyId: "AKID", secretAccessKey: "secret" } },
    };
  });
  afterEach(() => athena.close());

  it("starts the query with database, workgroup and output location, polls to SUCCEEDED, and types the columns", async () => {
    athena.script({
      states: ["QUEUED", "RUNNING", "RUNNING", "SUCCEEDED"],
      scanned: 123_456,
      columns: [
        { name: "datehour", type: "varchar" },
        { name: "records", type: "bigint" },
        { name: "mean_score", type: "double" },
        { name: "has_id", type: "boolean" },
        { name: "first_seen", type: "timestamp" },
      ],
      rows: [
        ["2026/01/05/08", "3000", "0.5", "true", "2026-01-05 08:59:30.123"],
        ["2026/01/05/09", "2990", null, "false", null],
      ],
    });
    const r = await queryCaptures(aws, "SELECT 1", options);
    const start = athena.calls.find((c) => c.operation === "StartQueryExecution")!;
    assert.equal(start.body.QueryString, "SELECT 1");
    assert.deepEqual(start.body.QueryExecutionContext, { Database: "capture_lab" });
    assert.equal(start.body.WorkGroup, "analysts");
    assert.deepEqual(start.body.ResultConfiguration, { OutputLocation: "s3://results/" });
    assert.equal(athena.calls.filter((c) => c.operation === "GetQueryExecution").length, 4);

    assert.deepEqual(r.frame.shape, [2, 5], "the header row Athena sends first is not data");
    assert.deepEqual(
      r.columns.map((c) => [c.name, c.athenaType, c.dtype]),
      [
        ["datehour", "varchar", "string"],
        ["records", "bigint", "int32"],
        ["mean_score", "double", "float32"],
        ["has_id", "boolean", "boolean"],
        ["first_seen", "timestamp", "datetime"],
      ],
    );
    assert.deepEqual(r.frame.column("records").values, [3000, 2990]);
    const scores = r.frame.column("mean_score").values as number[];
    assert.equal(scores[0], 0.5);
    assert.ok(Number.isNaN(scores[1]), "NULL double is NaN");
    assert.deepEqual(r.frame.column("has_id").values, [true, false]);
    const seen = r.frame.column("first_seen").values as unknown as Array<Date | null>;
    assert.equal(seen[0]!.toISOString(), "2026-01-05T08:59:30.123Z");
    assert.equal(seen[1], null);
    assert.equal(r.dataScannedBytes, 123_456);
    assert.equal(r.statementType, "DML");
    assert.equal(r.outputLocation, `s3://results/${r.queryExecutionId}.csv`);
  });

  it("pages through every result page with NextToken (2,500 rows: three pages)", async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [String(i)]);
    athena.script({ states: ["SUCCEEDED"], columns: [{ name: "n", type: "integer" }], rows });
    const r = await queryCaptures(aws, "SELECT n FROM t", options);
    const pages = athena.calls.filter((c) => c.operation === "GetQueryResults");
    assert.equal(pages.length, 3);
    assert.equal(pages[0].body.NextToken, undefined);
    assert.ok(pages.every((p) => p.body.MaxResults === 1000));
    const values = r.frame.column("n").values as number[];
    assert.equal(values.length, 2500);
    assert.deepEqual([values[0], values[999], values[1000], values[2499]], [0, 999, 1000, 2499]);
  });

  it("keeps a bigint past 2^53 as its text rather than rounding it", async () => {
    athena.script({
      states: ["SUCCEEDED"],
      columns: [{ name: "big", type: "bigint" }],
      rows: [["9007199254740993"], ["1"]],
    });
    const r = await queryCaptures(aws, "SELECT big FROM t", options);
    assert.equal(r.columns[0].dtype, "string");
    assert.deepEqual(r.frame.column("big").values, ["9007199254740993", "1"]);
  });

  it("a DDL statement returns an empty frame (no header row to drop)", async () => {
    athena.script({ states: ["RUNNING", "SUCCEEDED"], statementType: "DDL" });
    const r = await queryCaptures(aws, "CREATE EXTERNAL TABLE ...", options);
    assert.equal(r.statementType, "DDL");
    assert.equal(r.frame.shape[0], 0);
  });

  it("a FAILED query throws AthenaQueryError carrying Athena's StateChangeReason", async () => {
    const reason =
      "CONSTRAINT_VIOLATION: For the injected projected partition column endpoint_name, the WHERE clause must contain only static equality conditions, and at least one such condition must be present.";
    athena.script({ states: ["QUEUED", "FAILED"], reason, errorType: 1301 });
    const e = await errorOf(queryCaptures(aws, "SELECT count(*) FROM churn_captures", options));
    assert.ok(e instanceof AthenaQueryError && e instanceof CaptureLabError);
    const err = e as unknown as AthenaQueryError;
    assert.equal(err.state, "FAILED");
    assert.equal(err.stateChangeReason, reason);
    assert.equal(err.errorType, 1301);
    assert.match(err.message, /^Athena query q-1 FAILED: CONSTRAINT_VIOLATION/);
    assert.equal(err.source, "athena:q-1");
    assert.ok(!athena.calls.some((c) => c.operation === "GetQueryResults"), "no results fetched for a failed query");
  });

  it("a CANCELLED query throws with its reason", async () => {
    athena.script({ states: ["RUNNING", "CANCELLED"], reason: "Query cancelled by user" });
    const e = (await errorOf(queryCaptures(aws, "SELECT 1", options))) as unknown as AthenaQueryError;
    assert.equal(e.state, "CANCELLED");
    assert.match(e.message, /Query cancelled by user/);
  });

  it("past the deadline it asks Athena to stop the query and throws TIMEOUT", async () => {
    athena.script({ states: ["RUNNING"] });
    const e = (await errorOf(
      queryCaptures(aws, "SELECT 1", { ...options, timeoutMs: 30 }),
    )) as unknown as AthenaQueryError;
    assert.equal(e.state, "TIMEOUT");
    assert.match(e.message, /still RUNNING after 30 ms/);
    const stop = athena.calls.find((c) => c.operation === "StopQueryExecution");
    assert.equal(stop?.body.QueryExecutionId, "q-1");
  });

  it("an abort signal ends the wait at once, and the query is asked to stop", async () => {
    athena.script({ states: ["RUNNING"] });
    const controller = new AbortController();
    const pending = errorOf(queryCaptures(aws, "SELECT 1", { ...options, pollMs: 60_000, signal: controller.signal }));
    await until(() => athena.calls.some((c) => c.operation === "GetQueryExecution"), 10_000, "the first poll");
    controller.abort();
    const e = (await pending) as unknown as AthenaQueryError;
    assert.equal(e.state, "TIMEOUT");
    assert.match(e.message, /aborted; asked Athena to stop it/);
    assert.ok(athena.calls.some((c) => c.operation === "StopQueryExecution"));
  });

  it("an SDK error on start is kept as cause, with a hint when the output location is missing", async () => {
    athena.failStart(
      "InvalidRequestException",
      "No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.",
    );
    const { outputLocation: _, ...noOutput } = options;
    const e = (await errorOf(queryCaptures(aws, "SELECT 1", noOutput))) as unknown as AthenaQueryError;
    assert.equal(e.state, "ERROR");
    assert.equal((e.cause as Error).name, "InvalidRequestException");
    assert.match(e.message, /pass outputLocation, or a workgroup that sets one/);
  });

  it("refuses results longer than maxRows instead of truncating them", async () => {
    athena.script({ states: ["SUCCEEDED"], columns: [{ name: "n", type: "integer" }], rows: [["1"], ["2"], ["3"]] });
    const e = (await errorOf(
      queryCaptures(aws, "SELECT n FROM t", { ...options, maxRows: 2 }),
    )) as unknown as AthenaQueryError;
    assert.match(e.message, /more than maxRows \(2\) rows.*s3:\/\/results\/q-1\.csv/);
  });

  it("a local session without an Athena endpoint is refused before any call", async () => {
    const e = (await errorOf(queryCaptures(local, "SELECT 1", { database: "d" }))) as unknown as AthenaQueryError;
    assert.match(e.message, /local stack has no Athena/);
    assert.equal(athena.calls.length, 0);
  });

  it("an empty statement is refused", async () => {
    const e = await errorOf(queryCaptures(aws, "  ", options));
    assert.ok(e instanceof AthenaQueryError);
  });
});

describe("athena: @aws-sdk/client-athena is loaded only when a query runs", function () {
  this.timeout(60_000);
  it("importing capture-lab/athena and building DDL does not require the client package", () => {
    const script = `
      const athena = require(${JSON.stringify(path.join(ROOT, "src/athena"))});
      athena.captureTableDdl({ database: "d", table: "t", destinationS3Uri: "s3://b/p" });
      const loaded = () => Object.keys(require.cache).some((k) => k.includes("client-athena"));
      const before = loaded();
      athena.queryCaptures({ region: "us-east-1", target: { kind: "aws" } }, "SELECT 1", {
        database: "d", timeoutMs: 1, clientConfig: { endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "a", secretAccessKey: "b" } },
      }).catch(() => undefined).then(() => console.log(JSON.stringify({ before, after: loaded() })));
    `;
    const res = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8" });
    const line = res.stdout.trim().split("\n").pop() ?? "";
    assert.deepEqual(JSON.parse(line), { before: false, after: true }, res.stderr);
  });
});
