/**
 * replayCaptures against the embedded local stack: the churn model's captured traffic sent to
 * the same model, to the second churn model, to a handler failing some requests, to a live
 * endpoint under a rate limit, and to a candidate whose replay fails.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadCaptures } from "../../src/read";
import { readCaptureRecords } from "../../src/read/records";
import { replayCaptures, ReplayError } from "../../src/replay";
import {
  CANDIDATE_EXPECTED,
  CANDIDATE_MODEL,
  clockHandlerArchive,
  deployClockHandler,
  EXPECTED,
  MODEL,
  resourcesNamed,
  startReplayStack,
  type ReplayStack,
} from "./helpers";

interface Expected {
  csvBodyPerRow: string[];
}
const expected = (file: string): Expected => JSON.parse(fs.readFileSync(file, "utf8")) as Expected;

describe("replay/replayCaptures on the local stack", function () {
  this.timeout(120_000);
  let s: ReplayStack;
  let out: (name: string) => string;

  before(async () => {
    s = await startReplayStack();
    out = (name) => path.join(s.tmp, "out", name);
  });
  after(async () => {
    if (s) await s.close();
  });

  it("the same model reproduces every captured output exactly: 100 % agreement, the candidate's capture set lines up", async () => {
    const held = expected(EXPECTED).csvBodyPerRow;
    const r = await replayCaptures(s.session, { captures: s.source, candidate: { model: MODEL }, output: out("same") });
    assert.equal(r.summary.requests, 200);
    assert.equal(r.summary.answered, 200);
    assert.equal(r.summary.identical, 200);
    assert.equal(r.summary.agreementRate, 1);
    assert.equal(r.summary.differences.max, 0);
    assert.equal(r.summary.predictions.drift!.psi, 0);
    for (const row of r.rows) {
      // Both the captured answer and the replayed one are xgboost's own (the held fixture).
      assert.equal(row.capturedOutput, held[Number(row.inferenceId)], `captured ${row.inferenceId}`);
      assert.equal(row.candidateOutput, row.capturedOutput, `replayed ${row.inferenceId}`);
      assert.equal(row.absDiff, 0);
    }
    assert.equal(r.candidate.tornDown, true);
    assert.deepEqual(await resourcesNamed(s.session, "replay-candidate"), []);

    // The candidate's answers: a capture set in the layout, original ids and times, same hours.
    const captured = new Map<string, { time: string; file: string }>();
    for await (const rec of readCaptureRecords(s.source))
      captured.set(rec.record.eventMetadata.inferenceId!, {
        time: rec.record.eventMetadata.inferenceTime,
        file: rec.source,
      });
    let n = 0;
    for await (const rec of readCaptureRecords(r.capturesDir!)) {
      n++;
      const id = rec.record.eventMetadata.inferenceId!;
      assert.equal(rec.record.eventMetadata.inferenceTime, captured.get(id)!.time, id);
      assert.equal(rec.record.captureData.endpointOutput!.data, held[Number(id)]);
      assert.equal(rec.record.captureData.endpointInput!.data, s.rows[Number(id)]);
      const hourOf = (f: string) => /\d{4}\/\d{2}\/\d{2}\/\d{2}\//.exec(f.split(path.sep).join("/"))![0];
      assert.equal(hourOf(rec.source), hourOf(captured.get(id)!.file), id);
    }
    assert.equal(n, 200);
    const loaded = await loadCaptures(r.capturesDir!);
    assert.equal(loaded.frame.shape[0], 200);
    const lines = fs
      .readFileSync(path.join(out("same"), "comparison.jsonl"), "utf8")
      .trim()
      .split("\n");
    assert.equal(lines.length, 200);
    const summary = JSON.parse(fs.readFileSync(path.join(out("same"), "summary.json"), "utf8")) as {
      agreementRate: number;
    };
    assert.equal(summary.agreementRate, 1);
  });

  it("against the second churn model the differences equal xgboost's own predictions of both models", async () => {
    const a = expected(EXPECTED).csvBodyPerRow;
    const b = expected(CANDIDATE_EXPECTED).csvBodyPerRow;
    const report = out("candidate.html");
    const r = await replayCaptures(s.session, {
      captures: s.source,
      candidate: { model: CANDIDATE_MODEL },
      output: out("candidate"),
      report,
    });
    assert.equal(r.summary.answered, 200);
    let agree = 0;
    const diffs: number[] = [];
    for (const row of r.rows) {
      const i = Number(row.inferenceId);
      assert.equal(row.candidateOutput, b[i], `candidate answer ${i}`);
      const d = Number(b[i]) - Number(a[i]);
      assert.equal(row.diff, d, `difference ${i}`);
      assert.equal(row.absDiff, Math.abs(d));
      const same = Number(a[i]) >= 0.5 === Number(b[i]) >= 0.5;
      assert.equal(row.agree, same, `agreement ${i}`);
      if (same) agree++;
      diffs.push(Math.abs(d));
    }
    assert.ok(agree < 200, "the second model decides some rows differently");
    assert.equal(r.summary.agreed, agree);
    assert.equal(r.summary.agreementRate, agree / 200);
    assert.equal(r.summary.differences.max, Math.max(...diffs));
    assert.equal(r.summary.largest[0]!.absDiff, Math.max(...diffs));
    assert.ok(r.summary.predictions.drift!.psi > 0);
    const html = fs.readFileSync(report, "utf8");
    assert.match(html, /<svg/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it("a candidate failing some requests keeps the rest and names each failure with its record", async () => {
    const archive = await clockHandlerArchive(s.tmp);
    const r = await replayCaptures(s.session, {
      captures: s.source,
      candidate: {
        model: archive,
        imageUri: "local/js",
        environment: { SAGEMAKER_PROGRAM: "handler.js", FAIL_MOD: "7" },
      },
      output: out("failing"),
    });
    const failing = s.rows.map((_, i) => i).filter((i) => i % 7 === 3);
    assert.equal(r.summary.failed, failing.length);
    assert.equal(r.summary.answered, 200 - failing.length);
    const failedIds = r.rows.filter((row) => row.error !== undefined).map((row) => Number(row.inferenceId));
    assert.deepEqual(
      failedIds.sort((x, y) => x - y),
      failing,
    );
    for (const e of r.summary.errors.first) {
      assert.match(e.error, /ModelError|cannot score request/);
      assert.match(e.source, /\.jsonl$/);
      assert.ok(e.line >= 1);
    }
    let n = 0;
    for await (const rec of readCaptureRecords(r.capturesDir!)) {
      n++;
      assert.notEqual(Number(rec.record.eventMetadata.inferenceId) % 7, 3);
    }
    assert.equal(n, 200 - failing.length);
    assert.equal(r.candidate.tornDown, true);
  });

  it("the rate limit holds against a live endpoint: the server never sees more than the rate per second", async () => {
    await deployClockHandler(s.session, "live-clock");
    const rate = 20;
    const r = await replayCaptures(s.session, {
      captures: s.source,
      limit: 60,
      candidate: { endpointName: "live-clock" },
      rate,
      concurrency: 4,
    });
    assert.equal(r.summary.answered, 60);
    // The handler answered the time it received each request (the server's clock).
    const t = r.rows.map((row) => row.candidate[0]![0] as number).sort((x, y) => x - y);
    // Starts are spaced 1000/rate ms apart, so a 1 s window holds at most rate + 1 of them; one
    // more is allowed for the transit jitter between sending and receiving.
    let most = 0;
    for (let i = 0; i < t.length; i++) {
      let j = i;
      while (j < t.length && t[j]! - t[i]! < 1000) j++;
      most = Math.max(most, j - i);
    }
    assert.ok(most <= rate + 2, `${most} requests within one second at ${rate}/s`);
    assert.ok(t[t.length - 1]! - t[0]! >= ((t.length - 3) * 1000) / rate, "60 requests at 20/s span about 3 s");
    assert.equal(r.candidate.deployed, false);
  });

  it("tears the candidate down when the replay fails part-way", async () => {
    const controller = new AbortController();
    await assert.rejects(
      replayCaptures(s.session, {
        captures: s.source,
        candidate: { model: CANDIDATE_MODEL },
        concurrency: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done >= 5) controller.abort();
        },
      }),
      (e: Error) => e instanceof ReplayError && /interrupted after \d+ of 200/.test(e.message),
    );
    assert.deepEqual(await resourcesNamed(s.session, "replay-candidate"), []);
  });

  it("tears the candidate down when it cannot be deployed, and says why", async () => {
    const broken = path.join(s.tmp, "broken-model.json");
    fs.writeFileSync(broken, "{ not a model");
    await assert.rejects(
      replayCaptures(s.session, { captures: s.source, candidate: { model: broken } }),
      (e: Error) =>
        e instanceof ReplayError && e.message.includes("could not be deployed") && e.message.includes(broken),
    );
    assert.deepEqual(await resourcesNamed(s.session, "replay-candidate"), []);
  });
});
