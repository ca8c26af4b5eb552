/** Shared setup of the end-to-end tests: a local stack with SDK clients, the demo churn model and small SDK helpers. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateBucketCommand, GetObjectCommand, paginateListObjectsV2, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  SageMakerClient,
  waitUntilEndpointInService,
  type DataCaptureConfig,
} from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { parseCaptureLine } from "../../../src/capture/line";
import type { CaptureRecord } from "../../../src/capture/record";
import { startLocalStack, type LocalStack, type LocalStackOptions } from "../../../src/local";
import { createModelArtifact } from "../../../src/local/serving";

/** The repo's demo data. */
export const CHURN_DIR = path.resolve(__dirname, "../../../data/churn");
export const XGB_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
export const BUCKET = "capture-lab-e2e";
export const FAST_WAIT = { minDelay: 0.1, maxDelay: 0.3, maxWaitTime: 15 };

/** A local stack running in its own temp directory, with the three SDK clients pointed at it. */
export interface E2eStack {
  readonly stack: LocalStack;
  readonly s3: S3Client;
  readonly sm: SageMakerClient;
  readonly rt: SageMakerRuntimeClient;
  /** Destroys the clients, stops the stack and removes the temp directory. */
  close(): Promise<void>;
}

/** Starts a local stack with `options` in a fresh `os.tmpdir()/<dirPrefix>XXXXXX` data directory. */
export async function startE2eStack(
  dirPrefix: string,
  options: Omit<LocalStackOptions, "dataDir"> = {},
): Promise<E2eStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  let stack: LocalStack;
  try {
    stack = await startLocalStack({ ...options, dataDir: dir });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const s3 = new S3Client(stack.clientConfig.s3);
  const sm = new SageMakerClient(stack.clientConfig.sageMaker);
  const rt = new SageMakerRuntimeClient(stack.clientConfig.runtime);
  return {
    stack,
    s3,
    sm,
    rt,
    async close() {
      s3.destroy();
      sm.destroy();
      rt.destroy();
      await stack.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first `n` rows of the demo test CSV (features only, no label). */
export function testRows(n: number): string[] {
  return fs
    .readFileSync(path.join(CHURN_DIR, "test.csv"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(0, n);
}

/** Creates the bucket and uploads the packaged demo model with lib-storage `Upload`; returns its URI. */
export async function uploadChurnModel(s3: S3Client): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((e: Error) => {
    if (e.name !== "BucketAlreadyOwnedByYou" && e.name !== "BucketAlreadyExists") throw e;
  });
  const artifact = await createModelArtifact({
    "xgboost-model.json": fs.readFileSync(path.join(CHURN_DIR, "xgboost-model.json")),
  });
  await new Upload({ client: s3, params: { Bucket: BUCKET, Key: "model/model.tar.gz", Body: artifact } }).done();
  return `s3://${BUCKET}/model/model.tar.gz`;
}

/** A capture config to `s3://BUCKET/capture` for CSV in and out. */
export function captureConfig(percentage: number, enable = true): DataCaptureConfig {
  return {
    EnableCapture: enable,
    InitialSamplingPercentage: percentage,
    DestinationS3Uri: `s3://${BUCKET}/capture`,
    CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
    CaptureContentTypeHeader: { CsvContentTypes: ["text/csv"] },
  };
}

/** CreateModel (once per name) + CreateEndpointConfig + CreateEndpoint, then waits for InService. */
export async function deploy(
  sm: SageMakerClient,
  names: { model: string; config: string; endpoint: string },
  container: { Image: string; ModelDataUrl?: string; Environment?: Record<string, string> },
  capture?: DataCaptureConfig,
  wait = true,
): Promise<void> {
  await sm.send(new CreateModelCommand({ ModelName: names.model, PrimaryContainer: container }));
  await createConfig(sm, names.config, names.model, capture);
  await sm.send(new CreateEndpointCommand({ EndpointName: names.endpoint, EndpointConfigName: names.config }));
  if (wait) await waitUntilEndpointInService({ client: sm, ...FAST_WAIT }, { EndpointName: names.endpoint });
}

/** CreateEndpointConfig with one `AllTraffic` variant. */
export async function createConfig(
  sm: SageMakerClient,
  name: string,
  model: string,
  capture?: DataCaptureConfig,
): Promise<void> {
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: "AllTraffic",
          ModelName: model,
          InitialInstanceCount: 1,
          InstanceType: "ml.m5.large",
          InitialVariantWeight: 1,
        },
      ],
      DataCaptureConfig: capture,
    }),
  );
}

/** Every capture record under `capture/{endpoint}/`, read through the S3 API, with its key. */
export async function readCaptures(
  s3: S3Client,
  endpoint: string,
): Promise<Array<{ key: string; record: CaptureRecord }>> {
  const out: Array<{ key: string; record: CaptureRecord }> = [];
  for await (const page of paginateListObjectsV2(
    { client: s3, pageSize: 5 },
    { Bucket: BUCKET, Prefix: `capture/${endpoint}/` },
  )) {
    for (const obj of page.Contents ?? []) {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: obj.Key }));
      const text = await got.Body!.transformToString();
      text.split("\n").forEach((line, i) => {
        if (line !== "") out.push({ key: obj.Key!, record: parseCaptureLine(line, { source: obj.Key, line: i + 1 }) });
      });
    }
  }
  return out;
}
