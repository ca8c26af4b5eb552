import { strict as assert } from "node:assert";
import { seededRandom } from "../../src/seeded-random";
import { csvFieldValueAt } from "../../src/read/numbers";
import { BOXED_FRACTION, BOXED_MANTISSA, sharedDecimal } from "../../src/read/csv-payload";

describe("read/numbers", () => {
  it("sharedDecimal is the decimal's value, as Number() reads its text", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 5_000; i++) {
      const fraction = 1 + Math.floor(random() * BOXED_FRACTION);
      const mantissa = Math.floor(random() * BOXED_MANTISSA);
      const digits = String(mantissa).padStart(fraction + 1, "0");
      const text = `${digits.slice(0, -fraction)}.${digits.slice(-fraction)}`;
      assert.equal(sharedDecimal(mantissa, fraction), Number(text), text);
      assert.equal(sharedDecimal(mantissa, fraction), Number(text), `${text} again (shared)`);
    }
  });

  it("csvFieldValueAt reads plain decimals, other numbers, text and empty fields", () => {
    const t = "298.3,-0.5,1e3,0.12114864587783813,abc, ,";
    const fields = t.split(",");
    let at = 0;
    const got = fields.map((f) => {
      const v = csvFieldValueAt(t, at, at + f.length);
      at += f.length + 1;
      return v;
    });
    assert.deepEqual(got, [298.3, -0.5, 1000, 0.12114864587783813, "abc", null, null]);
  });
});
