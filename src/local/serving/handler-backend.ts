/**
 * Custom inference logic in JavaScript, shipped inside the model artifact — Capture Lab's
 * counterpart of SageMaker "script mode": `Environment.SAGEMAKER_PROGRAM` names a `.js` or
 * `.cjs` file in `model.tar.gz`. The artifact is written to a fresh directory under the
 * work dir and the file is `require`d from there, so it can read its neighbours
 * (`context.modelDir`).
 *
 * The handler runs in a child process (`handler-process.ts`), never in the stack's: an
 * invocation that takes longer than `SAGEMAKER_MODEL_SERVER_TIMEOUT` seconds (default 60, the
 * SageMaker invocation limit) kills the process, and a handler that exits or crashes only
 * fails the invocations in flight. Either way they answer 500 (a `ModelError` at the runtime)
 * and the next request starts a fresh process (running `init` again).
 *
 * Module contract ({@link HandlerModule}, CommonJS):
 * ```js
 * module.exports = {
 *   init(context) {},                 // optional, once at load (like model_fn)
 *   ping() { return true; },          // optional health check, default healthy
 *   invoke(request, context) {        // required; request is an InvocationRequest
 *     return { status: 200, body: "0.5", contentType: "text/csv" };
 *   },
 *   close() {},                       // optional
 * };
 * ```
 */
import { fork, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { InvocationRequest, InvocationResponse, ModelBackend } from "./backend";
import { normaliseEntryName } from "../../model-artifact";
import { asBuffer, type FromHandlerProcess, type ToHandlerProcess } from "./handler-protocol";

/** What a handler gets besides the request. */
export interface HandlerContext {
  /** Directory holding the extracted artifact. */
  modelDir: string;
  /** The ContainerDefinition's Environment. */
  environment: Record<string, string>;
}

/** A handler's answer; `body` may be a string (UTF-8). `status` defaults to 200. */
export interface HandlerResult {
  status?: number;
  body: Buffer | string;
  contentType?: string;
  customAttributes?: string;
}

/** The exports a handler module must provide. */
export interface HandlerModule {
  init?(context: HandlerContext): void | Promise<void>;
  ping?(): boolean | Promise<boolean>;
  invoke(request: InvocationRequest, context: HandlerContext): HandlerResult | Promise<HandlerResult>;
  close?(): void | Promise<void>;
}

/** Time limits of a {@link HandlerBackend}. */
interface HandlerLimits {
  /** One invocation (default: `SAGEMAKER_MODEL_SERVER_TIMEOUT` seconds, else 60 s). */
  invokeTimeoutMs?: number;
  /** Loading the module and its `init` (default 60 s). */
  startTimeoutMs?: number;
  /** One `ping` (default 2 s, as SageMaker's health check). */
  pingTimeoutMs?: number;
}

/** Environment key for the invocation time limit, in seconds, as SageMaker's model servers read it. */
const MODEL_SERVER_TIMEOUT_ENV = "SAGEMAKER_MODEL_SERVER_TIMEOUT";

const DEFAULT_INVOKE_TIMEOUT_MS = 60_000;
const DEFAULT_START_TIMEOUT_MS = 60_000;
const DEFAULT_PING_TIMEOUT_MS = 2_000;
const CLOSE_GRACE_MS = 2_000;

/** The child's entry file: the compiled `.js` next to this one, or the `.ts` source under tsx. */
function entryFile(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `handler-process${ext}`);
  // Running from source (tests, tsx scripts): the child needs tsx's loader too.

  const hasTsx = process.execArgv.some((a) => a.includes("tsx"));
  const execArgv =
    ext === ".ts" && !hasTsx ? [...process.execArgv, "--require", require.resolve("tsx/cjs")] : [...process.execArgv];
  return { file, execArgv };
}

/** The invocation limit from the model's environment, or undefined when unset; throws when not a positive number. */
export function modelServerTimeoutMs(environment: Record<string, string>): number | undefined {
  const raw = environment[MODEL_SERVER_TIMEOUT_ENV];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${MODEL_SERVER_TIMEOUT_ENV} ${JSON.stringify(raw)}: expected a positive number of seconds`);
  }
  return Math.round(seconds * 1000);
}

/** One running child process and the requests waiting for its answers. */
class HandlerProcess {
  private readonly waiting = new Map<number, (m: FromHandlerProcess | Error) => void>();
  private nextId = 1;
  /** Set once the process has exited (or was killed): every new request then fails at once. */
  exited: Error | undefined;
  private readonly exitedPromise: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    private readonly program: string,
  ) {
    this.exitedPromise = new Promise((resolve) => child.once("exit", () => resolve()));
    child.on("message", (m: FromHandlerProcess) => {
      if (m.type !== "done") return;
      const settle = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      settle?.(m);
    });
    child.once("exit", (code, signal) => {
      this.exited ??= new Error(`the handler process of ${program} exited (${signal ?? `code ${code}`})`);
      for (const settle of this.waiting.values()) settle(this.exited);
      this.waiting.clear();
    });
    child.on("error", () => undefined); // reported through "exit"
  }

  /** Starts a process for `file` and waits until the module is loaded and `init` ran. */
  static async start(
    file: string,
    modelDir: string,
    program: string,
    environment: Record<string, string>,
    timeoutMs: number,
  ): Promise<HandlerProcess> {
    const entry = entryFile();
    const child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      cwd: modelDir,
    });
    const proc = new HandlerProcess(child, program);
    const outcome = await new Promise<FromHandlerProcess | Error>((resolve) => {
      const timer = setTimeout(() => resolve(new Error(`loading took longer than ${timeoutMs / 1000} s`)), timeoutMs);
      const done = (m: FromHandlerProcess | Error): void => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(m);
      };
      const onMessage = (m: FromHandlerProcess): void => {
        if (m.type === "loaded" || m.type === "load-failed") done(m);
      };
      const onExit = (code: number | null, signal: string | null): void =>
        done(new Error(`the handler process exited while loading (${signal ?? `code ${code}`})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
      proc.post({ type: "load", file, modelDir, environment });
    });
    if (outcome instanceof Error || outcome.type === "load-failed") {
      await proc.kill();
      throw new Error(`SAGEMAKER_PROGRAM ${program}: ${outcome instanceof Error ? outcome.message : outcome.message}`);
    }
    return proc;
  }

  private post(message: ToHandlerProcess): void {
    if (this.child.connected) this.child.send(message, (err) => err && this.kill());
  }

  /**
   * Sends a request and waits for its answer. Past `timeoutMs` the process is killed (a
   * handler that never yields cannot be interrupted any other way) and the request fails.
   */
  request(
    message: { type: "ping" } | { type: "invoke"; request: InvocationRequest } | { type: "close" },
    timeoutMs: number,
  ): Promise<FromHandlerProcess> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.exited ??= new Error(
          `the handler ${this.program} did not answer within ${timeoutMs / 1000} s (${MODEL_SERVER_TIMEOUT_ENV}); its process was stopped`,
        );
        void this.kill();
      }, timeoutMs);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        if (m instanceof Error) reject(m);
        else resolve(m);
      });
      this.post({ ...message, id } as ToHandlerProcess);
    });
  }

  /** Kills the process and resolves once it is gone. */
  kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    return this.exitedPromise;
  }
}

/** A model whose inference is a JS module from the artifact, run in a child process. */
export class HandlerBackend implements ModelBackend {
  private current: Promise<HandlerProcess>;
  private closed = false;

  private constructor(
    first: HandlerProcess,
    private readonly file: string,
    private readonly program: string,
    private readonly context: HandlerContext,
    private readonly limits: Required<HandlerLimits>,
  ) {
    this.current = Promise.resolve(first);
  }

  /**
   * Writes `files` to a new directory under `workDir`, starts a process that loads `program`
   * from it and runs its `init`. Throws a clear error when the program is missing, not JS,
   * fails to load or to initialise in time.
   */
  static async load(
    files: Map<string, Buffer>,
    program: string,
    workDir: string,
    environment: Record<string, string> = {},
    limits: HandlerLimits = {},
  ): Promise<HandlerBackend> {
    const name = normaliseEntryName(program);
    if (!/\.c?js$/.test(name))
      throw new Error(`SAGEMAKER_PROGRAM ${program}: only .js and .cjs handlers are supported`);
    if (!files.has(name)) {
      throw new Error(
        `SAGEMAKER_PROGRAM ${program}: no such file in model.tar.gz (files: ${[...files.keys()].slice(0, 10).join(", ") || "none"})`,
      );
    }
    const resolved: Required<HandlerLimits> = {
      invokeTimeoutMs: limits.invokeTimeoutMs ?? modelServerTimeoutMs(environment) ?? DEFAULT_INVOKE_TIMEOUT_MS,
      startTimeoutMs: limits.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      pingTimeoutMs: limits.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS,
    };
    fs.mkdirSync(workDir, { recursive: true });
    const modelDir = fs.mkdtempSync(path.join(workDir, "model-"));
    for (const [rel, data] of files) {
      const target = path.join(modelDir, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
    }
    const file = path.join(modelDir, name);
    const context: HandlerContext = { modelDir, environment };
    try {
      const first = await HandlerProcess.start(file, modelDir, program, environment, resolved.startTimeoutMs);
      return new HandlerBackend(first, file, program, context, resolved);
    } catch (e) {
      fs.rmSync(modelDir, { recursive: true, force: true });
      throw e;
    }
  }

  /** The running process, or a fresh one when the last one exited or was stopped. */
  private process(): Promise<HandlerProcess> {
    this.current = this.current
      .catch(() => undefined)
      .then((p) =>
        p && !p.exited
          ? p
          : HandlerProcess.start(
              this.file,
              this.context.modelDir,
              this.program,
              this.context.environment,
              this.limits.startTimeoutMs,
            ),
      );
    return this.current;
  }

  /** The handler's `ping()`, false if it throws, hangs or its process cannot start; healthy when it has none. */
  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const answer = await (await this.process()).request({ type: "ping" }, this.limits.pingTimeoutMs);
      return answer.type === "done" && answer.ping === true;
    } catch {
      return false;
    }
  }

  /** Runs the handler; a throwing, hanging or crashing handler becomes a 500 answer (the model's error). */
  async invoke(request: InvocationRequest): Promise<InvocationResponse> {
    const failure = (message: string): InvocationResponse => ({
      status: 500,
      body: Buffer.from(message),
      contentType: "text/plain",
    });
    if (this.closed) return failure(`the handler ${this.program} is closed`);
    try {
      const answer = await (await this.process()).request({ type: "invoke", request }, this.limits.invokeTimeoutMs);
      const r = answer.type === "done" ? answer.response : undefined;
      if (!r) return failure("the handler process sent no response");
      return { ...r, body: asBuffer(r.body) };
    } catch (e) {
      return failure((e as Error).message);
    }
  }

  /** Calls the handler's `close` (briefly), stops its process and removes the model directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const proc = await this.current.catch(() => undefined);
    if (proc && !proc.exited) await proc.request({ type: "close" }, CLOSE_GRACE_MS).catch(() => undefined);
    await proc?.kill();
    fs.rmSync(this.context.modelDir, { recursive: true, force: true });
  }
}
