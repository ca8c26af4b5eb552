/** Line framing: chunk boundaries, CRLF, empty lines, missing final newline. */
import { strict as assert } from "node:assert";
import { LineSplitter, splitLines } from "../../src/read";

function split(chunks: Array<string | Buffer>): Array<[string, number, boolean]> {
  const out: Array<[string, number, boolean]> = [];
  const s = new LineSplitter((t, l, term) => out.push([t, l, term]));
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

describe("read/lines", () => {
  it("numbers physical lines, skips empty ones, strips \\r before \\n", () => {
    assert.deepEqual(split(["a\r\n\nb\n", "\r\nc\n"]), [
      ["a", 1, true],
      ["b", 3, true],
      ["c", 5, true],
    ]);
  });

  it("reports a last line without newline as unterminated", () => {
    assert.deepEqual(split(["x\ny"]), [
      ["x", 1, true],
      ["y", 2, false],
    ]);
    assert.deepEqual(split(["x\ny\r"]), [
      ["x", 1, true],
      ["y", 2, false],
    ]);
    assert.deepEqual(split(["x\n"]), [["x", 1, true]]);
  });

  it("joins lines and multi-byte characters split across chunks at every byte", () => {
    const text = Buffer.from('{"a":"é€😀"}\r\n{"b":1}\n{"c":"ü"}');
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2 += 3) {
        const got = split([text.subarray(0, cut), text.subarray(cut, cut2), text.subarray(cut2)]);
        assert.deepEqual(
          got,
          [
            ['{"a":"é€😀"}', 1, true],
            ['{"b":1}', 2, true],
            ['{"c":"ü"}', 3, false],
          ],
          `cuts ${cut}/${cut2}`,
        );
      }
    }
  });

  it("assembles a multi-megabyte line from many small chunks", async () => {
    const big = "x".repeat(3 * 1024 * 1024);
    async function* chunks() {
      for (let i = 0; i < big.length; i += 65536) yield Buffer.from(big.slice(i, i + 65536));
      yield Buffer.from("\nnext\n");
    }
    const lines = [];
    for await (const l of splitLines(chunks())) lines.push(l);
    assert.equal(lines.length, 2);
    assert.equal(lines[0].text.length, big.length);
    assert.deepEqual([lines[1].text, lines[1].line], ["next", 2]);
  });
});
