/** Feature names from the header row of a CSV file (the inference CSV or a header file). */
import * as fs from "node:fs";
import { parse } from "csv-parse/sync";

/** Reads the first line of a file without loading the rest. */
async function firstLine(path: string): Promise<string> {
  let text = "";
  for await (const chunk of fs.createReadStream(path, { encoding: "utf8", highWaterMark: 64 * 1024 })) {
    text += chunk as string;
    const nl = text.indexOf("\n");
    if (nl !== -1) return text.slice(0, nl);
  }
  return text;
}

/**
 * The header row of a CSV file. With `always`, the first row is the header whatever it
 * holds (a header file); otherwise it counts as a header only when every field is a
 * non-empty non-number (the demo's test CSV has no header: its first row is numbers; a data
 * row with a categorical value still has numbers beside it), and `undefined` is returned
 * for a data row.
 */
export async function readCsvHeader(path: string, always = false): Promise<string[] | undefined> {
  let line = await firstLine(path);
  if (line.endsWith("\r")) line = line.slice(0, -1);
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (line.trim() === "") return undefined;
  const fields = (parse(line, { relax_quotes: true }) as string[][])[0] ?? [];
  const isHeader = always || fields.every((f) => f.trim() !== "" && Number.isNaN(Number(f)));
  return isHeader ? fields.map((f) => f.trim()) : undefined;
}
