/**
 * The parts of tslab 1.0.22 the launcher builds on. tslab exports no kernel API, so these are
 * its internal modules (`dist/converter`, `dist/executor`, `dist/jupyter`, `dist/util`), typed
 * here as far as the launcher uses them and loaded from capture-lab's own tslab dependency.
 */
import * as path from "path";
import type { TsSyntax } from "./top-level-await";

/** One TypeScript diagnostic, positions relative to the cell. */
interface TslabDiagnostic {
  start: { line: number; character: number };
  messageText: string;
  fileName?: string;
}

/** The result of converting one cell to JavaScript. */
interface ConvertResult {
  output?: string;
  diagnostics: TslabDiagnostic[];
  lastExpressionVar?: string;
  hasToplevelAwait?: boolean;
}

/** tslab's TypeScript-to-JavaScript converter for cells. */
export interface Converter {
  convert(prevDecl: string, src: string): ConvertResult;
  close(): void;
  [other: string]: unknown;
}

/** The converters the executor uses, created on first use. */
export interface ConverterSet {
  readonly node: Converter;
  readonly browser: Converter;
  close(): void;
}

/** What the executor prints through: `log` gets a cell's last value, `error` failures. */
export interface ExecutorConsole {
  log(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Runs cells; keeps declarations between them. */
export interface Executor {
  execute(src: string): Promise<boolean>;
  interrupt(): void;
  close(): void;
}

/** A zmq message as tslab parses it. */
export interface ZmqMessage {
  header: { msg_type: string; [key: string]: unknown };
  content: Record<string, unknown>;
  createReply(): ZmqMessage;
  signAndSend(key: string, socket: unknown): void;
}

/** tslab's handler for everything but execution (completion, inspection, is_complete). */
interface JupyterHandler {
  handleKernel(): Record<string, unknown>;
  [other: string]: unknown;
}

/** tslab's zmq server; the launcher replaces some of its per-message methods. */
export interface ZmqServer {
  connInfo: { key: string };
  iopub: unknown;
  init(): Promise<void>;
  handleExecute(sock: unknown, msg: ZmqMessage): Promise<void>;
  handleKernelInfo(sock: unknown, msg: ZmqMessage): void;
  handleCommInfoRequest(sock: unknown, msg: ZmqMessage): void;
  handleShutdown(sock: unknown, msg: ZmqMessage): void;
}

/** The display writer tslab's public display API sends through. */
export type WriteDisplayData = (
  data: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

/** The tslab modules the launcher uses. */
export interface Tslab {
  createConverter(options: { isJS: boolean; isBrowser: boolean }): Converter;
  createExecutor(rootDir: string, convs: ConverterSet, console: ExecutorConsole): Executor;
  /** tslab's module state: the writer behind `tslab.display` (set per request). */
  jupyter: {
    lastWriteDisplayData: WriteDisplayData | null;
    JupyterHandlerImpl: new (executor: Executor, isJs: boolean) => JupyterHandler;
    ZmqServer: new (handler: JupyterHandler, configPath: string) => ZmqServer;
  };
  /** The TypeScript version tslab bundles. */
  typescriptVersion: string;
  /** tslab's bundled TypeScript, for reading a cell's syntax. */
  ts: TsSyntax;
}

/** Loads tslab from where capture-lab resolves it, so cells' `require("tslab")` is the same copy. */
export function loadTslab(): Tslab {
  const root = path.dirname(require.resolve("tslab/package.json"));
  const dist = (name: string) => require(path.join(root, "dist", name)) as Record<string, unknown>;
  const converter = dist("converter");
  const executor = dist("executor");
  const jupyter = dist("jupyter") as unknown as Tslab["jupyter"];
  const versions = (dist("public") as { versions: { typescript: string } }).versions;
  return {
    createConverter: converter.createConverter as Tslab["createConverter"],
    createExecutor: executor.createExecutor as Tslab["createExecutor"],
    jupyter,
    typescriptVersion: versions.typescript,
    ts: require(require.resolve("@tslab/typescript-for-tslab", { paths: [root] })) as TsSyntax,
  };
}
