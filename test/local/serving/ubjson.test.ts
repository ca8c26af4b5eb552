import { strict as assert } from "node:assert";
import { decodeUbjson, UbjsonError } from "../../../src/local/serving/xgboost/ubjson";

const b = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("decodeUbjson", () => {
  it("decodes objects with int-length keys, scalars and nested containers", () => {
    const doc = b(
      "{",
      "i",
      [1],
      "a",
      "i",
      [0xff],
      "i",
      [1],
      "s",
      "S",
      "i",
      [2],
      "hi",
      "i",
      [1],
      "t",
      "T",
      "i",
      [1],
      "z",
      "Z",
      "i",
      [1],
      "l",
      "[",
      "U",
      [200],
      "I",
      [0x01, 0x00],
      "]",
      "}",
    );
    assert.deepEqual({ ...(decodeUbjson(doc) as object) }, { a: -1, s: "hi", t: true, z: null, l: [200, 256] });
  });

  it("decodes typed, counted arrays ([$d#) into typed arrays, big-endian", () => {
    const f = Buffer.alloc(8);
    f.writeFloatBE(1.5, 0);
    f.writeFloatBE(-0.25, 4);
    const v = decodeUbjson(b("[", "$", "d", "#", "L", [0, 0, 0, 0, 0, 0, 0, 2], [...f])) as Float32Array;
    assert.ok(v instanceof Float32Array);
    assert.deepEqual(Array.from(v), [1.5, -0.25]);
    const ints = decodeUbjson(b("[", "$", "l", "#", "i", [2], [0, 0, 0, 7, 0xff, 0xff, 0xff, 0xff])) as Int32Array;
    assert.deepEqual(Array.from(ints), [7, -1]);
    assert.deepEqual(decodeUbjson(b("[", "#", "i", [2], "i", [3], "T")), [3, true]);
  });

  it("rejects truncated data and trailing bytes with the offset", () => {
    assert.throws(
      () => decodeUbjson(b("[", "$", "d", "#", "i", [4], [0, 0])),
      (e: unknown) => e instanceof UbjsonError && /end of data/.test(e.message),
    );
    assert.throws(() => decodeUbjson(b("T", "T")), /trailing data after the document at byte 1/);
    assert.throws(() => decodeUbjson(b("{", "i", [1], "a", "q")), /expected a numeric type marker, got 'q'/);
  });
});
