/** Streaming JSON Lines framing: chunks of bytes in, numbered text lines out. */
import { StringDecoder } from "node:string_decoder";

/** One physical line of a file. */
export interface TextLine {
  /** The line without its `\n` (and without a trailing `\r`). */
  text: string;
  /** 1-based physical line number (empty lines count). */
  line: number;
  /** False only for a last line that had no `\n` after it. */
  terminated: boolean;
}

/** Receives each non-empty line. */
export type LineHandler = (text: string, line: number, terminated: boolean) => void;

/**
 * Incremental line splitter (synchronous, callback based, so the hot path pays no promise
 * per line). Decodes UTF-8 across chunk boundaries, joins a multi-megabyte line from its
 * pieces once, drops a `\r` before `\n`, skips empty lines (still counting them) and reports
 * a last line without `\n` as `terminated = false` so a cut-off record can be told apart.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private carry = "";
  private lineNo = 0;

  /** @param onLine called for every non-empty line, in order */
  constructor(private readonly onLine: LineHandler) {}

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array | string): void {
    const text = typeof chunk === "string" ? chunk : this.decoder.write(chunk as Buffer);
    let nl = text.indexOf("\n");
    if (nl === -1) {
      this.carry += text; // cons-string: a long line is not copied until it is complete
      return;
    }
    let start = 0;
    while (nl !== -1) {
      this.lineNo++;
      let line = start === 0 && this.carry.length > 0 ? this.carry + text.slice(0, nl) : text.slice(start, nl);
      if (start === 0) this.carry = "";
      if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      if (line.length > 0) this.onLine(line, this.lineNo, true);
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    this.carry = text.slice(start);
  }

  /** Flushes the last line (one with no final `\n`). */
  end(): void {
    let rest = this.carry + this.decoder.end();
    this.carry = "";
    if (rest.length === 0) return;
    this.lineNo++;
    if (rest.charCodeAt(rest.length - 1) === 13) rest = rest.slice(0, -1);
    if (rest.trim().length > 0) this.onLine(rest, this.lineNo, false);
  }
}

/** Async-iterator form of {@link LineSplitter}: yields the lines of a chunk stream. */
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<TextLine> {
  let pending: TextLine[] = [];
  const splitter = new LineSplitter((text, line, terminated) => pending.push({ text, line, terminated }));
  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      for (const l of batch) yield l;
    }
  }
  splitter.end();
  for (const l of pending) yield l;
}
