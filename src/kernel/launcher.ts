#!/usr/bin/env node
/**
 * The Capture Lab kernel: tslab's compiler, executor and zmq server, started by this launcher so
 * that Capture Lab owns execution and display from the first cell on. It replaces the per-message
 * handlers where tslab bends the Jupyter protocol (execute, kernel_info, comm_info, shutdown);
 * completion, inspection, is_complete, heartbeat and interrupts stay tslab's.
 *
 * Usage (from a kernelspec): `node launcher.js {connection_file}`.
 */
import * as path from "path";
import { CellRunner, type ExecuteRequest } from "./execution";
import { loadTslab, type ZmqMessage, type ZmqServer } from "./tslab";

function packageVersion(): string {
  try {
    return (require(path.join(__dirname, "..", "..", "package.json")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/** Replaces the server's handlers that tslab gets wrong; the rest stays tslab's. */
function extendServer(server: ZmqServer, runner: CellRunner, typescriptVersion: string): void {
  const send = (msg: ZmqMessage, sock: unknown, msgType: string, content: Record<string, unknown>) => {
    const reply = msg.createReply();
    reply.header.msg_type = msgType;
    reply.content = content;
    reply.signAndSend(server.connInfo.key, sock);
  };
  server.handleExecute = async (sock, msg) => {
    const io = {
      publish: (msgType: string, content: Record<string, unknown>) => send(msg, server.iopub, msgType, content),
    };
    const content = await runner.execute(msg.content as unknown as ExecuteRequest, io);
    send(msg, sock, "execute_reply", content);
  };
  server.handleKernelInfo = (sock, msg) => {
    send(msg, sock, "kernel_info_reply", {
      status: "ok",
      protocol_version: "5.3",
      implementation: "capture-lab",
      implementation_version: packageVersion(),
      language_info: {
        name: "typescript",
        version: typescriptVersion,
        mimetype: "text/typescript",
        file_extension: ".ts",
        // As tslab: TypeScript highlighting in JupyterLab (mode) and the classic Notebook (name).
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      },
      banner: `Capture Lab: TypeScript ${typescriptVersion} (tslab) on Node ${process.version}`,
      help_links: [{ text: "Capture Lab", url: "https://www.npmjs.com/package/capture-lab" }],
    });
  };
  server.handleCommInfoRequest = (sock, msg) => send(msg, sock, "comm_info_reply", { status: "ok", comms: {} });
  // tslab closes its sockets after this reply (its message loop sees the shutdown request).
  server.handleShutdown = (sock, msg) =>
    send(msg, sock, "shutdown_reply", { status: "ok", restart: msg.content.restart === true });
}

/** Starts the kernel for a Jupyter connection file. */
async function startKernel(connectionFile: string): Promise<void> {
  const tslab = loadTslab();
  const runner = new CellRunner(tslab, process.cwd());
  const handler = new tslab.jupyter.JupyterHandlerImpl(runner.executor, false);
  const server = new tslab.jupyter.ZmqServer(handler, connectionFile);
  extendServer(server, runner, tslab.typescriptVersion);
  process.on("SIGINT", () => runner.interrupt());
  // Late failures (un-awaited promises, timers) are shown under the cell running now, as tslab does.
  process.on("uncaughtException", (err) => console.error("UncaughtException:", err));
  process.on("unhandledRejection", (reason) => console.error("UnhandledPromiseRejection:", reason));
  await server.init();
}

if (require.main === module) {
  const connectionFile = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!connectionFile) {
    process.stderr.write("usage: launcher.js <connection_file>\n");
    process.exit(2);
  }
  startKernel(path.resolve(connectionFile)).catch((err: unknown) => {
    process.stderr.write(`capture-lab kernel failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
