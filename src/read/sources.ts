/**
 * Where captures are read from: a file, a local directory laid out like S3, an S3 prefix,
 * or a list of these. Listing orders files by the start time in their name, then by name.
 */
import { listLocalCaptureFiles } from "./local-source";
import { listS3CaptureFiles } from "./s3-source";
import type { CaptureFile, CaptureFileInfo, CaptureSource, TimeRange } from "./file-info";

export type { CaptureFile, CaptureFileInfo, CaptureSource, S3CaptureSource, TimeRange } from "./file-info";

/** Lists the files of any source, each source's files in time order, sources in the given order. */
export async function resolveCaptureFiles(source: CaptureSource, range: TimeRange = {}): Promise<CaptureFile[]> {
  if (Array.isArray(source)) {
    const all: CaptureFile[] = [];
    for (const s of source) all.push(...(await resolveCaptureFiles(s, range)));
    return all;
  }
  if (typeof source === "string") {
    if (source.startsWith("s3://")) {
      throw new Error(
        `S3 source ${source}: pass { s3: new S3Client(...), uri: "${source}" } so the reader has a client`,
      );
    }
    return listLocalCaptureFiles(source, range);
  }
  const own = { from: source.from ?? range.from, to: source.to ?? range.to };
  const files = await listS3CaptureFiles(source, own);
  for (const f of files) f.range = own;
  return files;
}

/**
 * Lists capture files "by hour": path or `s3://` URI, endpoint, variant, start time, hour
 * folder and size, in reading order. Local directories are walked recursively for `*.jsonl`;
 * files whose path does not follow the capture layout are listed last with no time.
 */
export async function listCaptureFiles(source: CaptureSource, range: TimeRange = {}): Promise<CaptureFileInfo[]> {
  const files = await resolveCaptureFiles(source, range);
  return files.map(({ source: s, key, endpointName, variantName, start, hour, size }) => {
    const info: CaptureFileInfo = { source: s, size };
    if (key !== undefined) info.key = key;
    if (endpointName !== undefined) info.endpointName = endpointName;
    if (variantName !== undefined) info.variantName = variantName;
    if (start !== undefined) info.start = start;
    if (hour !== undefined) info.hour = hour;
    return info;
  });
}
