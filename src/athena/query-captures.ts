/**
 * `queryCaptures`: one SQL statement on Amazon Athena, waited for, its rows in a DataFrame.
 * The Athena client is created (and `@aws-sdk/client-athena` required) only when called.
 */
import type { DataFrame } from "danfojs-node";
import type { CaptureLabSession } from "../session/connect";
import type { SdkClient, SdkClientConfig } from "../sdk-client";
import { athenaSdk, type AthenaRow, type QueryExecution } from "./athena-sdk";
import { AthenaQueryError } from "./errors";
import { resultColumns, resultFrame, type ResultColumn } from "./result-frame";

/** Options of {@link queryCaptures}. */
export interface QueryCapturesOptions {
  /** Database the statement's unqualified names refer to. */
  database: string;
  /** Athena workgroup (default: the account's `primary`). */
  workgroup?: string;
  /** `s3://` prefix for the result files; needed unless the workgroup sets one. */
  outputLocation?: string;
  /** Data catalog (default `AwsDataCatalog`). */
  catalog?: string;
  /** Give up (and ask Athena to stop the query) after this long (default 30 minutes). */
  timeoutMs?: number;
  /** First wait between status polls; it grows by half each time up to 5 s (default 500 ms). */
  pollMs?: number;
  /** Refuse results longer than this (default 1,000,000 rows): aggregate in SQL or read the result CSV instead. */
  maxRows?: number;
  /** An Athena client to use instead of creating one (it is not destroyed). */
  client?: SdkClient;
  /** Settings merged into the created client's (`endpoint`, `credentials`, `region`). */
  clientConfig?: SdkClientConfig;
  /** Aborts the wait (the query is asked to stop). */
  signal?: AbortSignal;
}

/** What {@link queryCaptures} returns. */
export interface QueryCapturesResult {
  /** The rows, typed from Athena's column metadata (empty for DDL). */
  frame: DataFrame;
  /** The columns: name, Athena type, dtype. */
  columns: ResultColumn[];
  /** Athena's id of the query. */
  queryExecutionId: string;
  /** `DML`, `DDL` or `UTILITY`. */
  statementType?: string;
  /** Bytes Athena scanned: what it charges for. */
  dataScannedBytes?: number;
  /** Engine time, ms. */
  engineExecutionTimeMs?: number;
  /** Where Athena wrote the result file. */
  outputLocation?: string;
}

const PAGE = 1000;

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs one SQL statement on Amazon Athena and returns its rows as a danfojs DataFrame:
 * StartQueryExecution, then GetQueryExecution until the query ends (a FAILED or CANCELLED
 * query throws with Athena's `StateChangeReason`; past `timeoutMs` the query is stopped and
 * `TIMEOUT` thrown), then GetQueryResults page by page, the columns typed from the result's
 * metadata (see `result-frame.ts`). The client is made from the session's region and the
 * SDK's default credentials; the local stack has no Athena, so a local session needs `client`
 * or `clientConfig.endpoint`.
 *
 * @throws AthenaQueryError with `state`, `queryExecutionId`, `stateChangeReason`; an SDK error is kept as `cause`
 * @example
 * ```ts
 * const { frame, dataScannedBytes } = await queryCaptures(
 *   session,
 *   "SELECT datehour, count(*) AS records FROM churn_captures_decoded GROUP BY datehour ORDER BY datehour",
 *   { database: "capture_lab", outputLocation: "s3://my-bucket/athena-results/" },
 * );
 * frame.head()
 * ```
 */
export async function queryCaptures(
  session: Pick<CaptureLabSession, "region" | "target">,
  sql: string,
  options: QueryCapturesOptions,
): Promise<QueryCapturesResult> {
  if (typeof sql !== "string" || sql.trim() === "") {
    throw new AthenaQueryError("queryCaptures: the SQL statement is empty", { state: "ERROR" });
  }
  if (session.target.kind === "local" && options.client === undefined && options.clientConfig?.endpoint === undefined) {
    throw new AthenaQueryError(
      "queryCaptures: the local stack has no Athena; connect to AWS (CAPTURE_LAB_TARGET=aws) or pass `client` / `clientConfig.endpoint`",
      { state: "ERROR" },
    );
  }
  const sdk = athenaSdk();
  const client = options.client ?? new sdk.AthenaClient({ region: session.region, ...options.clientConfig });
  try {
    return await run(client, sql, options);
  } finally {
    if (options.client === undefined) client.destroy();
  }
}

async function run(client: SdkClient, sql: string, options: QueryCapturesOptions): Promise<QueryCapturesResult> {
  const sdk = athenaSdk();
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let id: string | undefined;
  try {
    const started = await client.send(
      new sdk.StartQueryExecutionCommand({
        QueryString: sql,
        QueryExecutionContext: { Database: options.database, ...(options.catalog ? { Catalog: options.catalog } : {}) },
        ...(options.workgroup ? { WorkGroup: options.workgroup } : {}),
        ...(options.outputLocation ? { ResultConfiguration: { OutputLocation: options.outputLocation } } : {}),
      }),
      { abortSignal: options.signal },
    );
    id = started.QueryExecutionId;
  } catch (e) {
    const hint =
      options.outputLocation === undefined && /output location/i.test(String((e as Error)?.message))
        ? " (pass outputLocation, or a workgroup that sets one)"
        : "";
    throw new AthenaQueryError(`Athena StartQueryExecution failed: ${describe(e)}${hint}`, {
      state: "ERROR",
      cause: e,
    });
  }
  if (!id) throw new AthenaQueryError("Athena StartQueryExecution returned no QueryExecutionId", { state: "ERROR" });

  // Wait for the end, polling less often as the query runs longer.
  let wait = options.pollMs ?? 500;
  let execution: QueryExecution | undefined;
  for (;;) {
    try {
      execution = (
        await client.send(new sdk.GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal: options.signal })
      ).QueryExecution;
    } catch (e) {
      if (options.signal?.aborted) {
        await client.send(new sdk.StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
        throw new AthenaQueryError(`Athena query ${id} aborted; asked Athena to stop it`, {
          state: "TIMEOUT",
          queryExecutionId: id,
          cause: e,
        });
      }
      throw new AthenaQueryError(`Athena query ${id}: GetQueryExecution failed: ${describe(e)}`, {
        state: "ERROR",
        queryExecutionId: id,
        cause: e,
      });
    }
    const status = execution?.Status;
    const state = status?.State;
    if (state === "SUCCEEDED") break;
    if (state === "FAILED" || state === "CANCELLED") {
      throw new AthenaQueryError(`Athena query ${id} ${state}: ${status?.StateChangeReason ?? "no reason given"}`, {
        state,
        queryExecutionId: id,
        ...(status?.StateChangeReason !== undefined ? { stateChangeReason: status.StateChangeReason } : {}),
        ...(status?.AthenaError?.ErrorType !== undefined ? { errorType: status.AthenaError.ErrorType } : {}),
      });
    }
    if (Date.now() >= deadline || options.signal?.aborted) {
      // Best effort: a query left running keeps scanning (and charging).
      await client.send(new sdk.StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      const why = options.signal?.aborted ? "aborted" : `still ${state ?? "unknown"} after ${timeoutMs} ms`;
      throw new AthenaQueryError(`Athena query ${id} ${why}; asked Athena to stop it`, {
        state: "TIMEOUT",
        queryExecutionId: id,
      });
    }
    await sleep(Math.min(wait, Math.max(0, deadline - Date.now())), options.signal);
    wait = Math.min(wait * 1.5, 5000);
  }

  // Page the rows.
  const maxRows = options.maxRows ?? 1_000_000;
  let columns: ResultColumn[] | undefined;
  const rows: Array<Array<string | null>> = [];
  let token: string | undefined;
  let first = true;
  do {
    let page;
    try {
      page = await client.send(
        new sdk.GetQueryResultsCommand({
          QueryExecutionId: id,
          MaxResults: PAGE,
          ...(token ? { NextToken: token } : {}),
        }),
        { abortSignal: options.signal },
      );
    } catch (e) {
      throw new AthenaQueryError(
        `Athena query ${id}: GetQueryResults failed after ${rows.length} rows: ${describe(e)}`,
        {
          state: "ERROR",
          queryExecutionId: id,
          cause: e,
        },
      );
    }
    columns ??= resultColumns(page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []);
    let pageRows: AthenaRow[] = page.ResultSet?.Rows ?? [];
    // A SELECT's first row repeats the column names (Athena's CSV header); other statements have none.
    if (first && execution?.StatementType === "DML" && pageRows.length > 0 && isHeader(pageRows[0], columns)) {
      pageRows = pageRows.slice(1);
    }
    first = false;
    for (const r of pageRows) rows.push(columns.map((_, j) => r.Data?.[j]?.VarCharValue ?? null));
    if (rows.length > maxRows) {
      throw new AthenaQueryError(
        `Athena query ${id}: more than maxRows (${maxRows}) rows; aggregate in SQL, raise maxRows, or read the result file ${execution?.ResultConfiguration?.OutputLocation ?? ""}`.trimEnd(),
        { state: "ERROR", queryExecutionId: id },
      );
    }
    token = page.NextToken;
  } while (token);

  const stats = execution?.Statistics;
  const built = resultFrame(rows, columns ?? []);
  return {
    frame: built.frame,
    columns: built.columns,
    queryExecutionId: id,
    ...(execution?.StatementType !== undefined ? { statementType: execution.StatementType } : {}),
    ...(stats?.DataScannedInBytes !== undefined ? { dataScannedBytes: stats.DataScannedInBytes } : {}),
    ...(stats?.EngineExecutionTimeInMillis !== undefined
      ? { engineExecutionTimeMs: stats.EngineExecutionTimeInMillis }
      : {}),
    ...(execution?.ResultConfiguration?.OutputLocation !== undefined
      ? { outputLocation: execution.ResultConfiguration.OutputLocation }
      : {}),
  };
}

function isHeader(row: AthenaRow, columns: ResultColumn[]): boolean {
  return columns.length > 0 && columns.every((c, j) => row.Data?.[j]?.VarCharValue === c.name);
}
