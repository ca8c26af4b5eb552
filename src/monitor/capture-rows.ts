/**
 * Captured requests as dataset rows, the way Model Monitor's analyzer reads
 * `sagemakerCaptureJson`: each CSV line of the input is one row, paired with the matching
 * line of the output; the output values go first (`START`, the usual layout where the label
 * is the training data's first column) or last (`END`). Pure.
 */
import { decodeCaptureText, mediaType, type CaptureRecord, type CaptureSide } from "../capture";
import { splitCsvLine } from "./csv-fields";

/** Where the output values sit in a row, as in the baseline dataset. */
export type OutputColumnsPosition = "START" | "END";

/** A problem in one record: what went wrong, and which field. */
export interface RecordProblem {
  field: string;
  message: string;
}

/** Rows of one record, with the problems found. */
export interface RecordRows {
  rows: Array<Array<string | null>>;
  problems: RecordProblem[];
}

function csvText(side: CaptureSide, field: string, problems: RecordProblem[]): string | undefined {
  let text: string | undefined;
  if (side.encoding === "CSV") text = side.data;
  else if (side.encoding === "BASE64") {
    try {
      text = decodeCaptureText(side);
    } catch (e) {
      problems.push({ field: `${field}.data`, message: (e as Error).message });
      return undefined;
    }
    if (text === undefined) {
      problems.push({ field: `${field}.data`, message: "binary payload; CSV expected" });
      return undefined;
    }
  } else {
    const type = side.observedContentType ? mediaType(side.observedContentType) : "unknown";
    problems.push({ field: `${field}.encoding`, message: `${side.encoding} payload (${type}); CSV expected` });
    return undefined;
  }
  const first = text.trimStart()[0];
  if (first === "{" || first === "[") {
    problems.push({ field: `${field}.data`, message: "JSON payload; CSV expected" });
    return undefined;
  }
  return text;
}

function lines(text: string): string[] {
  // Most payloads are one line (maybe with a final newline): no split needed.
  const nl = text.indexOf("\n");
  if (nl === -1 || nl === text.length - 1) {
    const one = nl === -1 ? text : text.slice(0, nl);
    const line = one.endsWith("\r") ? one.slice(0, -1) : one;
    return line === "" ? [] : [line];
  }
  const out = text.split("\n");
  for (let i = 0; i < out.length; i++) if (out[i]!.endsWith("\r")) out[i] = out[i]!.slice(0, -1);
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

function split(line: string, field: string, problems: RecordProblem[]): Array<string | null> | undefined {
  try {
    return splitCsvLine(line);
  } catch (e) {
    problems.push({ field, message: (e as Error).message });
    return undefined;
  }
}

/**
 * The rows of one capture record. A record whose input is not CSV gives no rows and a
 * problem; an output that is missing or not CSV leaves the output values out of the rows
 * (so they are short) and gives a problem; line counts that differ pair what they can.
 */
export function captureRows(record: CaptureRecord, position: OutputColumnsPosition = "START"): RecordRows {
  const problems: RecordProblem[] = [];
  const input = record.captureData.endpointInput;
  if (!input) return { rows: [], problems: [{ field: "captureData.endpointInput", message: "missing" }] };
  const inText = csvText(input, "captureData.endpointInput", problems);
  if (inText === undefined) return { rows: [], problems };
  const output = record.captureData.endpointOutput;
  let outLines: string[] | undefined;
  if (!output) problems.push({ field: "captureData.endpointOutput", message: "missing" });
  else {
    const outText = csvText(output, "captureData.endpointOutput", problems);
    if (outText !== undefined) outLines = lines(outText);
  }
  const inLines = lines(inText);
  if (outLines && outLines.length !== inLines.length) {
    problems.push({
      field: "captureData.endpointOutput.data",
      message: `${outLines.length} output lines for ${inLines.length} input lines`,
    });
  }
  const rows: Array<Array<string | null>> = [];
  for (let i = 0; i < inLines.length; i++) {
    const inValues = split(inLines[i]!, "captureData.endpointInput.data", problems);
    if (!inValues) continue;
    const outLine = outLines?.[i];
    const outValues = outLine === undefined ? undefined : split(outLine, "captureData.endpointOutput.data", problems);
    if (!outValues) rows.push(inValues);
    else if (position === "START") {
      // Output values first: the few output fields go in front of the input array.
      inValues.unshift(...outValues);
      rows.push(inValues);
    } else {
      for (const v of outValues) inValues.push(v);
      rows.push(inValues);
    }
  }
  return { rows, problems };
}
