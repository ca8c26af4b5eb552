/**
 * Splitting one CSV line into value texts the way Spark's CSV reader hands them to Deequ:
 * an empty field is missing (`null`), quotes are removed (`""` inside quotes is a quote),
 * spaces are kept. Pure.
 */

/** Splits one line (no line break inside). Throws on an unterminated quote. */
export function splitCsvLine(line: string): Array<string | null> {
  if (!line.includes('"')) {
    const parts = line.split(",");
    const out: Array<string | null> = new Array(parts.length);
    for (let i = 0; i < parts.length; i++) out[i] = parts[i] === "" ? null : parts[i]!;
    return out;
  }
  const out: Array<string | null> = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) throw new Error("unterminated quoted field");
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      if (i >= line.length) return out;
      if (line[i] !== ",") throw new Error(`unexpected text after a quoted field at column ${i + 1}`);
      i++;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma === -1 ? line.length : comma;
      const raw = line.slice(i, end);
      out.push(raw === "" ? null : raw);
      if (comma === -1) return out;
      i = comma + 1;
    }
  }
}
