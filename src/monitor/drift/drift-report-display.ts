/** Showing the drift report in a notebook through the display helpers (I/O: the display host). */
import { currentHost } from "../../display";
import { driftReportNotebookHtml, type DriftReportInput, type DriftReportOptions } from "./drift-report-html";

/** Shows the drift report (HTML in a notebook, a text summary elsewhere). */
export function showDriftReport(input: DriftReportInput, options: DriftReportOptions = {}): void {
  const d = input.drift;
  const lines = [
    `${d.datasetDrifted ? "Dataset drift" : "No dataset drift"}: ${d.driftedCount}/${d.features.length} features drifted`,
    ...input.violations.map((v) => `${v.constraint_check_type} ${v.feature_name}: ${v.description}`),
    ...d.features
      .filter((f) => f.drifted)
      .map(
        (f) =>
          `drifted: ${f.name} (${f.kind}${f.psi !== undefined ? `, PSI ${f.psi.toFixed(3)}` : `, JS ${f.jensenShannon.toFixed(3)}`})`,
      ),
  ];
  currentHost().html(driftReportNotebookHtml(input, options), lines.join("\n"));
}
