/**
 * Append-only bytes for a capture file being filled. Records live here as UTF-8 in a few large
 * off-heap chunks rather than as one retained JS string each: a minute of captures at thousands
 * of requests per second is hundreds of thousands of strings, and marking them in V8's old
 * generation was the largest cost of capture on the response path.
 */
export class PagedBytes {
  private readonly chunks: Buffer[] = [];
  private current: Buffer | null = null;
  private used = 0;
  /** Bytes appended so far. */
  length = 0;

  /** @param chunkSize bytes per chunk; a record larger than this gets a chunk of its own size. */
  constructor(private readonly chunkSize = 256 * 1024) {}

  /** Appends an item that knows its length and writes itself in place (an encoded capture line). */
  append(item: { readonly byteLength: number; writeTo(target: Buffer, offset: number): number }): void {
    const n = item.byteLength;
    if (this.current === null || this.used + n > this.current.length) {
      this.seal();
      this.current = Buffer.allocUnsafe(Math.max(this.chunkSize, n));
    }
    this.used = item.writeTo(this.current, this.used);
    this.length += n;
  }

  /**
   * The bytes from `offset` to the end, as views into the chunks (no copy): what the journal
   * has not written yet.
   */
  viewsFrom(offset: number): Buffer[] {
    const views: Buffer[] = [];
    let pos = 0;
    const tail = this.current !== null && this.used > 0 ? [this.current.subarray(0, this.used)] : [];
    for (const chunk of [...this.chunks, ...tail]) {
      const end = pos + chunk.length;
      if (end > offset) views.push(offset > pos ? chunk.subarray(offset - pos) : chunk);
      pos = end;
    }
    return views;
  }

  /** All bytes appended, in order, as one buffer (no copy when they fit in one chunk). */
  toBuffer(): Buffer {
    this.seal();
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
  }

  private seal(): void {
    if (this.current !== null && this.used > 0) this.chunks.push(this.current.subarray(0, this.used));
    this.current = null;
    this.used = 0;
  }
}
