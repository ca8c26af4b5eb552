/** The local stack's own view: endpoints and capture counters from its status route. */
import type { CaptureLabSession } from "./session";
import { fetchLocalStatus, type LocalStackStatus } from "./local-control";

/**
 * Reads `GET /_capture-lab/status` of the session's local stack (endpoints and capture counters).
 * @throws Error for an AWS session (AWS has no such route) or when the stack does not answer.
 */
export async function localStatus(session: CaptureLabSession): Promise<LocalStackStatus> {
  if (!session.local) throw new Error("localStatus: only the local target has a status route; this session targets AWS");
  return fetchLocalStatus(session.local.endpoint);
}
