/** Step 2 of the AWS page: package a model as `model.tar.gz` and upload it to S3. */
import * as fs from "node:fs";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { formatS3Uri, joinS3Key } from "../capture/s3uri";
// The artifact module alone: the serving index would also load the model backends.
import { createModelArtifact } from "../model-artifact";
import type { CaptureLabSession } from "../session/connect";

/** File name the SageMaker XGBoost container loads from the model archive. */
export const XGBOOST_MODEL_FILE_NAME = "xgboost-model";
/** Default object name of the artifact under the session prefix. */
const DEFAULT_MODEL_ARTIFACT_NAME = "xgb-churn-prediction-model.tar.gz";

/** Options of {@link uploadModelArtifact}: exactly one of `modelFile` or `files`. */
export interface UploadModelOptions {
  /** Path to an XGBoost model file; stored in the archive as `xgboost-model`. */
  modelFile?: string;
  /** Archive contents by path inside the archive, when packaging something else. */
  files?: Record<string, Buffer | string>;
  /** Object key (default `{prefix}/xgb-churn-prediction-model.tar.gz`). */
  key?: string;
  /** Bucket (default the session's). */
  bucket?: string;
}

/** Where the artifact went. */
export interface UploadedArtifact {
  /** `s3://bucket/key` of the archive: the `ModelDataUrl` for CreateModel. */
  uri: string;
  /** Archive size in bytes. */
  bytes: number;
}

/**
 * Packages the model into a gzip tar (`xgboost-model` inside, as the SageMaker XGBoost container
 * expects) and uploads it with the SDK's managed `Upload` (multipart for large archives).
 * @throws Error when neither or both of `modelFile`/`files` are given, or the model file cannot be read.
 */
export async function uploadModelArtifact(
  session: CaptureLabSession,
  options: UploadModelOptions,
): Promise<UploadedArtifact> {
  if ((options.modelFile === undefined) === (options.files === undefined)) {
    throw new Error(
      "uploadModelArtifact: pass exactly one of modelFile (path to an XGBoost model) or files (archive contents)",
    );
  }
  let files: Record<string, Buffer | string>;
  if (options.modelFile !== undefined) {
    let content: Buffer;
    try {
      content = fs.readFileSync(options.modelFile);
    } catch (e) {
      throw new Error(`uploadModelArtifact: cannot read model file ${options.modelFile}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    if (content.length === 0) throw new Error(`uploadModelArtifact: model file ${options.modelFile} is empty`);
    files = { [XGBOOST_MODEL_FILE_NAME]: content };
  } else {
    files = options.files!;
    if (Object.keys(files).length === 0) throw new Error("uploadModelArtifact: files is empty");
  }
  const archive = await createModelArtifact(files);
  const bucket = options.bucket ?? session.bucket;
  const key = joinS3Key(options.key ?? joinS3Key(session.prefix, DEFAULT_MODEL_ARTIFACT_NAME));
  await new Upload({
    // Sessions hold real S3Clients; their declared type is structural (see sdk-client.ts).
    client: session.s3 as S3Client,
    params: { Bucket: bucket, Key: key, Body: archive, ContentType: "application/gzip" },
  }).done();
  return { uri: formatS3Uri(bucket, key), bytes: archive.length };
}
