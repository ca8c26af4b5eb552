/**
 * The post-analytics processor (I/O): a Python script's `postprocess_handler()` (or a
 * JavaScript module's `postprocessHandler(env)`), run once after a successful monitoring run;
 * what it prints is returned. As in AWS's container, the environment says where the run's
 * files are: `output_path` (a local folder with statistics.json and
 * constraint_violations.json), `start_time`, `end_time` (ISO, when the window has them).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatStatistics, type StatisticsFile } from "../files/statistics-file";
import { formatViolations, type Violation } from "../files/violations-file";
import { isJsScript, loadJsFunction } from "./js-module";
import { PreprocessorError, PYTHON_HINT } from "./preprocessor-error";
import { HARNESS_PATH, pythonCommand } from "./python-runner";
import { announceScript, localScript, type LocalScript, type ScriptLocation } from "./script-location";

/** What the post-analytics processor did. */
export interface PostAnalyticsResult {
  /** The script as given. */
  script: string;
  /** What it printed (stdout and stderr, as they came; for JavaScript, nothing is captured). */
  output: string;
}

/**
 * Runs `postprocess_handler()` once.
 * @example
 * const r = await runPostAnalyticsProcessor("postprocessor.py");
 * console.log(r.output);
 * @throws PreprocessorError when the script cannot load, lacks the handler, or the handler raises
 */
export async function runPostAnalyticsProcessor(
  location: ScriptLocation,
  options: PostAnalyticsOptions = {},
): Promise<PostAnalyticsResult> {
  const script = await localScript(location);
  try {
    return await runPostAnalyticsScript(script, options);
  } finally {
    script.dispose();
  }
}

/** Options of {@link runPostAnalyticsProcessor}. */
export interface PostAnalyticsOptions {
  onOutput?: (text: string) => void;
  /** The run's files, put in a local `output_path` folder for the script. */
  files?: RunFiles;
}

/**
 * Runs `postprocess_handler()` of a script already on this machine (a worker thread's copy
 * of what its main thread fetched); the script is not removed here.
 */
export async function runPostAnalyticsScript(
  script: LocalScript,
  options: PostAnalyticsOptions = {},
): Promise<PostAnalyticsResult> {
  const onOutput = options.onOutput ?? ((t: string) => void process.stderr.write(t));
  onOutput(announceScript("post-analytics processor", script));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-post-"));
  const env = options.files ? runEnvironment(dir, options.files) : {};
  try {
    if (isJsScript(script.path)) {
      const fn = await loadJsFunction(script.path, script.label, "postprocessHandler");
      try {
        await fn({ ...env });
      } catch (e) {
        throw new PreprocessorError(
          `${script.label}: postprocessHandler() threw: ${(e as Error)?.stack ?? String(e)}`,
          {
            source: script.label,
            cause: e,
          },
        );
      }
      return { script: script.label, output: "" };
    }
    const python = pythonCommand();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(python, ["-u", HARNESS_PATH, "post", script.path], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, ...env, PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1" },
      });
      let out = "";
      const take = (t: string) => {
        out += t;
      };
      child.stdout.setEncoding("utf8").on("data", take);
      child.stderr.setEncoding("utf8").on("data", take);
      child.on("error", (e: NodeJS.ErrnoException) =>
        reject(
          new PreprocessorError(`${script.label}: Python not found ("${python}"): ${PYTHON_HINT}`, {
            source: script.label,
            cause: e,
          }),
        ),
      );
      child.on("close", (c) => resolve({ code: c, output: out }));
    });
    if (code !== 0)
      throw new PreprocessorError(
        `${script.label}: post-analytics processor failed (exit ${code}):\n${output.trimEnd()}`,
        {
          source: script.label,
        },
      );
    return { script: script.label, output };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a monitoring run hands its post-analytics processor: a data-quality run's statistics and
 * violations, or any run's files as texts by name (model quality's).
 */
export type RunFiles = ({ statistics: StatisticsFile; violations: Violation[] } | { texts: Record<string, string> }) & {
  from?: Date;
  to?: Date;
};

/** Writes the run's files into `dir`; the environment AWS's container gives (`output_path`, ...). */
function runEnvironment(dir: string, files: RunFiles): Record<string, string> {
  const texts =
    "texts" in files
      ? files.texts
      : {
          "statistics.json": formatStatistics(files.statistics),
          "constraint_violations.json": formatViolations({ violations: files.violations }),
        };
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(dir, name), text);
  return {
    output_path: dir,
    ...(files.from ? { start_time: files.from.toISOString() } : {}),
    ...(files.to ? { end_time: files.to.toISOString() } : {}),
  };
}
