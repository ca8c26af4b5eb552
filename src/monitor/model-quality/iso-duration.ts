/** ISO-8601 durations as Model Monitor's `StartTimeOffset` / `EndTimeOffset` take them (`-P1D`, `-PT2H`). Pure. */
import { ModelQualityError } from "./errors";

const DURATION =
  /^([+-])?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds of an ISO-8601 duration: weeks, days, hours, minutes, seconds, with an optional
 * sign (`-P8D` is -691200000). Years and months are refused: their length depends on the date.
 * @param field the flag or option named in the error (e.g. `--start-offset`)
 * @example
 * parseIsoDuration("-PT2H"); // -7200000
 */
export function parseIsoDuration(text: string, field = "offset"): number {
  const m = DURATION.exec(text.trim().toUpperCase());
  if (!m || text.trim().toUpperCase().endsWith("T") || !m.slice(2).some((x) => x !== undefined))
    throw new ModelQualityError(
      `${field}: expected an ISO-8601 duration in weeks, days, hours, minutes or seconds such as -P1D, -PT2H or -P1DT12H, got "${text}"`,
      { field },
    );
  const [w, d, h, min, s] = m.slice(2).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = ((((w! * 7 + d!) * 24 + h!) * 60 + min!) * 60 + s!) * 1000;
  return m[1] === "-" ? -ms : ms;
}
