/** Printing doubles the way Java's `Double.toString` does (AWS's files and texts). Pure. */

/**
 * Formats a double like Java's `Double.toString` (JDK 19+, shortest digits that read back):
 * `1.0`, `0.1`, `99.63446475195823`, `1.0E7`, `1.234E-5`, `NaN`, `Infinity`.
 * @example
 * javaDouble(100) // "100.0"
 */
export function javaDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(value);
  const sign = value < 0 ? "-" : "";
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(abs);
    // JS prints plain decimals in this range; Java always shows a fractional digit.
    return sign + (text.includes(".") ? text : `${text}.0`);
  }
  const [mantissa, exponent] = abs.toExponential().split("e");
  const m = mantissa!.includes(".") ? mantissa! : `${mantissa}.0`;
  return `${sign}${m}E${Number(exponent)}`;
}
