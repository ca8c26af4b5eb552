/**
 * Where a preprocessor or postprocessor script comes from (I/O): a local file, or an `s3://`
 * URI read through the session's S3 client and saved to a temporary file of the same name.
 */
import type * as ClientS3 from "@aws-sdk/client-s3";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { OutputLocation } from "../files/output-location";
import { PreprocessorError } from "./preprocessor-error";

// Loaded for an S3 script only: a window's worker threads load this module with local copies.
const s3Commands = (): typeof ClientS3 => require("@aws-sdk/client-s3") as typeof ClientS3;

/** A script: a local path, or `{ s3, uri }` for `s3://bucket/key.py`. */
export type ScriptLocation = OutputLocation;

/** A script ready to run. */
export interface LocalScript {
  /** Local path (a temporary copy for S3). */
  path: string;
  /** What the user gave: the path or the `s3://` URI. */
  label: string;
  /** True when the code was fetched from S3. */
  fromS3: boolean;
  /** Removes the temporary copy, if any. */
  dispose(): void;
}

/** The label of a location (`s3://...` or the path). */
export function scriptLabel(loc: ScriptLocation): string {
  return typeof loc === "string" ? loc : loc.uri;
}

/** The line printed before a script runs: what runs, and that code from S3 is executed here. */
export function announceScript(role: string, script: LocalScript): string {
  return script.fromS3
    ? `${role}: ${script.label} (code fetched from S3, executed on this machine)\n`
    : `${role}: ${script.label}\n`;
}

/** Fetches the script (S3) or checks that it exists (local file). */
export async function localScript(loc: ScriptLocation): Promise<LocalScript> {
  if (typeof loc === "string") {
    if (loc.startsWith("s3://"))
      throw new PreprocessorError(`${loc}: an s3:// script needs an S3 client ({ s3, uri })`, { source: loc });
    if (!fs.existsSync(loc)) throw new PreprocessorError(`${loc}: no such script file`, { source: loc });
    return { path: path.resolve(loc), label: loc, fromS3: false, dispose: () => {} };
  }
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(loc.uri);
  if (!m) throw new PreprocessorError(`${loc.uri}: expected s3://bucket/key`, { source: loc.uri });
  const { GetObjectCommand } = s3Commands();
  let text: Uint8Array;
  try {
    const res = await loc.s3.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
    text = await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  } catch (e) {
    throw new PreprocessorError(`${loc.uri}: cannot read the script (${(e as Error).name}: ${(e as Error).message})`, {
      source: loc.uri,
      cause: e,
    });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-script-"));
  const file = path.join(dir, path.posix.basename(m[2]!) || "script.py");
  fs.writeFileSync(file, text);
  return {
    path: file,
    label: loc.uri,
    fromS3: true,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Uploads a local script to `s3://bucket/key` (e.g. step 1's preprocessor URI), where a
 * monitoring run (or AWS's `RecordPreprocessorSourceUri`) reads it.
 * @example
 * await uploadScript("preprocessor.py", { s3: session.s3, uri: paths.preprocessorUri });
 * @returns the URI written and the size in bytes
 */
export async function uploadScript(
  file: string,
  target: Exclude<ScriptLocation, string>,
): Promise<{ uri: string; bytes: number }> {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(target.uri);
  if (!m) throw new PreprocessorError(`${target.uri}: expected s3://bucket/key`, { source: target.uri });
  const { PutObjectCommand } = s3Commands();
  const body = fs.readFileSync(file);
  await target.s3.send(
    new PutObjectCommand({ Bucket: m[1], Key: m[2], Body: body, ContentType: "text/plain; charset=utf-8" }),
  );
  return { uri: target.uri, bytes: body.length };
}
