/**
 * Keeps web pages out of the local stack. A page can reach 127.0.0.1 through DNS rebinding
 * (its own name resolving to loopback: the request then carries `Host: attacker.example`) or
 * with a cross-site form post or `fetch` (the browser adds `Origin` / `Sec-Fetch-Site`).
 * Programs (the SDK, Node's `fetch`, curl) send neither header, so they are unaffected.
 */
import type { IncomingMessage } from "node:http";
import * as net from "node:net";
import * as os from "node:os";

/** Why a request was refused by the guard. */
export interface HostGuardRefusal {
  kind: "foreign-host" | "foreign-origin";
  message: string;
}

/** Decides per request; built once per server. */
type HostGuard = (req: IncomingMessage) => HostGuardRefusal | undefined;

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"];

/** True when `host` (an interface to bind) is a loopback address or name. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || (net.isIPv4(h) && h.startsWith("127."));
}

/** True when `host` binds every interface (`0.0.0.0`, `::`). */
export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "0.0.0.0" || h === "::" || h === "";
}

/**
 * The host names (lower case, IPv6 without brackets) a request may address when the stack
 * binds `bindHost`: loopback names, the bound host itself, and for a wildcard bind every
 * local interface address and the machine's host name.
 */
export function allowedHostNames(bindHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const bound = bindHost.replace(/^\[|\]$/g, "").toLowerCase();
  if (isWildcardHost(bindHost)) {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) names.add(a.address.toLowerCase().replace(/%.*$/, ""));
    }
    names.add(os.hostname().toLowerCase());
  } else {
    names.add(bound);
  }
  return names;
}

/** The host name of a `Host` header (`name:port`, `[v6]:port`), lower case, without brackets. */
export function hostNameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") === -1 ? undefined : h.indexOf("]"));
  const colon = h.indexOf(":");
  return (colon === -1 ? h : h.slice(0, colon)).replace(/\.$/, "");
}

/**
 * Builds the guard for a server bound to `bindHost`. Refuses a request whose `Host` is not an
 * address the stack serves, whose `Origin` is anything but the stack's own origin, or which a
 * browser marks `Sec-Fetch-Site: cross-site` / `same-site` (another port of localhost is
 * another site's page, e.g. a notebook UI).
 */
export function createHostGuard(bindHost: string): HostGuard {
  const allowed = allowedHostNames(bindHost);
  return (req) => {
    const host = req.headers.host;
    if (host === undefined || !allowed.has(hostNameOf(host))) {
      return {
        kind: "foreign-host",
        message:
          `Host ${host === undefined ? "(missing)" : JSON.stringify(host)} is not an address this Capture Lab stack serves ` +
          `(${[...allowed].slice(0, 6).join(", ")}); requests through other names (DNS rebinding) are refused.`,
      };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, allowed, req.socket.localPort)) {
      return {
        kind: "foreign-origin",
        message: `Origin ${JSON.stringify(origin)} is not this stack: requests from web pages are refused.`,
      };
    }
    const site = req.headers["sec-fetch-site"];
    if (site === "cross-site" || site === "same-site") {
      return {
        kind: "foreign-origin",
        message: `Sec-Fetch-Site ${site}: requests from other sites' pages are refused.`,
      };
    }
    return undefined;
  };
}

function isOwnOrigin(origin: string, allowed: Set<string>, port: number | undefined): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  const name = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const originPort = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  return url.protocol === "http:" && allowed.has(name) && originPort === port;
}
