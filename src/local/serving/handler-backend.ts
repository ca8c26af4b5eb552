/**
 * Custom inference logic in JavaScript, shipped inside the model artifact — Capture Lab's
 * counterpart of SageMaker "script mode": `Environment.SAGEMAKER_PROGRAM` names a `.js` or
 * `.cjs` file in `model.tar.gz`. The artifact is written to a fresh directory under the
 * work dir and the file is `require`d from there, so it can read its neighbours
 * (`context.modelDir`).
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
import * as fs from "node:fs";
import * as path from "node:path";
import type { InvocationRequest, InvocationResponse, ModelBackend } from "./backend";
import { normaliseEntryName } from "../../model-artifact";

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

/** A model whose inference is a JS module from the artifact. */
export class HandlerBackend implements ModelBackend {
  private constructor(private readonly handler: HandlerModule, private readonly context: HandlerContext) {}

  /**
   * Writes `files` to a new directory under `workDir`, loads `program` from it and runs its
   * `init`. Throws a clear error when the program is missing, not JS, or fails to load.
   */
  static async load(files: Map<string, Buffer>, program: string, workDir: string,
    environment: Record<string, string> = {}): Promise<HandlerBackend> {
    const name = normaliseEntryName(program);
    if (!/\.c?js$/.test(name)) throw new Error(`SAGEMAKER_PROGRAM ${program}: only .js and .cjs handlers are supported`);
    if (!files.has(name)) {
      throw new Error(`SAGEMAKER_PROGRAM ${program}: no such file in model.tar.gz (files: ${[...files.keys()].slice(0, 10).join(", ") || "none"})`);
    }
    fs.mkdirSync(workDir, { recursive: true });
    const modelDir = fs.mkdtempSync(path.join(workDir, "model-"));
    for (const [rel, data] of files) {
      const target = path.join(modelDir, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
    }
    const context: HandlerContext = { modelDir, environment };
    let mod: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(path.join(modelDir, name));
    } catch (e) {
      fs.rmSync(modelDir, { recursive: true, force: true });
      throw new Error(`SAGEMAKER_PROGRAM ${program}: failed to load: ${(e as Error).message}`);
    }
    const handler = ((mod as { default?: unknown }).default ?? mod) as HandlerModule;
    if (typeof handler?.invoke !== "function") {
      fs.rmSync(modelDir, { recursive: true, force: true });
      throw new Error(`SAGEMAKER_PROGRAM ${program}: the module must export an invoke(request, context) function`);
    }
    const backend = new HandlerBackend(handler, context);
    try {
      await handler.init?.(context);
    } catch (e) {
      await backend.close();
      throw new Error(`SAGEMAKER_PROGRAM ${program}: init failed: ${(e as Error).message}`);
    }
    return backend;
  }

  /** The handler's `ping()`, false if it throws; healthy when it has none. */
  async ping(): Promise<boolean> {
    try {
      return this.handler.ping ? Boolean(await this.handler.ping()) : true;
    } catch {
      return false;
    }
  }

  /** Runs the handler; a throwing handler becomes a 500 answer (the model's error). */
  async invoke(request: InvocationRequest): Promise<InvocationResponse> {
    try {
      const r = await this.handler.invoke(request, this.context);
      if (!r || (typeof r.body !== "string" && !Buffer.isBuffer(r.body))) {
        return { status: 500, body: Buffer.from("handler returned no body (expected { body: string | Buffer })"), contentType: "text/plain" };
      }
      return {
        status: r.status ?? 200,
        body: typeof r.body === "string" ? Buffer.from(r.body, "utf8") : r.body,
        contentType: r.contentType,
        customAttributes: r.customAttributes,
      };
    } catch (e) {
      return { status: 500, body: Buffer.from(`handler error: ${(e as Error)?.message ?? String(e)}`), contentType: "text/plain" };
    }
  }

  /** Calls the handler's `close`, unloads the module and removes the model directory. */
  async close(): Promise<void> {
    try {
      await this.handler.close?.();
    } finally {
      for (const key of Object.keys(require.cache)) {
        if (key.startsWith(this.context.modelDir + path.sep)) delete require.cache[key];
      }
      fs.rmSync(this.context.modelDir, { recursive: true, force: true });
    }
  }
}
