/** The error for a Model Monitor file that does not have the expected shape. */
import { CaptureLabError } from "../../errors";

/** A bad statistics.json / constraints.json / constraint_violations.json, naming file and field. */
export class MonitorFileError extends CaptureLabError {
  /** The file (`source`) and the dotted field (`field`, `""` for the top level) are the base's properties. */
  declare readonly source: string;
  declare readonly field: string;
  /** What the field should have been. */
  readonly expected: string;

  /** @param file the file; @param field the dotted field (`""`: top level); @param expected what was expected. */
  constructor(file: string, field: string, expected: string) {
    super(`${file}: ${field || "(top level)"}: expected ${expected}`, { source: file, field });
    this.expected = expected;
  }
}

/** Checks helpers for one file: each throws a MonitorFileError naming the field. */
export class FieldReader {
  constructor(readonly file: string) {}

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new MonitorFileError(this.file, field, "an object");
    return value as Record<string, unknown>;
  }

  array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) throw new MonitorFileError(this.file, field, "an array");
    return value;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== "string") throw new MonitorFileError(this.file, field, "a string");
    return value;
  }

  number(value: unknown, field: string): number {
    if (typeof value !== "number") throw new MonitorFileError(this.file, field, "a number");
    return value;
  }

  optionalNumber(value: unknown, field: string): number | undefined {
    return value === undefined ? undefined : this.number(value, field);
  }

  json(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new MonitorFileError(this.file, "", `JSON (${(e as Error).message})`);
    }
  }
}
