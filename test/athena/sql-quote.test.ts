import { strict as assert } from "node:assert";
import { checkName, ddlName, ddlString, sqlName, sqlString } from "../../src/athena/sql-quote";
import { AthenaTableError } from "../../src/athena";

describe("athena/sql-quote", () => {
  it("checkName lower-cases Athena names and refuses anything but letters, digits and _", () => {
    assert.equal(checkName("Churn_Captures_2", "table"), "churn_captures_2");
    for (const bad of ["", "a-b", "a b", "a.b", 'a"b', "a`b", "x".repeat(256), 7]) {
      assert.throws(
        () => checkName(bad, "table"),
        (e: unknown) => e instanceof AthenaTableError && e.field === "table",
      );
    }
  });

  it("quotes identifiers and literals for Hive DDL and Trino", () => {
    assert.equal(ddlName("churn"), "`churn`");
    assert.equal(sqlName('we"ird'), '"we""ird"');
    assert.equal(sqlString("it's"), "'it''s'");
    assert.equal(ddlString("s3://b/p/", "f"), "'s3://b/p/'");
  });

  it("ddlString refuses quotes, backslashes and control characters rather than guess an escape", () => {
    for (const bad of ["it's", "a\\b", "a\nb", "a\u0000b"]) {
      assert.throws(
        () => ddlString(bad, "destinationS3Uri"),
        (e: unknown) => e instanceof AthenaTableError && e.field === "destinationS3Uri",
      );
    }
  });
});
