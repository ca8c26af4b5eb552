/**
 * Persistence of the control plane: one JSON file rewritten atomically (temp file + rename) after
 * every change, so a crash leaves either the old or the new state, never half of one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { SageMakerStateData } from "./types";

/** Reads and writes `state.json` under a directory. */
export class StateFile {
  /** Full path of the state file. */
  readonly file: string;

  /** @param dir directory that holds `state.json` (created on first save). */
  constructor(dir: string) {
    this.file = path.join(dir, "state.json");
  }

  /**
   * Loads the saved state, or an empty state when there is no file yet.
   * @throws Error naming the file when it exists but is not a state file: starting over would
   *   silently forget the user's models and endpoints.
   */
  load(): SageMakerStateData {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
      throw err;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.file}: not valid JSON (${(err as Error).message}); fix or remove the file`, {
        cause: err,
      });
    }
    const d = data as Partial<SageMakerStateData>;
    if (
      d.version !== 1 ||
      !Array.isArray(d.models) ||
      !Array.isArray(d.endpointConfigs) ||
      !Array.isArray(d.endpoints)
    ) {
      throw new Error(`${this.file}: expected {"version":1,"models":[],"endpointConfigs":[],"endpoints":[]}`);
    }
    return d as SageMakerStateData;
  }

  /** Writes the state atomically. Synchronous: the file is small and ordering must be kept. */
  save(state: SageMakerStateData): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state, null, 1));
    fs.renameSync(tmp, this.file);
  }
}

/** A state with no resources. */
function emptyState(): SageMakerStateData {
  return { version: 1, models: [], endpointConfigs: [], endpoints: [] };
}
