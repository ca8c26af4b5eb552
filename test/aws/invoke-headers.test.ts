/** InferenceId and CustomAttributes checked against the API's limits before any request is sent. */
import { strict as assert } from "node:assert";
import { connect, invokeRows, type CaptureLabSession } from "../../src";
import { customAttributesProblem, inferenceIdProblem } from "../../src/aws/invoke-headers";
import { errorOf } from "../helpers";
import { startFakeStack, type FakeStack } from "./stack-double";

describe("aws/invoke-headers", () => {
  it("InferenceId: 1-64 printable characters, not starting with white space", () => {
    assert.equal(inferenceIdProblem("0"), undefined);
    assert.equal(inferenceIdProblem("shadow test, index 7"), undefined);
    assert.equal(inferenceIdProblem("x".repeat(64)), undefined);
    assert.match(inferenceIdProblem("")!, /1-64 characters, got 0/);
    assert.match(inferenceIdProblem("x".repeat(65))!, /1-64 characters, got 65/);
    assert.match(inferenceIdProblem(" 7")!, /white space/);
    assert.match(inferenceIdProblem("a\nb")!, /printable/);
  });

  it("CustomAttributes: at most 1024 characters of visible ASCII", () => {
    assert.equal(customAttributesProblem("trace=abc; tenant=7"), undefined);
    assert.equal(customAttributesProblem("a".repeat(1024)), undefined);
    assert.match(customAttributesProblem("a".repeat(1025))!, /at most 1024 characters, got 1025/);
    assert.match(customAttributesProblem("café")!, /visible ASCII .* "é" at position 3/);
    assert.match(customAttributesProblem("a\tb")!, /visible ASCII/);
  });

  describe("invokeRows", () => {
    let fake: FakeStack;
    let session: CaptureLabSession;
    beforeEach(async () => {
      fake = await startFakeStack();
      session = await connect({ target: { kind: "local", endpoint: fake.url }, env: {} });
    });
    afterEach(async () => {
      await session.close();
      await fake.close();
    });

    it("sends nothing when a row's InferenceId or CustomAttributes is out of limits, and names the rows", async () => {
      const rows = ["1,2", "3,4", "5,6"];
      const e = await errorOf(
        invokeRows(session, {
          endpointName: "ep",
          rows,
          inferenceId: (i) => (i === 1 ? "x".repeat(65) : String(i)),
          customAttributes: (i) => (i === 2 ? "ü" : undefined),
        }),
      );
      assert.match(e.message, /2 request header problem\(s\), nothing sent/);
      assert.match(e.message, /row 1: InferenceId must be 1-64 characters, got 65/);
      assert.match(e.message, /row 2: CustomAttributes must be visible ASCII/);
      assert.equal(fake.invocations.length, 0);

      const ok = await invokeRows(session, { endpointName: "ep", rows, customAttributes: "tenant=7" });
      assert.equal(ok.sent, 3);
      assert.deepEqual(
        fake.invocations.map((i) => i.customAttributes),
        ["tenant=7", "tenant=7", "tenant=7"],
      );
    });
  });
});
