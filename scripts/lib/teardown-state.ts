/**
 * Tearing down what the walkthrough state file says was created. On AWS an endpoint bills until
 * it is deleted, and the pipeline stops at the first failing notebook, so the cleanup notebook
 * may never run: the walkthrough calls this after the notebooks, whatever happened.
 */
import * as fs from "node:fs";
import { connect, type ConnectOptions } from "../../src/session/connect";
import { teardown, type TeardownResult } from "../../src/aws/teardown";

/** What {@link teardownFromState} did. */
export interface StateTeardown {
  /** The endpoint the state names, if any. */
  endpointName?: string;
  /** Why nothing was deleted (no state, no endpoint, cleaned up already, other target). */
  skipped?: string;
  /** What was deleted. */
  result?: TeardownResult;
}

/**
 * Reads the state file and, unless it says `cleanedUp`, deletes the endpoint it names with its
 * configs and models (`teardown`), then records `cleanedUp: true`. The state must belong to
 * the target `connect` resolves (a local state is never torn down on AWS, or the reverse).
 * @throws the teardown's error (the state keeps `cleanedUp` unset, so a rerun retries).
 */
export async function teardownFromState(
  statePath: string,
  connectOptions: ConnectOptions = {},
): Promise<StateTeardown> {
  if (!fs.existsSync(statePath)) return { skipped: "no state file" };
  let state: { endpointName?: string; cleanedUp?: boolean; target?: string };
  try {
    state = JSON.parse(fs.readFileSync(statePath, "utf8"));
  } catch (e) {
    throw new Error(`${statePath}: not valid JSON (${(e as Error).message}); cannot tell what to tear down`, {
      cause: e,
    });
  }
  const endpointName = state.endpointName;
  if (!endpointName) return { skipped: "the state names no endpoint" };
  if (state.cleanedUp) return { endpointName, skipped: "already cleaned up" };
  const session = await connect(connectOptions);
  try {
    if (state.target && state.target !== session.target.kind) {
      return {
        endpointName,
        skipped: `the state belongs to the ${state.target} target, this session is ${session.target.kind}`,
      };
    }
    const result = await teardown(session, { endpointName });
    const next = { ...state, cleanedUp: true, updatedAt: new Date().toISOString() };
    fs.writeFileSync(statePath, JSON.stringify(next, null, 2) + "\n");
    return { endpointName, result };
  } finally {
    await session.close();
  }
}
