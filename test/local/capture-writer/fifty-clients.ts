/** The 50-client workload shared by the concurrency tests (test double and embedded S3). */
import { strict as assert } from "node:assert";
import { parseCaptureKey, parseCaptureLine } from "../../../src/capture";
import type { CaptureWriter } from "../../../src/local/capture-writer";
import { csvInvocation, linesOf, settings } from "./helpers";

export const CLIENTS = 50;
export const PER_CLIENT = 40;
export const VARIANTS = ["AllTraffic", "Shadow-01"];

/** A fake clock the workload advances; pass `clock.now` to the writer. */
export function fakeClock(startIso: string): { now: () => Date; advance: (ms: number) => number } {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

/**
 * 50 async clients, 40 invocations each, yielding between invocations, while another task
 * keeps flushing the endpoint. `onStep(client, i)` runs before each invocation (to inject faults).
 */
export async function runFiftyClients(
  writer: CaptureWriter,
  clock: ReturnType<typeof fakeClock>,
  endpointName: string,
  destinationS3Uri: string,
  onStep: (client: number, i: number) => void = () => {},
): Promise<void> {
  const tick = () => new Promise<void>((r) => setImmediate(r));
  let running = true;
  const flusher = (async () => {
    while (running) {
      await writer.flush({ endpointName });
      await tick();
    }
  })();
  const clients = Array.from({ length: CLIENTS }, async (_, c) => {
    for (let j = 0; j < PER_CLIENT; j++) {
      const time = new Date(clock.advance(3)); // fake time advances with traffic, so files also roll by time
      onStep(c, j);
      const id = { endpointName, variantName: VARIANTS[(c + j) % 2] };
      const cfg = settings({ destinationS3Uri });
      assert.equal(writer.capture(id, cfg, csvInvocation(time, `${c},${j}`, { inferenceId: `${c}-${j}` })), "queued");
      await tick();
    }
  });
  await Promise.all(clients);
  running = false;
  await flusher;
}

/**
 * Parses every line of every object and checks each of the 2000 invocations appears exactly
 * once, in a file whose window (start .. start + rollMs) holds it. Objects are in arrival order.
 */
export function assertExactlyOnce(objects: { key: string; body: Buffer }[], rollMs: number): void {
  const eventIds = new Set<string>();
  const inferenceIds: string[] = [];
  for (const o of objects) {
    const parts = parseCaptureKey(o.key);
    assert.ok(parts, `not a capture key: ${o.key}`);
    linesOf(o.body).forEach((line, i) => {
      const r = parseCaptureLine(line, { source: o.key, line: i + 1 });
      eventIds.add(r.eventMetadata.eventId);
      inferenceIds.push(r.eventMetadata.inferenceId!);
      const t = Date.parse(r.eventMetadata.inferenceTime);
      const start = parts.start.getTime();
      assert.ok(
        t >= Math.floor(start / 1000) * 1000 && t < start + rollMs,
        `${o.key} line ${i + 1} outside its window`,
      );
    });
  }
  const expected: string[] = [];
  for (let c = 0; c < CLIENTS; c++) for (let j = 0; j < PER_CLIENT; j++) expected.push(`${c}-${j}`);
  assert.equal(inferenceIds.length, CLIENTS * PER_CLIENT, "record count");
  assert.equal(eventIds.size, CLIENTS * PER_CLIENT, "unique eventIds");
  assert.deepEqual([...inferenceIds].sort(), expected.sort());
}
