/**
 * What one notebook hands to the next (model URI, endpoint name, capture settings, rows sent).
 * Each notebook runs in its own kernel, so the hand-over is a small JSON file:
 * `$CAPTURE_LAB_STATE`, else `<project>/.capture-lab/walkthrough.json` (git-ignored).
 * Nothing secret goes in it: names and S3 URIs only.
 */
import * as fs from "fs";
import * as path from "path";

/** The walkthrough's shared state; each step fills in its part. */
export interface WalkthroughState {
  /** `local` or `aws`: the target the names below belong to. */
  target?: string;
  /** S3 URI of the uploaded model artifact (step 2). */
  modelDataUrl?: string;
  /** Endpoint (and model/config) name, unique per run (step 3). */
  endpointName?: string;
  /** The DataCaptureConfig built in step 3, as sent to CreateEndpointConfig. */
  dataCapture?: any;
  /** Rows sent so far: step 5, plus step 8's shifted batch and step 9's validation rows once they ran. */
  rowsSent?: number;
  /** Step 8: where the baseline went and what each monitoring run found. */
  monitor?: {
    baselineUri: string;
    runs: Array<{ label: string; rows: number; violations: number; checks: string[]; driftedFeatures: number }>;
  };
  /** Step 9: the model-quality baseline, the labels' location and what each run found. */
  modelQuality?: {
    baselineUri: string;
    groundTruthUri: string;
    runs: Array<{ label: string; rows: number; violations: number; metrics: string[] }>;
  };
  /** Step 10: what the replay against the candidate model found. */
  replay?: {
    candidate: string;
    requests: number;
    failed: number;
    agreementRate: number | null;
    maxDifference: number | null;
  };
  /** Set by step 7 once the endpoint, its config and model are deleted (captures stay in S3). */
  cleanedUp?: boolean;
  /** When the state was last written (ISO-8601). */
  updatedAt?: string;
}

/** Where the state lives (the notebooks run with `notebooks/` as their working directory). */
export function statePath(): string {
  return process.env.CAPTURE_LAB_STATE || path.resolve("..", ".capture-lab", "walkthrough.json");
}

/** Reads the state; an empty object when no step has saved anything yet. */
export function loadState(): WalkthroughState {
  const file = statePath();
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); delete it and run the notebooks from 01`);
  }
}

/** Merges `patch` into the saved state (returns nothing, so a last-line call prints nothing). */
export function saveState(patch: WalkthroughState): void {
  const file = statePath();
  const next = { ...loadState(), ...patch, updatedAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(next, null, 2) + "\n");
}

/** Reads the state and checks that the earlier steps saved `keys`, naming the step to run otherwise. */
export function requireState<K extends keyof WalkthroughState>(
  keys: K[],
  target: string,
): WalkthroughState & Required<Pick<WalkthroughState, K>> {
  const state = loadState();
  const producedBy: Record<string, string> = {
    modelDataUrl: "02-upload-model",
    endpointName: "03-data-capture-config",
    dataCapture: "03-data-capture-config",
    rowsSent: "05-invoke",
  };
  for (const key of keys) {
    if (state[key] === undefined) {
      throw new Error(
        `${statePath()} has no ${String(key)}: run ${producedBy[key as string] ?? "the earlier notebooks"}.ipynb first`,
      );
    }
  }
  if (state.target && state.target !== target) {
    throw new Error(
      `${statePath()} was written for the ${state.target} target but this session is ${target}: run the notebooks from 01 again`,
    );
  }
  return state as WalkthroughState & Required<Pick<WalkthroughState, K>>;
}
