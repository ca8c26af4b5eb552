import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * One service's wire handler. The router picks the service from headers only, so each
 * handler reads (or streams) the request body itself and always ends the response.
 */
export type ServiceHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
