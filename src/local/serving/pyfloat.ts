/**
 * Python's `repr(float)` for JavaScript numbers (IEEE-754 doubles).
 *
 * The SageMaker XGBoost container writes each prediction with `str(float)`, so the
 * emulator must print numbers exactly like CPython does.
 */

/**
 * Formats a double the way CPython's `repr()`/`str()` does: the shortest digit string
 * that round-trips (same digits as ECMAScript's shortest form), positional notation when
 * the decimal exponent is in [-4, 16), scientific otherwise (`1e-05`, `1.5e+16`), a
 * trailing `.0` on integral values, and `inf`, `-inf`, `nan`.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest round-trip digits.
  const exp = Math.abs(x).toExponential();
  const e = exp.indexOf("e");
  const digits = exp.slice(0, e).replace(".", "");
  const exponent = Number(exp.slice(e + 1));
  // CPython ('r' mode): scientific when exponent < -4 or exponent >= 16.
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const absExp = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${absExp < 10 ? "0" : ""}${absExp}`;
  }
  const point = exponent + 1; // digits before the decimal point
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** `repr()` of a float32 value widened to double, as numpy's `.tolist()` yields it. */
export function pythonFloat32Repr(x: number): string {
  return pythonFloatRepr(Math.fround(x));
}
