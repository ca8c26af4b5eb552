/** The shared HTTP layer of the local stack. */
export type { ServiceHandler } from "./service";
export { createLocalServer, listen, closeServer, STATUS_PATH, FLUSH_PATH, type LocalServerOptions } from "./server";
export { routeRequest, signingService, type ServiceName } from "./router";
export { consoleLogger, silentLogger, type Logger } from "./logger";
export { createHostGuard, isLoopbackHost, isWildcardHost, type HostGuard, type HostGuardRefusal } from "./host-guard";
export { verifySigV4, type SigV4Credentials, type SigV4Failure, type SigV4Verdict } from "./sigv4-verify";
