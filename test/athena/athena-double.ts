/**
 * An Athena double at the SDK's wire level: a tiny HTTP server answering the JSON 1.1
 * protocol the real `@aws-sdk/client-athena` speaks (`X-Amz-Target: AmazonAthena.<Operation>`)
 * for StartQueryExecution, GetQueryExecution, GetQueryResults (paged with NextToken, at most
 * MaxResults rows a page, a SELECT's first page starting with the header row as Athena's does)
 * and StopQueryExecution. Each query is scripted by the test: the states it passes through,
 * its columns and rows, or its failure.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** How one query behaves. */
export interface ScriptedQuery {
  /** States answered by successive GetQueryExecution calls; the last repeats. */
  states: string[];
  /** `StateChangeReason` given with FAILED / CANCELLED. */
  reason?: string;
  /** `AthenaError.ErrorType` given with FAILED. */
  errorType?: number;
  /** `DML` (default), `DDL` or `UTILITY`. */
  statementType?: string;
  /** Result columns: name and Athena type. */
  columns?: Array<{ name: string; type: string }>;
  /** Result rows (null = SQL NULL). */
  rows?: Array<Array<string | null>>;
  /** Bytes scanned reported in Statistics. */
  scanned?: number;
}

/** A request the double saw. */
export interface SeenCall {
  operation: string;
  body: Record<string, unknown>;
}

/** A running double. */
export interface AthenaDouble {
  url: string;
  calls: SeenCall[];
  /** Scripts the next StartQueryExecution (queue; each start takes the next script). */
  script(q: ScriptedQuery): void;
  /** Makes the next StartQueryExecution answer this client error. */
  failStart(type: string, message: string): void;
  close(): Promise<void>;
}

/** Starts the double on 127.0.0.1:0. */
export async function startAthenaDouble(): Promise<AthenaDouble> {
  const calls: SeenCall[] = [];
  const scripts: ScriptedQuery[] = [];
  const startErrors: Array<{ type: string; message: string }> = [];
  const queries = new Map<string, { q: ScriptedQuery; polls: number; sql: string }>();
  let nextId = 1;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const operation = String(req.headers["x-amz-target"] ?? "").replace(/^AmazonAthena\./, "");
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      calls.push({ operation, body });
      const reply = (status: number, payload: unknown) => {
        res.statusCode = status;
        res.setHeader("content-type", "application/x-amz-json-1.1");
        res.end(JSON.stringify(payload));
      };
      const clientError = (type: string, message: string) => reply(400, { __type: type, Message: message });
      const known = (id: unknown) => queries.get(String(id));

      if (operation === "StartQueryExecution") {
        const err = startErrors.shift();
        if (err) return clientError(err.type, err.message);
        const q = scripts.shift();
        if (!q) return clientError("InvalidRequestException", "double: no scripted query");
        const id = `q-${nextId++}`;
        queries.set(id, { q, polls: 0, sql: String(body.QueryString) });
        return reply(200, { QueryExecutionId: id });
      }
      const entry = known(body.QueryExecutionId);
      if (!entry)
        return clientError("InvalidRequestException", `QueryExecution ${String(body.QueryExecutionId)} was not found`);
      const { q } = entry;
      if (operation === "GetQueryExecution") {
        const state = q.states[Math.min(entry.polls++, q.states.length - 1)];
        const status: Record<string, unknown> = { State: state, SubmissionDateTime: 1.7e9 };
        if (q.reason !== undefined && (state === "FAILED" || state === "CANCELLED"))
          status.StateChangeReason = q.reason;
        if (q.errorType !== undefined && state === "FAILED")
          status.AthenaError = { ErrorCategory: 2, ErrorType: q.errorType };
        return reply(200, {
          QueryExecution: {
            QueryExecutionId: body.QueryExecutionId,
            Query: entry.sql,
            StatementType: q.statementType ?? "DML",
            Status: status,
            Statistics: { DataScannedInBytes: q.scanned ?? 0, EngineExecutionTimeInMillis: 42 },
            ResultConfiguration: { OutputLocation: `s3://results/${String(body.QueryExecutionId)}.csv` },
          },
        });
      }
      if (operation === "StopQueryExecution") {
        q.states = ["CANCELLED"];
        entry.polls = 0;
        return reply(200, {});
      }
      if (operation === "GetQueryResults") {
        const columns = q.columns ?? [];
        const isSelect = (q.statementType ?? "DML") === "DML";
        // As Athena does: a SELECT's result starts with a row of the column names.
        const all = [...(isSelect ? [columns.map((c) => c.name)] : []), ...(q.rows ?? [])];
        const start = body.NextToken ? Number(body.NextToken) : 0;
        const size = Math.min(Number(body.MaxResults ?? 1000), 1000);
        const page = all.slice(start, start + size);
        return reply(200, {
          ResultSet: {
            Rows: page.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) })),
            ResultSetMetadata: {
              ColumnInfo: columns.map((c) => ({ Name: c.name, Label: c.name, Type: c.type, Nullable: "UNKNOWN" })),
            },
          },
          ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
          UpdateCount: 0,
        });
      }
      return clientError("UnknownOperationException", `double: ${operation}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    script: (q) => scripts.push(q),
    failStart: (type, message) => startErrors.push({ type, message }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
