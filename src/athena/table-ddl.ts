/**
 * `captureTableDdl`: an Athena table over capture files where SageMaker wrote them
 * (`{destination}/{endpoint}/{variant}/yyyy/MM/dd/HH/*.jsonl`, docs/capture-format.md §2), with
 * partition projection (no crawler, no `MSCK REPAIR TABLE`), and the decoded view over it.
 * Pure: it returns SQL text; `queryCaptures` runs it.
 */
import { parseS3Uri, formatS3Uri } from "../capture/s3uri";
import { isValidResourceName } from "../capture/resource-names";
import { AthenaTableError } from "./errors";
import { checkName, ddlName, ddlString } from "./sql-quote";
import { csvViewColumns, decodedViewSql, type CsvColumn, type CsvFieldType, type ViewCsvColumn } from "./decoded-view";

/** Partition columns of the table, in the order of the S3 key. */
export const PARTITION_COLUMNS = ["endpoint_name", "variant_name", "datehour"] as const;

/** The hour folders' layout as a Java date pattern (Athena's `projection.<col>.format`). */
export const HOUR_FORMAT = "yyyy/MM/dd/HH";

/**
 * First hour projected by default: data capture came with Model Monitor in December 2019, so
 * no capture file is older and none is left out by default.
 */
export const DEFAULT_FIRST_HOUR = "2019/12/01/00";

/** Options of {@link captureTableDdl}. */
export interface CaptureTableOptions {
  /** Athena (Glue) database. */
  database: string;
  /** Table name. */
  table: string;
  /** The endpoint's `DataCaptureConfig.DestinationS3Uri` (a trailing `/` is ignored). */
  destinationS3Uri: string;
  /**
   * Endpoint name(s): an `enum` projection over these. Omitted: an `injected` projection, and
   * every query must then name the endpoint (`WHERE endpoint_name = '...'`).
   */
  endpoint?: string | string[];
  /** Variant name(s) (`AllTraffic` for the walkthrough): `enum`; omitted: `injected` as above. */
  variant?: string | string[];
  /**
   * First hour projected: a Date (its UTC hour), `yyyy/MM/dd/HH`, or Athena's relative form
   * (`NOW-90DAYS`). Default {@link DEFAULT_FIRST_HOUR}. The last is always `NOW`.
   */
  from?: Date | string;
  /** Name of the decoded view (default `{table}_decoded`). */
  view?: string;
  /** Header names of the request's CSV fields, in order (e.g. the inference CSV's header). */
  inputColumns?: ReadonlyArray<string | CsvColumn>;
  /** Header names of the response's CSV fields (default `["prediction"]`). */
  outputColumns?: ReadonlyArray<string | CsvColumn>;
  /** Type of CSV columns without their own `type` (default `double`). */
  csvType?: CsvFieldType;
}

/** What {@link captureTableDdl} returns. */
export interface CaptureTableDdl {
  /** `CREATE EXTERNAL TABLE IF NOT EXISTS ...` (Hive DDL). */
  createTable: string;
  /** `CREATE OR REPLACE VIEW ...` (Trino). */
  createView: string;
  /** Both, in the order to run them (Athena runs one statement per query). */
  statements: [string, string];
  /** The table's `LOCATION` (the destination, with a trailing `/`). */
  location: string;
  /** `TBLPROPERTIES`, as written into `createTable`. */
  tableProperties: Record<string, string>;
  /** `SERDEPROPERTIES`, as written into `createTable`. */
  serdeProperties: Record<string, string>;
  /** The view's name (lower case) and its CSV-derived columns. */
  view: { name: string; columns: ViewCsvColumn[] };
}

/**
 * The record columns: AWS's record shape (docs/capture-format.md §5), lower-cased as Athena
 * stores names. `customAttributes` is an array of strings as the capture writer and AWS's
 * example schema have it, but a string in other files (§15): typed `string`, the OpenX SerDe
 * gives an array's JSON text, and the view turns both forms into an array.
 */
const SIDE = "struct<observedcontenttype:string,mode:string,data:string,encoding:string>";
const RECORD_COLUMNS: Array<[string, string]> = [
  ["capturedata", `struct<endpointinput:${SIDE},endpointoutput:${SIDE}>`],
  ["eventmetadata", "struct<eventid:string,inferenceid:string,inferencetime:string,customattributes:string>"],
  ["eventversion", "string"],
];

const pad = (n: number): string => String(n).padStart(2, "0");

function firstHour(from: Date | string | undefined): string {
  if (from === undefined) return DEFAULT_FIRST_HOUR;
  if (from instanceof Date) {
    if (Number.isNaN(from.getTime())) throw new AthenaTableError("from", "an invalid Date");
    return `${from.getUTCFullYear()}/${pad(from.getUTCMonth() + 1)}/${pad(from.getUTCDate())}/${pad(from.getUTCHours())}`;
  }
  if (
    typeof from === "string" &&
    (/^\d{4}\/\d{2}\/\d{2}\/\d{2}$/.test(from) || /^NOW-\d+(HOURS|DAYS|WEEKS|MONTHS|YEARS)$/.test(from))
  ) {
    return from;
  }
  throw new AthenaTableError(
    "from",
    `${JSON.stringify(from)}: expected a Date, yyyy/MM/dd/HH or NOW-<n><HOURS|DAYS|WEEKS|MONTHS|YEARS>`,
  );
}

/** The enum values of an endpoint or variant option, checked as SageMaker names them. */
function enumValues(value: string | string[], field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new AthenaTableError(field, "an empty list: omit it for an injected projection");
  list.forEach((v, i) => {
    // SageMaker names are [a-zA-Z0-9](-*[a-zA-Z0-9])*: no ',' (the enum separator) can occur.
    if (!isValidResourceName(v)) {
      throw new AthenaTableError(
        Array.isArray(value) ? `${field}[${i}]` : field,
        `${JSON.stringify(v)} is not a SageMaker name (1-63 letters, digits and '-', starting with a letter or digit)`,
      );
    }
  });
  return list;
}

function projection(column: string, value: string | string[] | undefined, field: string): Record<string, string> {
  if (value === undefined) return { [`projection.${column}.type`]: "injected" };
  return {
    [`projection.${column}.type`]: "enum",
    [`projection.${column}.values`]: enumValues(value, field).join(","),
  };
}

function propertyList(props: Record<string, string>, field: string): string {
  return Object.entries(props)
    .map(([k, v]) => `  ${ddlString(k, field)} = ${ddlString(v, field)}`)
    .join(",\n");
}

/**
 * The DDL of an Athena table over an endpoint's capture files, in place, and of a view that
 * decodes them. The table uses partition projection: `endpoint_name` and `variant_name` as
 * `enum` (the names given) or `injected` (named by each query), `datehour` as a `date`
 * projection in the hour folders' format (`yyyy/MM/dd/HH`, one hour apart, from `from` to
 * `NOW`), so new hours are queryable as soon as SageMaker writes them. Records are read with
 * the OpenX JSON SerDe over AWS's record shape (`inferenceId` and `customAttributes`
 * included). The view has one row per instance, decoded text, and CSV fields as columns named
 * from the given header (see `decoded-view.ts`).
 *
 * @throws AthenaTableError naming the option that cannot go into the DDL
 * @example
 * ```ts
 * const ddl = captureTableDdl({
 *   database: "capture_lab",
 *   table: "churn_captures",
 *   destinationS3Uri: "s3://my-bucket/sagemaker/DEMO-ModelMonitor/datacapture",
 *   endpoint: "capture-lab-churn-2026-12-07-13-00-00",
 *   variant: "AllTraffic",
 *   inputColumns: header, // the inference CSV's header, e.g. from data/churn/header.csv
 * });
 * for (const sql of ddl.statements) await queryCaptures(session, sql, { database: "capture_lab" });
 * ```
 */
export function captureTableDdl(options: CaptureTableOptions): CaptureTableDdl {
  const database = checkName(options.database, "database");
  const table = checkName(options.table, "table");
  const viewName = checkName(options.view ?? `${table}_decoded`, "view");
  if (viewName === table) throw new AthenaTableError("view", `the view cannot have the table's name ${table}`);
  let bucket: string;
  let key: string;
  try {
    ({ bucket, key } = parseS3Uri(options.destinationS3Uri));
  } catch (e) {
    throw new AthenaTableError("destinationS3Uri", (e as Error).message);
  }
  // No trailing '/', as the capture writer joins it (docs/capture-format.md §2).
  const location = `${formatS3Uri(bucket, key)}/`;
  const tableProperties: Record<string, string> = {
    "projection.enabled": "true",
    ...projection("endpoint_name", options.endpoint, "endpoint"),
    ...projection("variant_name", options.variant, "variant"),
    "projection.datehour.type": "date",
    "projection.datehour.format": HOUR_FORMAT,
    "projection.datehour.range": `${firstHour(options.from)},NOW`,
    "projection.datehour.interval": "1",
    "projection.datehour.interval.unit": "HOURS",
    "storage.location.template": `${location}\${endpoint_name}/\${variant_name}/\${datehour}/`,
  };
  // A malformed line fails the query (the default, said explicitly): a capture is never skipped silently.
  const serdeProperties: Record<string, string> = { "ignore.malformed.json": "false", "case.insensitive": "true" };
  const columns = RECORD_COLUMNS.map(([n, t]) => `  ${ddlName(n)} ${t}`).join(",\n");
  const partitions = PARTITION_COLUMNS.map((c) => `  ${ddlName(c)} string`).join(",\n");
  const createTable = `CREATE EXTERNAL TABLE IF NOT EXISTS ${ddlName(database)}.${ddlName(table)} (
${columns}
)
PARTITIONED BY (
${partitions}
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES (
${propertyList(serdeProperties, "serdeProperties")}
)
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION ${ddlString(location, "destinationS3Uri")}
TBLPROPERTIES (
${propertyList(tableProperties, "destinationS3Uri")}
)`;
  const csv = csvViewColumns(
    options.inputColumns ?? [],
    options.outputColumns ?? ["prediction"],
    options.csvType ?? "double",
  );
  const createView = decodedViewSql(database, table, viewName, csv);
  return {
    createTable,
    createView,
    statements: [createTable, createView],
    location,
    tableProperties,
    serdeProperties,
    view: { name: viewName, columns: csv },
  };
}
