/** The shared HTTP layer of the local stack. */
export type { ServiceHandler } from "./service";
export { createLocalServer, listen, closeServer, STATUS_PATH, FLUSH_PATH, type LocalServerOptions } from "./server";
export { routeRequest, signingService, type ServiceName } from "./router";
export { consoleLogger, silentLogger, type Logger } from "./logger";
