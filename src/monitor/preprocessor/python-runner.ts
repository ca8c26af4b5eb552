/**
 * One long-lived `python3` running harness.py over a preprocessor script (I/O): records go in
 * batches on file descriptor 3, results come back on 4 (length-prefixed JSON), so the
 * script's own prints (stdout, stderr) cannot corrupt them; those are passed to `onOutput`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { Readable, Writable } from "node:stream";
import type { CaptureRecord } from "../../capture";
import type { HandlerResult } from "./handler-rows";
import { PreprocessorError, PYTHON_HINT } from "./preprocessor-error";

/** The harness shipped next to this module (copied to dist/ by the build). */
export const HARNESS_PATH = path.join(__dirname, "harness.py");

/** The Python to run: `CAPTURE_LAB_PYTHON`, else `python3` from PATH. */
export function pythonCommand(): string {
  return process.env.CAPTURE_LAB_PYTHON || "python3";
}

type Message =
  { ready: true; arity: number } | { load_error: string } | { progress: number } | { results: HandlerResult[] };

/** Options of {@link PythonRunner.start}. */
export interface PythonRunnerOptions {
  /** Per-record time limit in seconds (default 60). */
  timeoutSeconds?: number;
  /** What the script prints. */
  onOutput: (text: string) => void;
}

/** A running harness; {@link PythonRunner.start} resolves once the script is loaded. */
export class PythonRunner {
  private buf = Buffer.alloc(0);
  private waiting?: { resolve: (m: Message) => void; reject: (e: Error) => void };
  private queue: Message[] = [];
  private failure?: Error;
  private stderrTail = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly label: string,
    private readonly timeoutSeconds: number,
  ) {}

  /**
   * Starts Python on `script` and waits until it is loaded.
   * @throws PreprocessorError when no Python runs, or the script cannot load or lacks `preprocess_handler`
   */
  static async start(script: string, label: string, options: PythonRunnerOptions): Promise<PythonRunner> {
    const timeout = options.timeoutSeconds ?? 60;
    const python = pythonCommand();
    const child = spawn(python, ["-u", HARNESS_PATH, "pre", script, String(timeout)], {
      stdio: ["ignore", "pipe", "pipe", "pipe", "pipe"],
      env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1" },
    });
    const runner = new PythonRunner(child, label, timeout);
    child.stdout!.setEncoding("utf8").on("data", (t: string) => options.onOutput(t));
    child.stderr!.setEncoding("utf8").on("data", (t: string) => {
      runner.stderrTail = (runner.stderrTail + t).slice(-2000);
      options.onOutput(t);
    });
    (child.stdio[4] as Readable).on("data", (b: Buffer) => runner.onData(b));
    (child.stdio[3] as Writable).on("error", () => {}); // a dead child shows through 'exit'
    child.on("error", (e: NodeJS.ErrnoException) =>
      runner.fail(
        new PreprocessorError(
          e.code === "ENOENT"
            ? `${label}: Python not found ("${python}"): ${PYTHON_HINT}`
            : `${label}: cannot start ${python} (${e.message}): ${PYTHON_HINT}`,
          { source: label, cause: e },
        ),
      ),
    );
    child.on("exit", (code, signal) =>
      runner.fail(
        new PreprocessorError(
          `${label}: Python exited (${signal ?? `code ${code}`}) while preprocessing${runner.stderrTail ? `:\n${runner.stderrTail.trimEnd()}` : ""}`,
          { source: label },
        ),
      ),
    );
    const first = await runner.next(Infinity);
    if ("load_error" in first) {
      await runner.close();
      throw new PreprocessorError(first.load_error, { source: label });
    }
    return runner;
  }

  private onData(b: Buffer): void {
    this.buf = this.buf.length === 0 ? b : Buffer.concat([this.buf, b]);
    while (this.buf.length >= 4) {
      const n = this.buf.readUInt32BE(0);
      if (this.buf.length < 4 + n) break;
      const msg = JSON.parse(this.buf.toString("utf8", 4, 4 + n)) as Message;
      this.buf = this.buf.subarray(4 + n);
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w.resolve(msg);
      } else this.queue.push(msg);
    }
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }

  /** The next message, or a rejection when none comes within `ms` (the hard backstop). */
  private next(ms: number): Promise<Message> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => reject(new Error("timeout")), ms) : undefined;
      this.waiting = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  /**
   * Runs `preprocess_handler` over a batch.
   * @param where each record's file and line, for the message when Python must be stopped
   */
  async run(records: CaptureRecord[], where: (i: number) => string): Promise<HandlerResult[]> {
    if (this.failure) throw this.failure;
    const body = Buffer.from(JSON.stringify({ records }), "utf8");
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length, 0);
    const input = this.child.stdio[3] as Writable;
    input.write(head);
    input.write(body);
    let done = 0;
    // The harness stops a slow handler itself (SIGALRM); this backstop is for one that ignores it.
    const backstop = (this.timeoutSeconds + 10) * 1000;
    for (;;) {
      let msg: Message;
      try {
        msg = await this.next(backstop);
      } catch (e) {
        if ((e as Error).message !== "timeout") throw e;
        await this.close();
        throw new PreprocessorError(
          `${where(done)}: the record preprocessor did not finish this record within ${this.timeoutSeconds} s and would not stop; Python was stopped`,
          { source: this.label },
        );
      }
      if ("results" in msg) return msg.results;
      if ("progress" in msg) done = msg.progress;
    }
  }

  /** Ends the process (closing its input lets the harness return) and waits until it has exited. */
  close(): Promise<void> {
    this.fail(new PreprocessorError(`${this.label}: the record preprocessor was closed`, { source: this.label }));
    (this.child.stdio[3] as Writable).end();
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined)
      return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => this.child.kill("SIGKILL"), 2000);
      this.child.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
