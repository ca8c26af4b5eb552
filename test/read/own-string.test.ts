import { strict as assert } from "node:assert";
import { ownQuoted, ownString } from "../../src/read/own-string";

describe("read/own-string: copies are the same text", () => {
  it("ownString keeps every string as it is, escapes, controls and lone surrogates included", () => {
    const line = `{"id":"21926a1b-35ca-43d9-8752-0c11dc24312c","x":"a\\"b"}`;
    for (const s of ["", "short", line.slice(7, 43), 'a"b\\c\n\u0000', "\ud800 lone", "é".repeat(40), line])
      assert.equal(ownString(s), s);
  });

  it("ownQuoted gives the text between the quotes", () => {
    assert.equal(ownQuoted('"21926a1b-35ca-43d9-8752-0c11dc24312c"'), "21926a1b-35ca-43d9-8752-0c11dc24312c");
    assert.equal(ownQuoted('""'), "");
  });
});
