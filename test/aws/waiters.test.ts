/** Endpoint waits: fixed delays on AWS, failure statuses at once, the last error kept. */
import { strict as assert } from "node:assert";
import {
  AWS_POLL_SECONDS,
  AWS_WAIT_SECONDS,
  defaultWaiterTiming,
  EndpointFailedError,
  EndpointWaitError,
  waitForDeleted,
  waitForInService,
} from "../../src/aws/waiters";
import type { CaptureLabSession } from "../../src/session/connect";
import { errorOf } from "../helpers";

type Step = { status: string; reason?: string } | Error;

const sdkError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

/** A session whose DescribeEndpoint answers the scripted steps in order (the last one repeats). */
function scripted(steps: Step[]): { session: Pick<CaptureLabSession, "sageMaker" | "target">; calls: () => number } {
  let n = 0;
  const sageMaker = {
    async send() {
      const step = steps[Math.min(n++, steps.length - 1)];
      if (step instanceof Error) throw step;
      return {
        EndpointName: "ep",
        EndpointStatus: step.status,
        ...(step.reason ? { FailureReason: step.reason } : {}),
      };
    },
  };
  return {
    session: {
      sageMaker: sageMaker as unknown as CaptureLabSession["sageMaker"],
      target: { kind: "aws" } as CaptureLabSession["target"],
    },
    calls: () => n,
  };
}

const quick = { maxWaitTime: 5, minDelay: 0.001, maxDelay: 0.001 };

describe("aws/waiters", () => {
  it("polls AWS at a fixed delay no longer than boto3's 30 s, and waits up to 30 min", () => {
    const t = defaultWaiterTiming({ target: { kind: "aws" } as CaptureLabSession["target"] });
    assert.equal(t.minDelay, AWS_POLL_SECONDS);
    assert.equal(t.maxDelay, t.minDelay);
    assert.ok(t.minDelay! <= 30);
    assert.equal(t.maxWaitTime, AWS_WAIT_SECONDS);
  });

  it("returns the InService description and reports each new status", async () => {
    const { session } = scripted([{ status: "Creating" }, { status: "Creating" }, { status: "InService" }]);
    const seen: string[] = [];
    const d = await waitForInService(session, "ep", quick, (s) => seen.push(s));
    assert.equal(d.EndpointStatus, "InService");
    assert.deepEqual(seen, ["Creating", "InService"]);
  });

  it("UpdateRollbackFailed fails at once with the FailureReason instead of waiting out the timeout", async () => {
    const { session, calls } = scripted([
      { status: "Updating" },
      { status: "UpdateRollbackFailed", reason: "rollback could not restore variant" },
    ]);
    const e = await errorOf(waitForInService(session, "ep", { maxWaitTime: 600, minDelay: 0.001, maxDelay: 0.001 }));
    assert.ok(e instanceof EndpointFailedError, String(e));
    assert.equal(e.status, "UpdateRollbackFailed");
    assert.equal(e.failureReason, "rollback could not restore variant");
    assert.equal(calls(), 2);
  });

  it("an error waiting cannot cure (ExpiredToken, AccessDenied) ends the wait at once, naming it and the last status", async () => {
    const { session, calls } = scripted([
      { status: "Creating" },
      sdkError("ExpiredTokenException", "The security token included in the request is expired"),
    ]);
    const e = await errorOf(waitForInService(session, "ep", { maxWaitTime: 600, minDelay: 0.001, maxDelay: 0.001 }));
    assert.ok(e instanceof EndpointWaitError, String(e));
    assert.match(e.message, /ExpiredTokenException: The security token included in the request is expired/);
    assert.equal(e.status, "Creating");
    assert.equal(calls(), 2);

    const denied = scripted([
      sdkError("AccessDeniedException", "User is not authorized to perform: sagemaker:DescribeEndpoint"),
    ]);
    assert.match(
      (await errorOf(waitForInService(denied.session, "ep", quick))).message,
      /AccessDeniedException: User is not authorized/,
    );
  });

  it("on timeout the error carries the last status and the last error DescribeEndpoint returned", async () => {
    const { session } = scripted([{ status: "Creating" }, sdkError("ThrottlingException", "Rate exceeded")]);
    const e = await errorOf(waitForInService(session, "ep", { maxWaitTime: 0.05, minDelay: 0.005, maxDelay: 0.005 }));
    assert.ok(e instanceof EndpointWaitError, String(e));
    assert.match(
      e.message,
      /did not reach InService within 0\.05 s \(last status Creating; last error ThrottlingException: Rate exceeded\)/,
    );
    assert.equal(e.lastError?.name, "ThrottlingException");
  });

  it("Failed ends the wait with the FailureReason; a missing endpoint is not waited for", async () => {
    const failed = scripted([
      { status: "Creating" },
      { status: "Failed", reason: "Access denied for s3://b/model.tar.gz" },
    ]);
    const e = await errorOf(waitForInService(failed.session, "ep", quick));
    assert.ok(e instanceof EndpointFailedError);
    assert.match(e.message, /FailureReason: Access denied for s3:\/\/b\/model\.tar\.gz/);

    const missing = scripted([
      sdkError("ValidationException", 'Could not find endpoint "arn:aws:sagemaker:us-east-1:1:endpoint/ep".'),
    ]);
    assert.match((await errorOf(waitForInService(missing.session, "ep", quick))).message, /does not exist/);
  });

  it("waitForDeleted ends when the endpoint is gone and fails on Failed", async () => {
    const gone = scripted([{ status: "Deleting" }, sdkError("ValidationException", 'Could not find endpoint "arn".')]);
    await waitForDeleted(gone.session, "ep", quick);
    assert.equal(gone.calls(), 2);
    const stuck = scripted([{ status: "Deleting" }, { status: "Failed", reason: "internal" }]);
    assert.ok((await errorOf(waitForDeleted(stuck.session, "ep", quick))) instanceof EndpointFailedError);
  });
});
