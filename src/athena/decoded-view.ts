/**
 * The view over the capture table that a person (or docs/scale.md's profile SQL) queries: one
 * row per instance (CSV rows of a multi-row payload split apart), payloads decoded
 * (`from_base64` for BASE64), and CSV fields as columns named from a header. Pure: SQL text only.
 */
import { AthenaTableError } from "./errors";
import { sqlName } from "./sql-quote";

/** Athena type a CSV field is cast to (`TRY_CAST`: a field that does not parse is NULL). */
export type CsvFieldType = "double" | "bigint" | "varchar";

/** A CSV field of the view: its header name and, optionally, its type. */
export interface CsvColumn {
  /** Header name (any text; the view column is derived from it, see {@link viewColumnName}). */
  name: string;
  /** Type (default: the `csvType` option, itself `double` by default). */
  type?: CsvFieldType;
}

/** One CSV-derived column of the view. */
export interface ViewCsvColumn {
  /** Column name in the view (lower case, `_` for other characters, unique). */
  column: string;
  /** The header name it came from. */
  header: string;
  /** Which payload: `input` (request) or `output` (response). */
  side: "input" | "output";
  /** 1-based field position in the payload's CSV row. */
  position: number;
  /** Athena type. */
  type: CsvFieldType;
}

/** Columns every view has, before the CSV fields, in order. */
export const VIEW_FIXED_COLUMNS = [
  "endpoint_name",
  "variant_name",
  "datehour",
  "event_id",
  "inference_id",
  "inference_time",
  "custom_attributes",
  "input_content_type",
  "input_encoding",
  "input_text",
  "output_content_type",
  "output_encoding",
  "output_text",
  "instance_index",
  "input_row",
  "output_row",
] as const;

/**
 * The view column for a header name: lower case (Athena lower-cases names anyway), runs of
 * anything but letters, digits and `_` become one `_`, leading/trailing `_` dropped; an empty
 * result becomes `{side}_{position}`.
 */
export function viewColumnName(header: string, side: "input" | "output", position: number): string {
  const name = header
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return name === "" ? `${side}_${position}` : name;
}

/** Names the CSV columns, making them unique against the fixed columns and each other (`_2`, `_3`...). */
export function csvViewColumns(
  input: ReadonlyArray<string | CsvColumn>,
  output: ReadonlyArray<string | CsvColumn>,
  defaultType: CsvFieldType,
): ViewCsvColumn[] {
  const taken = new Set<string>(VIEW_FIXED_COLUMNS);
  const out: ViewCsvColumn[] = [];
  const add = (side: "input" | "output", list: ReadonlyArray<string | CsvColumn>) => {
    list.forEach((c, i) => {
      const spec = typeof c === "string" ? { name: c } : c;
      if (typeof spec?.name !== "string") {
        throw new AthenaTableError(`${side}Columns[${i}]`, `expected a header name or { name, type }`);
      }
      const type = spec.type ?? defaultType;
      if (!["double", "bigint", "varchar"].includes(type)) {
        throw new AthenaTableError(
          `${side}Columns[${i}].type`,
          `${JSON.stringify(type)}: expected double, bigint or varchar`,
        );
      }
      const base = viewColumnName(spec.name, side, i + 1);
      let column = base;
      for (let n = 2; taken.has(column); n++) column = `${base}_${n}`;
      taken.add(column);
      out.push({ column, header: spec.name, side, position: i + 1, type });
    });
  };
  add("input", input);
  add("output", output);
  return out;
}

/** SQL decoding one side's `data` to text: BASE64 (or no encoding, as AWS's readers assume) is base64-decoded. */
function decodeSide(side: string): string {
  const s = `capturedata.${side}`;
  // try(): a payload that is not valid base64 gives NULL rather than failing the whole query.
  return `CASE WHEN ${s}.encoding IS NULL OR ${s}.encoding = 'BASE64' THEN try(from_utf8(from_base64(${s}.data))) ELSE ${s}.data END`;
}

/** SQL: whether one side is CSV (encoded CSV, or base64 of a CSV content type). */
function isCsvSide(side: string): string {
  const s = `capturedata.${side}`;
  return `(${s}.encoding = 'CSV' OR ((${s}.encoding IS NULL OR ${s}.encoding = 'BASE64') AND lower(${s}.observedcontenttype) LIKE '%csv%'))`;
}

/**
 * SQL: the side's rows, one per instance (CSV split on line ends, trailing ones dropped), else
 * the whole text. NULL when the text is (a payload that did not decode): the UNNEST below then
 * counts it as one row, so the record still appears.
 */
function rowsOf(prefix: string): string {
  return `CASE WHEN ${prefix}_is_csv THEN regexp_split(regexp_replace(${prefix}_text, '[\\r\\n]+$', ''), '\\r?\\n') ELSE ARRAY[${prefix}_text] END`;
}

function fieldExpr(c: ViewCsvColumn): string {
  const raw = `trim(element_at(${c.side}_fields, ${c.position}))`;
  return c.type === "varchar" ? raw : `TRY_CAST(${raw} AS ${c.type})`;
}

/**
 * `CREATE OR REPLACE VIEW` over the capture table (`table` and `view` already checked and
 * lower-cased; `database` too).
 */
export function decodedViewSql(database: string, table: string, view: string, columns: ViewCsvColumn[]): string {
  const fixed = VIEW_FIXED_COLUMNS.join(", ");
  const csv = columns.map((c) => `,\n  ${fieldExpr(c)} AS ${sqlName(c.column)}`).join("");
  return `CREATE OR REPLACE VIEW ${sqlName(database)}.${sqlName(view)} AS
WITH decoded AS (
  SELECT
    endpoint_name, variant_name, datehour,
    eventmetadata.eventid AS event_id,
    eventmetadata.inferenceid AS inference_id,
    try(from_iso8601_timestamp(eventmetadata.inferencetime)) AS inference_time,
    CASE WHEN eventmetadata.customattributes IS NOT NULL THEN coalesce(try(CAST(json_parse(eventmetadata.customattributes) AS array(varchar))), ARRAY[eventmetadata.customattributes]) END AS custom_attributes,
    capturedata.endpointinput.observedcontenttype AS input_content_type,
    capturedata.endpointinput.encoding AS input_encoding,
    ${decodeSide("endpointinput")} AS input_text,
    ${isCsvSide("endpointinput")} AS input_is_csv,
    capturedata.endpointoutput.observedcontenttype AS output_content_type,
    capturedata.endpointoutput.encoding AS output_encoding,
    ${decodeSide("endpointoutput")} AS output_text,
    ${isCsvSide("endpointoutput")} AS output_is_csv
  FROM ${sqlName(database)}.${sqlName(table)}
),
instances AS (
  SELECT decoded.*,
    ${rowsOf("input")} AS input_rows,
    ${rowsOf("output")} AS output_rows
  FROM decoded
),
fields AS (
  SELECT i.*,
    r.instance - 1 AS instance_index,
    element_at(i.input_rows, r.instance) AS input_row,
    element_at(i.output_rows, r.instance) AS output_row,
    CASE WHEN i.input_is_csv THEN split(element_at(i.input_rows, r.instance), ',') END AS input_fields,
    CASE WHEN i.output_is_csv THEN split(element_at(i.output_rows, r.instance), ',') END AS output_fields
  FROM instances i
  CROSS JOIN UNNEST(sequence(1, greatest(coalesce(cardinality(i.input_rows), 1), coalesce(cardinality(i.output_rows), 1)))) AS r (instance)
)
SELECT
  ${fixed}${csv}
FROM fields`;
}
