/**
 * `@aws-sdk/client-athena`, required on first use and described here by shape (as
 * `src/sdk-client.ts` and `src/capture/api-shapes.ts` do for the other clients): naming the
 * package in a declaration would make every notebook that imports `capture-lab/athena` parse
 * its declarations, and requiring it eagerly would load it for people who never query Athena.
 * The shapes are the API's fields this module uses (the SDK's types are assignable to them;
 * test/athena/athena-sdk.test.ts checks it at compile time).
 */
import type { SdkClient, SdkClientConfig, SdkCommand } from "../sdk-client";

/** StartQueryExecution's input (the fields used). */
export interface StartQueryExecutionInput {
  QueryString: string | undefined;
  QueryExecutionContext?: { Database?: string; Catalog?: string };
  ResultConfiguration?: { OutputLocation?: string };
  WorkGroup?: string;
  ClientRequestToken?: string;
}

/** A query's status (GetQueryExecution's `QueryExecution.Status`). */
export interface QueryExecutionStatus {
  State?: string;
  StateChangeReason?: string;
  AthenaError?: { ErrorCategory?: number; ErrorType?: number; ErrorMessage?: string; Retryable?: boolean };
}

/** GetQueryExecution's `QueryExecution` (the fields used). */
export interface QueryExecution {
  QueryExecutionId?: string;
  StatementType?: string;
  Status?: QueryExecutionStatus;
  Statistics?: {
    DataScannedInBytes?: number;
    EngineExecutionTimeInMillis?: number;
    TotalExecutionTimeInMillis?: number;
  };
  ResultConfiguration?: { OutputLocation?: string };
}

/** A column of a result set (`ResultSetMetadata.ColumnInfo[i]`). */
export interface AthenaColumnInfo {
  Name: string | undefined;
  Label?: string;
  /** Athena's type name: `varchar`, `bigint`, `double`, `boolean`, `timestamp`, `array`, ... */
  Type: string | undefined;
  Precision?: number;
  Scale?: number;
}

/** One row of a result set: `VarCharValue` absent means NULL. */
export interface AthenaRow {
  Data?: Array<{ VarCharValue?: string }>;
}

/** GetQueryResults' output (the fields used). */
export interface GetQueryResultsOutput {
  ResultSet?: { Rows?: AthenaRow[]; ResultSetMetadata?: { ColumnInfo?: AthenaColumnInfo[] } };
  NextToken?: string;
  UpdateCount?: number;
}

/** The constructors of the Athena client package that this module uses. */
export interface AthenaSdk {
  AthenaClient: new (config: SdkClientConfig) => SdkClient;
  StartQueryExecutionCommand: new (input: StartQueryExecutionInput) => SdkCommand<{ QueryExecutionId?: string }>;
  GetQueryExecutionCommand: new (input: { QueryExecutionId: string | undefined }) => SdkCommand<{
    QueryExecution?: QueryExecution;
  }>;
  GetQueryResultsCommand: new (input: {
    QueryExecutionId: string | undefined;
    NextToken?: string;
    MaxResults?: number;
  }) => SdkCommand<GetQueryResultsOutput>;
  StopQueryExecutionCommand: new (input: { QueryExecutionId: string | undefined }) => SdkCommand<object>;
}

let loaded: AthenaSdk | undefined;

/** The `@aws-sdk/client-athena` module (required on the first call). */
export function athenaSdk(): AthenaSdk {
  return (loaded ??= require("@aws-sdk/client-athena") as AthenaSdk);
}
