/**
 * The candidate a replay sends to: an existing endpoint, or a model deployed for the replay
 * (a `model.tar.gz`, a folder packed into one, or a bare XGBoost model file) and torn down after.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { formatS3Uri, joinS3Key } from "../capture/s3uri";
import { deployModel } from "../aws/deploy";
import { ensureBucket } from "../aws/paths";
import { teardown } from "../aws/teardown";
import { uniqueName } from "../aws/unique-name";
import { XGBOOST_MODEL_FILE_NAME } from "../aws/upload";
import { createModelArtifact } from "../model-artifact";
import type { CaptureLabSession } from "../session/connect";
import { ReplayError, ReplayOptionsError } from "./errors";

/** An endpoint already serving (on the local stack or AWS). */
export interface EndpointCandidate {
  /** Its name. */
  endpointName: string;
  /** A variant to target (`TargetVariant`), when the endpoint has several. */
  targetVariant?: string;
}

/** A model served for the replay only: deployed before the first request, torn down after the last. */
export interface ModelCandidate {
  /** A `model.tar.gz` (sent as is), a folder (packed), or a model file (packed as `xgboost-model`). */
  model: string;
  /** Serving image (default the session's, the SageMaker XGBoost image). */
  imageUri?: string;
  /** Container environment (e.g. `SAGEMAKER_PROGRAM` for a JS handler). */
  environment?: Record<string, string>;
}

/** Where a replay sends its requests. */
export type ReplayCandidate = EndpointCandidate | ModelCandidate;

/** A candidate ready for requests. */
export interface PreparedCandidate {
  endpointName: string;
  targetVariant?: string;
  /** True when it was deployed for the replay (and `release` tears it down). */
  deployed: boolean;
  /** Deletes what was deployed (endpoint, config, model, the uploaded artifact); a no-op for an existing endpoint. */
  release(): Promise<void>;
}

/** True for a candidate that is an existing endpoint. */
export function isEndpointCandidate(c: ReplayCandidate): c is EndpointCandidate {
  return typeof (c as EndpointCandidate).endpointName === "string";
}

function listFiles(dir: string, base = dir, out: Record<string, Buffer> = {}): Record<string, Buffer> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, base, out);
    else if (entry.isFile()) out[path.relative(base, full).split(path.sep).join("/")] = fs.readFileSync(full);
  }
  return out;
}

/** The `model.tar.gz` bytes of a model path. */
export async function modelArchive(model: string): Promise<Buffer> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(model);
  } catch (e) {
    throw new ReplayOptionsError(`cannot read the candidate model ${model}: ${(e as Error).message}`, {
      source: model,
      field: "candidate.model",
      cause: e,
    });
  }
  if (stat.isDirectory()) {
    const files = listFiles(model);
    if (Object.keys(files).length === 0)
      throw new ReplayOptionsError(`the candidate model folder ${model} is empty`, {
        source: model,
        field: "candidate.model",
      });
    return createModelArtifact(files);
  }
  const bytes = fs.readFileSync(model);
  if (bytes.length === 0)
    throw new ReplayOptionsError(`the candidate model ${model} is empty`, { source: model, field: "candidate.model" });
  // gzip magic: an archive already.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return bytes;
  return createModelArtifact({ [XGBOOST_MODEL_FILE_NAME]: bytes });
}

/**
 * Makes the candidate ready: an existing endpoint as it is, or the model uploaded under
 * `{prefix}/replay/{name}/model.tar.gz` and deployed as `replay-candidate-<time>` (no capture).
 * A deployment that fails is torn down before the error is thrown.
 * @throws ReplayOptionsError for an unreadable model; ReplayError when deploying fails.
 */
export async function prepareCandidate(
  session: CaptureLabSession,
  candidate: ReplayCandidate,
  onStatus?: (message: string) => void,
): Promise<PreparedCandidate> {
  if (isEndpointCandidate(candidate)) {
    return {
      endpointName: candidate.endpointName,
      ...(candidate.targetVariant !== undefined ? { targetVariant: candidate.targetVariant } : {}),
      deployed: false,
      release: async () => {},
    };
  }
  const archive = await modelArchive(candidate.model);
  const endpointName = uniqueName("replay-candidate", { millis: true });
  const key = joinS3Key(session.prefix, "replay", endpointName, "model.tar.gz");
  let uploaded = false;
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    onStatus?.(`tearing down ${endpointName}`);
    await teardown(session, { endpointName });
    if (uploaded) await session.s3.send(new DeleteObjectCommand({ Bucket: session.bucket, Key: key }));
  };
  try {
    await ensureBucket(session);
    await session.s3.send(new PutObjectCommand({ Bucket: session.bucket, Key: key, Body: archive }));
    uploaded = true;
    onStatus?.(`deploying ${candidate.model} as ${endpointName}`);
    await deployModel(session, {
      endpointName,
      modelDataUrl: formatS3Uri(session.bucket, key),
      ...(candidate.imageUri !== undefined ? { imageUri: candidate.imageUri } : {}),
      ...(candidate.environment !== undefined ? { environment: candidate.environment } : {}),
    });
  } catch (e) {
    await release().catch(() => {});
    throw new ReplayError(`the candidate ${candidate.model} could not be deployed: ${(e as Error).message}`, {
      source: candidate.model,
      field: "candidate.model",
      cause: e,
    });
  }
  return { endpointName, deployed: true, release };
}
