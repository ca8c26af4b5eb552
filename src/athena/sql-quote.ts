/**
 * Quoting for the two SQL dialects Athena speaks: Hive DDL (CREATE EXTERNAL TABLE: names in
 * backticks, strings in single quotes) and Trino (SELECT, CREATE VIEW: names in double quotes).
 * Names are checked rather than escaped: Athena accepts only letters, digits and `_` in
 * database, table and column names, so anything else is refused with the option it came from.
 */
import { AthenaTableError } from "./errors";

/** Athena database / table name rule (lower-cased by Athena; `_` is the only special character). */
const NAME = /^[A-Za-z0-9_]{1,255}$/;

/** Checks a database, table or view name and returns it lower-cased (as Athena stores it). */
export function checkName(value: unknown, field: string): string {
  if (typeof value !== "string" || !NAME.test(value)) {
    throw new AthenaTableError(
      field,
      `${JSON.stringify(value)} is not an Athena name: expected 1-255 letters, digits or '_'`,
    );
  }
  return value.toLowerCase();
}

/** A Hive DDL identifier: `` `name` `` (names are checked, so no backtick can occur). */
export function ddlName(name: string): string {
  return `\`${name}\``;
}

/** A Trino identifier: `"name"` with `"` doubled. */
export function sqlName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A Trino string literal: `'text'` with `'` doubled. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A Hive DDL string literal. Hive escapes with a backslash, Trino by doubling; rather than pick
 * one, text holding a quote, a backslash or a control character is refused (`field` says which option).
 */
export function ddlString(text: string, field: string): string {
  // eslint-disable-next-line no-control-regex
  if (/['\\\u0000-\u001f]/.test(text)) {
    throw new AthenaTableError(field, `${JSON.stringify(text)} holds a quote, backslash or control character`);
  }
  return `'${text}'`;
}
