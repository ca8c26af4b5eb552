/** Writing report files (I/O): into a local directory or under an S3 prefix. */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as ClientS3 from "@aws-sdk/client-s3";
import type { SdkClient } from "../../sdk-client";
import { formatS3Uri, joinS3Key, parseS3Uri } from "../../capture";

// Loaded for an S3 location only: hourly backfill workers load this module and write local reports.
const s3Commands = (): typeof ClientS3 => require("@aws-sdk/client-s3") as typeof ClientS3;

/** A local directory, or an S3 URI prefix with its client. */
export type OutputLocation = string | { s3: SdkClient; uri: string };

/** Writes `files` (name -> text) under `location`/`subPath`; returns where each went. */
export async function writeOutputFiles(
  location: OutputLocation,
  files: Record<string, string>,
  subPath = "",
): Promise<string[]> {
  const written: string[] = [];
  if (typeof location === "string") {
    if (location.startsWith("s3://")) throw new Error(`${location}: writing to S3 needs an S3 client ({ s3, uri })`);
    const dir = path.join(location, subPath);
    await fs.promises.mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      const p = path.join(dir, name);
      await fs.promises.writeFile(p, text);
      written.push(p);
    }
    return written;
  }
  const { PutObjectCommand } = s3Commands();
  const { bucket, key } = parseS3Uri(location.uri);
  for (const [name, text] of Object.entries(files)) {
    const k = joinS3Key(key, subPath, name);
    await location.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: k,
        Body: text,
        ContentType: name.endsWith(".html") ? "text/html" : "application/json",
      }),
    );
    written.push(formatS3Uri(bucket, k));
  }
  return written;
}

/** Reads one file from a local directory or S3 prefix. */
export async function readLocationFile(
  location: OutputLocation,
  name: string,
): Promise<{ text: string; where: string }> {
  if (typeof location === "string") {
    const p = path.join(location, name);
    try {
      return { text: await fs.promises.readFile(p, "utf8"), where: p };
    } catch (e) {
      throw new Error(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
    }
  }
  const { bucket, key } = parseS3Uri(location.uri);
  const k = joinS3Key(key, name);
  const { GetObjectCommand } = s3Commands();
  const res = await location.s3.send(new GetObjectCommand({ Bucket: bucket, Key: k }));
  return {
    text: await (res.Body as { transformToString(): Promise<string> }).transformToString(),
    where: formatS3Uri(bucket, k),
  };
}
