/**
 * Runs execute requests the way Jupyter frontends expect (tslab only prints): `execute_input`
 * with the count, the last value as an `execute_result` with its rich MIME bundle, failures as
 * an `error` message and an error reply with `ename`/`evalue`/`traceback` at the user's cell,
 * and with `stop_on_error` only the requests already queued are aborted.
 */
import { format } from "util";
import { mimeBundleOf } from "../display/mime";
import { isConfigError } from "../display/report-view";
import { setKernelChannel, type KernelChannel } from "../kernel-channel";
import { compileHint, runtimeHint } from "./library-hints";
import { hasTopLevelForAwait } from "./top-level-await";
import { compileError, runtimeError, type CellDiagnostic, type JupyterError } from "./traceback";
import type { ConverterSet, Converter, Executor, ExecutorConsole, Tslab, WriteDisplayData } from "./tslab";

/** Where one request's output goes. */
export interface RequestIo {
  /** Publishes an iopub message for this request. */
  publish(msgType: string, content: Record<string, unknown>): void;
}

/** The fields of an execute request the kernel reads. */
export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

const ABORTED = Symbol("aborted");

/** Runs one task at a time; `abortQueued` makes tasks queued so far resolve to `ABORTED`. */
class CellQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private generation = 0;

  add<T>(task: () => Promise<T>): Promise<T | typeof ABORTED> {
    const generation = this.generation;
    const run = this.tail.then<T | typeof ABORTED>(() => (generation === this.generation ? task() : ABORTED));
    this.tail = run.catch(() => undefined);
    return run;
  }

  abortQueued(): void {
    this.generation++;
  }
}

/** What the executor reported while one cell ran. */
interface Outcome {
  hasValue: boolean;
  value: unknown;
  thrown: unknown[];
  diagnostics: CellDiagnostic[];
}

const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

/** Executes cells through tslab's executor and reports them in Jupyter's terms. */
export class CellRunner {
  private readonly queue = new CellQueue();
  private count = 0;
  private outcome: Outcome = { hasValue: false, value: undefined, thrown: [], diagnostics: [] };
  private lastOutput: string | undefined;
  private writeDisplay: WriteDisplayData | undefined;
  private running = false;
  private interrupted = false;
  /** tslab's executor, created with this runner's console and converters. */
  readonly executor: Executor;

  constructor(
    private readonly tslab: Tslab,
    private readonly rootDir: string,
  ) {
    this.executor = tslab.createExecutor(rootDir, this.converters(), this.console());
    setKernelChannel(this.channel());
  }

  /** Converters that remember the JavaScript of the last cell (to map error frames back). */
  private converters(): ConverterSet {
    const created: { node?: Converter; browser?: Converter } = {};
    const recordOutput = (conv: Converter): Converter =>
      new Proxy(conv, {
        get: (target, prop, receiver) =>
          prop === "convert"
            ? (prevDecl: string, src: string) => {
                const result = target.convert(prevDecl, src);
                this.lastOutput = result.output;
                // tslab wraps a cell in an async function only for an `await` expression.
                if (result.output && !result.hasToplevelAwait && hasTopLevelForAwait(this.tslab.ts, src))
                  result.hasToplevelAwait = true;
                return result;
              }
            : Reflect.get(target, prop, receiver),
      });
    const tslab = this.tslab;
    return {
      get node() {
        return (created.node ??= recordOutput(tslab.createConverter({ isJS: false, isBrowser: false })));
      },
      get browser() {
        return (created.browser ??= recordOutput(tslab.createConverter({ isJS: false, isBrowser: true })));
      },
      close() {
        created.node?.close();
        created.browser?.close();
      },
    };
  }

  /** The executor's console: `log` is only ever the cell's last value, `error` its failures. */
  private console(): ExecutorConsole {
    return {
      log: (value: unknown) => {
        this.outcome.hasValue = true;
        this.outcome.value = value;
      },
      error: (...args: unknown[]) => {
        if (args[0] === DIAGNOSTIC_FORMAT) {
          const [, fileName, line, column, message] = args as [string, string, number, number, string];
          this.outcome.diagnostics.push({ line, column, message, fileName: fileName ? fileName.trim() : undefined });
        } else {
          this.outcome.thrown.push(args.length === 1 ? args[0] : format(...args));
        }
      },
    };
  }

  /** The channel display helpers use; it writes to the request running now. */
  private channel(): KernelChannel {
    return {
      display: (bundle, options = {}) => {
        if (!this.writeDisplay) throw new Error("capture-lab kernel: display() called before any cell ran");
        const transient = options.displayId ? { display_id: options.displayId } : {};
        this.writeDisplay({ data: bundle, metadata: {}, transient }, options.update === true);
      },
    };
  }

  /**
   * Interrupts the running cell (the launcher calls this on SIGINT): tslab rejects the awaited
   * cell, and synchronous code is stopped by Node's `breakOnSigint`. A SIGINT that arrives while
   * a cell is still being compiled is lost (Node drops it when tslab swaps the SIGINT listeners
   * around the run), as in tslab.
   */
  interrupt(): void {
    if (this.running) this.interrupted = true;
    this.executor.interrupt();
  }

  /** Runs one execute request; resolves to the `execute_reply` content. */
  async execute(req: ExecuteRequest, io: RequestIo): Promise<Record<string, unknown>> {
    const result = await this.queue.add(() => this.run(req, io));
    if (result === ABORTED) return { status: "aborted", execution_count: null };
    return result;
  }

  private async run(req: ExecuteRequest, io: RequestIo): Promise<Record<string, unknown>> {
    const silent = req.silent === true;
    const count = silent ? this.count : ++this.count;
    if (!silent) io.publish("execute_input", { code: req.code, execution_count: count });
    // As tslab does: output written later (timers, late promises) goes to the latest request.
    process.stdout.write = this.streamWriter("stdout", io);
    process.stderr.write = this.streamWriter("stderr", io);
    this.writeDisplay = (data, update) => io.publish(update ? "update_display_data" : "display_data", data);
    this.tslab.jupyter.lastWriteDisplayData = this.writeDisplay;
    this.outcome = { hasValue: false, value: undefined, thrown: [], diagnostics: [] };
    this.lastOutput = undefined;

    this.running = true;
    this.interrupted = false;
    let ok: boolean;
    try {
      ok = await this.executor.execute(req.code);
    } finally {
      this.running = false;
    }
    const outcome = this.outcome;
    if (ok) {
      // A module cell (`//@module`) compiles with diagnostics and still succeeds: show them.
      for (const d of outcome.diagnostics)
        process.stderr.write(`${d.fileName ? `${d.fileName} ` : ""}${d.line}:${d.column} - ${d.message}\n`);
      if (outcome.hasValue && !silent) {
        io.publish("execute_result", { execution_count: count, data: safeBundle(outcome.value), metadata: {} });
      }
      return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
    }
    // A SIGINT during the cell's synchronous part reaches Node's breakOnSigint, not the launcher.
    const interrupted =
      this.interrupted ||
      (outcome.thrown[0] instanceof Error && /interrupted by `?SIGINT/.test(outcome.thrown[0].message));
    // Known library failures get a one-line pointer to what works instead of their stack.
    const diagnostics = outcome.diagnostics.map((d) => {
      const hint = d.fileName ? undefined : compileHint(d.message, this.rootDir);
      return hint ? { ...d, message: hint } : d;
    });
    const hint = interrupted || diagnostics.length > 0 ? undefined : runtimeHint(outcome.thrown[0]);
    const error: JupyterError = interrupted
      ? interruptError(outcome.thrown[0])
      : diagnostics.length > 0
        ? compileError(diagnostics, req.code, count)
        : withHint(runtimeError(outcome.thrown[0], req.code, this.lastOutput, count), hint);
    // An error with a view of its own (a DataCaptureConfigError lists every violation) is shown as
    // that table above the traceback, as a last value would be.
    if (!interrupted && outcome.diagnostics.length === 0 && isConfigError(outcome.thrown[0])) {
      io.publish("display_data", { data: safeBundle(outcome.thrown[0]), metadata: {}, transient: {} });
    }
    io.publish("error", { ...error });
    if (req.stop_on_error !== false) this.queue.abortQueued();
    return { status: "error", execution_count: count, ...error };
  }

  private streamWriter(name: "stdout" | "stderr", io: RequestIo): typeof process.stdout.write {
    const decoder = new TextDecoder();
    return ((chunk: string | Uint8Array) => {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
      io.publish("stream", { name, text });
      return true;
    }) as typeof process.stdout.write;
  }
}

/** An interrupted cell, named as Jupyter users know it; tslab's error has no useful frames. */
function interruptError(thrown: unknown): JupyterError {
  const evalue = thrown instanceof Error ? thrown.message : "Interrupted";
  return {
    ename: "KeyboardInterrupt",
    evalue,
    traceback: [`KeyboardInterrupt: ${evalue} (timers and requests the cell started may still run)`],
  };
}

/** The error with its stack replaced by `hint`, keeping where in the cell it happened. */
function withHint(error: JupyterError, hint: string | undefined): JupyterError {
  if (hint === undefined) return error;
  const at = error.traceback.indexOf("");
  return {
    ename: error.ename,
    evalue: hint,
    traceback: [`${error.ename}: ${hint}`, ...(at >= 0 ? error.traceback.slice(at) : [])],
  };
}

/** The value's bundle; a value whose rich view fails still shows as text. */
function safeBundle(value: unknown): Record<string, unknown> {
  try {
    return mimeBundleOf(value);
  } catch (err) {
    return { "text/plain": `${format("%o", value)}\n(rich view failed: ${(err as Error).message})` };
  }
}
