/**
 * Entry point of the child process that runs one JS handler (SAGEMAKER_PROGRAM) for a
 * {@link HandlerBackend}: the handler's code never runs in the stack's process, so one that
 * loops, exits or crashes costs its own endpoint a ModelError and nothing else. The parent
 * enforces the time limit by killing this process.
 */
import type { InvocationResponse } from "./backend";
import type { HandlerContext, HandlerModule } from "./handler-backend";
import { asBuffer, type FromHandlerProcess, type ToHandlerProcess } from "./handler-protocol";

let handler: HandlerModule | undefined;
let context: HandlerContext | undefined;

function reply(message: FromHandlerProcess): void {
  process.send?.(message);
}

async function load(file: string, modelDir: string, environment: Record<string, string>): Promise<void> {
  let mod: unknown;
  try {
    mod = require(file);
  } catch (e) {
    return reply({ type: "load-failed", message: `failed to load: ${(e as Error)?.message ?? String(e)}` });
  }
  const h = ((mod as { default?: unknown })?.default ?? mod) as HandlerModule;
  if (typeof h?.invoke !== "function") {
    return reply({ type: "load-failed", message: "the module must export an invoke(request, context) function" });
  }
  context = { modelDir, environment };
  try {
    await h.init?.(context);
  } catch (e) {
    return reply({ type: "load-failed", message: `init failed: ${(e as Error)?.message ?? String(e)}` });
  }
  handler = h;
  reply({ type: "loaded" });
}

/** Runs the handler; a throwing handler or a bad answer becomes a 500 (the model's error). */
async function invoke(message: Extract<ToHandlerProcess, { type: "invoke" }>): Promise<InvocationResponse> {
  const text = (s: string): InvocationResponse => ({ status: 500, body: Buffer.from(s), contentType: "text/plain" });
  try {
    const r = await (handler as HandlerModule).invoke(
      { ...message.request, body: asBuffer(message.request.body) },
      context as HandlerContext,
    );
    if (!r || (typeof r.body !== "string" && !(r.body instanceof Uint8Array)))
      return text("handler returned no body (expected { body: string | Buffer })");
    return {
      status: r.status ?? 200,
      body: typeof r.body === "string" ? Buffer.from(r.body, "utf8") : asBuffer(r.body),
      contentType: r.contentType,
      customAttributes: r.customAttributes,
    };
  } catch (e) {
    return text(`handler error: ${(e as Error)?.message ?? String(e)}`);
  }
}

async function ping(): Promise<boolean> {
  try {
    return handler?.ping ? Boolean(await handler.ping()) : handler !== undefined;
  } catch {
    return false;
  }
}

process.on("message", (message: ToHandlerProcess) => {
  switch (message.type) {
    case "load":
      void load(message.file, message.modelDir, message.environment);
      break;
    case "ping":
      void ping().then((ok) => reply({ type: "done", id: message.id, ping: ok }));
      break;
    case "invoke":
      void invoke(message).then((response) => reply({ type: "done", id: message.id, response }));
      break;
    case "close":
      void Promise.resolve()
        .then(() => handler?.close?.())
        .catch(() => undefined)
        .then(() => reply({ type: "done", id: message.id }));
      break;
  }
});
// The stack went away (or closed the channel): nothing left to serve.
process.on("disconnect", () => process.exit(0));
