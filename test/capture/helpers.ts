import * as fs from "fs";
import * as path from "path";

/** The project's own capture fixtures. */
export const OWN_FIXTURES = path.resolve(__dirname, "../fixtures/capture");
/** Real AWS capture samples shared by the team (may be absent). */
export const SHARED_FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/aws-capture");

/** Reads one of the project's own fixtures as UTF-8. */
export function ownFixture(name: string): string {
  return fs.readFileSync(path.join(OWN_FIXTURES, name), "utf8");
}

/** Calls `fn`, expecting it to throw; returns the error. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an exception, none was thrown");
}
