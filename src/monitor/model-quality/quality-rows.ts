/**
 * Turning (label, prediction, probability) texts into the rows the metrics take, per problem
 * type, refusing with the reason what does not fit (pure).
 */
import { BinaryRows } from "./binary-metrics";
import type { ProblemType } from "./metric-set";
import { MulticlassRows } from "./multiclass-metrics";
import { RegressionRows } from "./regression-metrics";
import type { QualityRows } from "./standard-deviation";

/** A refused row or record, with where it is. */
export interface QualityIssue {
  source: string;
  line: number;
  field?: string;
  message: string;
}

/** Options of {@link QualityRowCollector}. */
export interface CollectorOptions {
  /** Binary: a probability above this is class 1 when there is no inference attribute (default 0.5). */
  threshold?: number;
  /** Classes a label may have (the baseline's); others are refused. */
  classes?: readonly string[];
  /** Most issues kept (all are counted; default 1000). */
  maxIssues?: number;
}

/** A class text as the matrix names it: numbers canonical (`1.0` -> `1`), others trimmed. */
export function classText(text: string): string {
  const t = text.trim();
  const n = t === "" ? NaN : Number(t);
  return Number.isFinite(n) ? String(n) : t;
}

const num = (t: string | undefined): number => (t === undefined || t.trim() === "" ? NaN : Number(t));

/** Collects merged rows of one problem type. */
export class QualityRowCollector {
  readonly issues: QualityIssue[] = [];
  issueCount = 0;
  private readonly binary?: BinaryRows;
  private readonly multi?: MulticlassRows;
  private readonly regression?: RegressionRows;
  private readonly threshold: number;
  private readonly classes?: Set<string>;
  private readonly maxIssues: number;

  constructor(
    readonly problemType: ProblemType,
    options: CollectorOptions = {},
  ) {
    this.threshold = options.threshold ?? 0.5;
    this.maxIssues = options.maxIssues ?? 1000;
    if (options.classes) this.classes = new Set(options.classes);
    if (problemType === "BinaryClassification") this.binary = new BinaryRows();
    else if (problemType === "MulticlassClassification") this.multi = new MulticlassRows();
    else this.regression = new RegressionRows();
  }

  /** Rows kept. */
  get length(): number {
    return (this.binary ?? this.multi ?? this.regression)!.length;
  }

  /** Records a refused row. */
  refuse(source: string, line: number, message: string, field?: string): false {
    this.issueCount++;
    if (this.issues.length < this.maxIssues)
      this.issues.push(field ? { source, line, field, message } : { source, line, message });
    return false;
  }

  /**
   * Adds one row; returns false (and records why) when it does not fit the problem type.
   * @param label the ground truth text
   * @param prediction the inference attribute's text, if any
   * @param probability the probability attribute's text, if any
   */
  add(
    label: string,
    prediction: string | undefined,
    probability: string | undefined,
    source: string,
    line: number,
  ): boolean {
    if (this.binary) {
      const y = num(label);
      if (y !== 0 && y !== 1)
        return this.refuse(source, line, `label "${label}" is not a binary class (0 or 1)`, "label");
      const p = num(probability);
      if (probability !== undefined && !Number.isFinite(p))
        return this.refuse(source, line, `probability "${probability}" is not a number`, "probability");
      let yhat: number;
      if (prediction !== undefined) {
        yhat = num(prediction);
        if (yhat !== 0 && yhat !== 1)
          return this.refuse(source, line, `prediction "${prediction}" is not a binary class (0 or 1)`, "prediction");
      } else if (probability !== undefined) yhat = p > this.threshold ? 1 : 0;
      else
        return this.refuse(source, line, "no prediction: give an inference or a probability attribute", "prediction");
      this.binary.add(y, yhat, probability !== undefined ? p : yhat);
      return true;
    }
    if (this.multi) {
      const y = classText(label);
      if (this.classes && !this.classes.has(y))
        return this.refuse(
          source,
          line,
          `label "${label}" is not a class of the baseline (${[...this.classes].slice(0, 10).join(", ")})`,
          "label",
        );
      if (prediction === undefined)
        return this.refuse(source, line, "no prediction: give an inference attribute", "prediction");
      this.multi.add(y, classText(prediction));
      return true;
    }
    const y = num(label);
    if (!Number.isFinite(y)) return this.refuse(source, line, `label "${label}" is not a number`, "label");
    const yhat = num(prediction);
    if (prediction === undefined)
      return this.refuse(source, line, "no prediction: give an inference attribute", "prediction");
    if (!Number.isFinite(yhat))
      return this.refuse(source, line, `prediction "${prediction}" is not a number`, "prediction");
    this.regression!.add(y, yhat);
    return true;
  }

  /** The rows for the metrics. */
  rows(): QualityRows {
    if (this.binary) return { problemType: "BinaryClassification", cells: this.binary.cellsSorted() };
    if (this.multi) return { problemType: "MulticlassClassification", counts: this.multi.counts() };
    return { problemType: "Regression", rows: this.regression! };
  }
}
