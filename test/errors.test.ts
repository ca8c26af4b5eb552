import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CaptureLabError } from "../src";
import { formatLocation } from "../src/errors";
import * as aws from "../src/aws";
import * as capture from "../src/capture";
import * as display from "../src/display";
import * as local from "../src/local";
import * as monitor from "../src/monitor";
import * as read from "../src/read";
import * as session from "../src/session";
import * as root from "../src";
import { EndpointWaitError } from "../src/aws/waiters";
import { MonitorFileError } from "../src/monitor/files/file-error";
import { S3Errors } from "../src/local/s3/errors";
import { SageMakerErrors } from "../src/local/sagemaker/errors";
import { SageMakerRuntimeErrors } from "../src/local/runtime/errors";

const ROOT = path.resolve(__dirname, "..");
const ENTRIES = { root, capture, read, aws, session, local, monitor, display };

type ErrorClass = abstract new (...args: never[]) => Error;

/** The classes an entry point exports whose instances are errors. */
function errorClasses(mod: Record<string, unknown>): Array<[string, ErrorClass]> {
  return Object.entries(mod).filter(
    (e): e is [string, ErrorClass] => typeof e[1] === "function" && e[1].prototype instanceof Error,
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("errors: one family under CaptureLabError", () => {
  it("every error class an entry point exports is a CaptureLabError", () => {
    let seen = 0;
    for (const [entry, mod] of Object.entries(ENTRIES)) {
      for (const [name, cls] of errorClasses(mod)) {
        seen++;
        assert.ok(
          cls === CaptureLabError || cls.prototype instanceof CaptureLabError,
          `${name} (exported by ${entry}) does not extend CaptureLabError`,
        );
      }
    }
    assert.ok(seen >= 13, `only ${seen} error classes found: the entry points moved?`);
  });

  it("no class in src extends Error (or another built-in error) but CaptureLabError itself", () => {
    const direct = /class\s+(\w+)\s+extends\s+(Error|TypeError|RangeError|SyntaxError)\b/g;
    const offenders = sourceFiles(path.join(ROOT, "src")).flatMap((f) =>
      [...fs.readFileSync(f, "utf8").matchAll(direct)]
        .map((m) => `${path.relative(ROOT, f)}: ${m[1]} extends ${m[2]}`)
        .filter((s) => !s.startsWith("src/errors.ts: CaptureLabError ")),
    );
    assert.deepEqual(offenders, []);
  });

  it("a subclass is named after itself, keeps its cause, and says where with source, line and field", () => {
    const cause = new Error("ENOENT");
    class ExampleError extends CaptureLabError {}
    const e = new ExampleError("f.jsonl:3: a: bad", { source: "f.jsonl", line: 3, field: "a", cause });
    assert.ok(e instanceof CaptureLabError && e instanceof Error);
    assert.equal(e.name, "ExampleError");
    assert.equal(e.cause, cause);
    assert.deepEqual([e.source, e.line, e.field], ["f.jsonl", 3, "a"]);
    const bare = new ExampleError("no location");
    assert.deepEqual([bare.source, bare.line, bare.field, "cause" in bare], [undefined, undefined, undefined, false]);
    assert.equal(formatLocation({ source: "f", line: 2 }), "f:2");
    assert.equal(formatLocation({ line: 2 }), "line 2");
    assert.equal(formatLocation({}), "");
  });

  it("format, reader and Model Monitor file errors report their location in the base's properties", () => {
    const located: Array<[CaptureLabError, string, number | undefined, string | undefined]> = [
      [
        new capture.CaptureFormatError("expected a string", { source: "a.jsonl", line: 7, field: "eventVersion" }),
        "a.jsonl",
        7,
        "eventVersion",
      ],
      [
        new read.CaptureReadError("expected an object", { source: "s3://b/k", line: 2, field: "captureData" }),
        "s3://b/k",
        2,
        "captureData",
      ],
      [new read.FrameSizeError({ source: "big.jsonl", line: 9 }, 10, 10, 50), "big.jsonl", 9, undefined],
      [
        new MonitorFileError("statistics.json", "features[0].name", "a string"),
        "statistics.json",
        undefined,
        "features[0].name",
      ],
    ];
    for (const [e, source, line, field] of located) {
      assert.ok(e instanceof CaptureLabError, e.name);
      assert.equal(e.source, source, e.name);
      assert.equal(e.line, line, e.name);
      assert.equal(e.field, field, e.name);
      assert.ok(e.message.startsWith(source), `${e.name}: the message starts with where (${e.message})`);
    }
  });

  it("an AWS SDK error stays as the cause, unwrapped", () => {
    const sdkError = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    const e = new EndpointWaitError("gave up", "ep", "Creating", sdkError);
    assert.ok(e instanceof CaptureLabError);
    assert.equal(e.cause, sdkError);
    assert.equal(e.lastError, sdkError);
  });

  it("each local service raises one error class made by one factory object", () => {
    const made = [
      S3Errors.noSuchKey("k"),
      SageMakerErrors.notFound("model", "arn:aws:sagemaker:us-east-1:1:model/m"),
      SageMakerRuntimeErrors.validation("bad"),
    ];
    for (const e of made) {
      assert.ok(e instanceof CaptureLabError, e.name);
      assert.equal(typeof e.code, "string");
      assert.equal(typeof e.status, "number");
    }
    assert.deepEqual(
      made.map((e) => [e.name, e.code, e.status]),
      [
        ["S3Error", "NoSuchKey", 404],
        ["SageMakerError", "ValidationException", 400],
        ["SageMakerRuntimeError", "ValidationError", 400],
      ],
    );
  });
});
