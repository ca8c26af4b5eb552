/** Errors of the Athena helpers: a table definition that cannot be written, a query that failed. */
import { CaptureLabError } from "../errors";

/**
 * An option of {@link captureTableDdl} that cannot go into the DDL (a name Athena refuses, an
 * S3 URI that is not one, an endpoint name SageMaker would never write). `field` names the option.
 */
export class AthenaTableError extends CaptureLabError {
  constructor(field: string, problem: string) {
    super(`captureTableDdl: ${field}: ${problem}`, { field });
  }
}

/** Where an Athena query ended. */
export type AthenaQueryState = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED" | "TIMEOUT" | "ERROR";

/**
 * A query that did not succeed: Athena answered FAILED or CANCELLED (the message carries
 * Athena's `StateChangeReason`), the deadline passed (`state` `TIMEOUT`; the query was asked to
 * stop), or a call failed (`state` `ERROR`, the SDK's error kept as `cause`). `source` is
 * `athena:<QueryExecutionId>` once Athena has given the query an id.
 */
export class AthenaQueryError extends CaptureLabError {
  /** The query's id, when Athena gave it one. */
  readonly queryExecutionId?: string;
  /** Athena's final state, or `TIMEOUT` / `ERROR`. */
  readonly state: AthenaQueryState;
  /** Athena's `Status.StateChangeReason`, verbatim, when it gave one. */
  readonly stateChangeReason?: string;
  /** Athena's `Status.AthenaError.ErrorType` (a number), when given. */
  readonly errorType?: number;

  constructor(
    message: string,
    info: {
      state: AthenaQueryState;
      queryExecutionId?: string;
      stateChangeReason?: string;
      errorType?: number;
      cause?: unknown;
    },
  ) {
    super(message, {
      ...(info.queryExecutionId !== undefined ? { source: `athena:${info.queryExecutionId}` } : {}),
      ...("cause" in info ? { cause: info.cause } : {}),
    });
    this.state = info.state;
    if (info.queryExecutionId !== undefined) this.queryExecutionId = info.queryExecutionId;
    if (info.stateChangeReason !== undefined) this.stateChangeReason = info.stateChangeReason;
    if (info.errorType !== undefined) this.errorType = info.errorType;
  }
}
