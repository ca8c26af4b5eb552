/**
 * The ground-truth merge (pure): each capture joins the label whose `eventId` equals the
 * capture's `inferenceId` when it has one, else its `eventId`; the prediction comes out of the
 * capture's output by the inference / probability attributes. Counts what did not merge.
 */
import type { CaptureRecord } from "../../capture";
import type { CaptureReadIssue } from "../../read/errors";
import type { SourcedRecord } from "../../read/records";
import { decodeSide, type DecodedSide } from "../../read/side-decode";
import { parseAttribute, selectOutputValue, type Attribute } from "./attributes";
import type { HandlerDict } from "../preprocessor/record-preprocessor";
import type { GroundTruthEntry } from "./ground-truth-reader";
import type { QualityAttributes } from "./quality-baseline";
import { QualityRowCollector } from "./quality-rows";

/** Where a capture or label was, for the report's examples. */
export interface MergeExample {
  id: string;
  source: string;
  line: number;
}

/** A label replaced by a later one with the same `eventId`. */
export interface DuplicateLabel {
  eventId: string;
  /** `source:line` of the label used (the latest collection hour; in one hour, the last read). */
  kept: string;
  dropped: string;
}

/** What the merge matched and what it did not. */
export interface MergeReport {
  /** Capture records seen. */
  captures: number;
  /** Captures that found their label. */
  matched: number;
  unmatchedCaptures: number;
  /** Distinct label ids read. */
  labels: number;
  unmatchedLabels: number;
  /** Labels replaced by a later one with the same id. */
  duplicateLabels: number;
  /** Matched captures a record preprocessor dropped (returned `[]`); set only with one. */
  dropped?: number;
  /** Up to 10 of each, with file and line. */
  examples: { unmatchedCaptures: MergeExample[]; unmatchedLabels: MergeExample[]; duplicateLabels: DuplicateLabel[] };
}

interface LabelSlot {
  entry: GroundTruthEntry;
  used: boolean;
}

/** A capture that found its label. */
export interface MatchedCapture {
  record: SourcedRecord;
  label: string;
}

/** The key under which a record preprocessor may return the label (AWS users' scripts do). */
export const GROUND_TRUTH_KEY = "groundTruthData_0";

/**
 * The value an attribute picks from a preprocessor's dict: a key (`prediction`, `$.prediction`,
 * `$['prediction']`), or an index into the keys in sorted order, `groundTruthData*` keys left
 * out (the positional rule of data quality, for `str(i).zfill(20)` keys). `None` is no value.
 */
export function selectDictValue(
  pairs: ReadonlyArray<[string, string | null]>,
  attribute: Attribute,
): string | { problem: string } {
  let pair: [string, string | null] | undefined;
  if (attribute.kind === "index") {
    const keys = pairs
      .filter(([k]) => !k.startsWith("groundTruthData"))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    pair = keys[attribute.index];
    if (!pair)
      return { problem: `${attribute.text}: the preprocessor returned ${keys.length} value(s) besides the label` };
  } else {
    if (attribute.path.length !== 1 || typeof attribute.path[0] !== "string")
      return { problem: `${attribute.text}: the preprocessor's result is a flat dict; name one of its keys` };
    const key = attribute.path[0];
    pair = pairs.find(([k]) => k === key);
    if (!pair)
      return {
        problem: `${attribute.text}: not among the preprocessor's keys (${pairs
          .map(([k]) => k)
          .slice(0, 10)
          .join(", ")})`,
      };
  }
  return pair[1] ?? { problem: `${attribute.text}: the preprocessor returned None (missing)` };
}

/** Options of the merge. */
export interface MergeOptions extends QualityAttributes {
  /** Classes a label may have (the baseline's); others are refused with the reason. */
  classes?: readonly string[];
  /** Most refused rows listed (all are counted; default 1000). */
  maxIssues?: number;
}

const EXAMPLES = 10;

/** The streaming merge: labels first ({@link addLabels}), then captures ({@link addCaptures}). */
export class GroundTruthMerger {
  readonly rows: QualityRowCollector;
  /** Warnings of the output decoder (unknown encodings), with file and line. */
  readonly warnings: CaptureReadIssue[] = [];
  private readonly labels = new Map<string, LabelSlot>();
  private readonly inference?: Attribute;
  private readonly probability?: Attribute;
  private readonly report: MergeReport = {
    captures: 0,
    matched: 0,
    unmatchedCaptures: 0,
    labels: 0,
    unmatchedLabels: 0,
    duplicateLabels: 0,
    examples: { unmatchedCaptures: [], unmatchedLabels: [], duplicateLabels: [] },
  };

  constructor(options: MergeOptions) {
    this.rows = new QualityRowCollector(options.problemType, {
      threshold: options.probabilityThreshold,
      classes: options.classes,
      maxIssues: options.maxIssues,
    });
    if (options.inferenceAttribute !== undefined)
      this.inference = parseAttribute(options.inferenceAttribute, "inference attribute");
    if (options.probabilityAttribute !== undefined)
      this.probability = parseAttribute(options.probabilityAttribute, "probability attribute");
    // No attribute at all: the output's one value is the prediction.
    if (!this.inference && !this.probability) this.inference = parseAttribute("0");
  }

  /** Adds labels in read order (hour folders in time order): a later label with the same id wins. */
  addLabels(entries: Iterable<GroundTruthEntry>): void {
    for (const entry of entries) {
      const old = this.labels.get(entry.eventId);
      if (old) {
        this.report.duplicateLabels++;
        const later = entry.hour >= old.entry.hour;
        const [kept, dropped] = later ? [entry, old.entry] : [old.entry, entry];
        if (this.report.examples.duplicateLabels.length < EXAMPLES)
          this.report.examples.duplicateLabels.push({
            eventId: entry.eventId,
            kept: `${kept.source}:${kept.line}`,
            dropped: `${dropped.source}:${dropped.line}`,
          });
        if (later) old.entry = entry;
      } else this.labels.set(entry.eventId, { entry, used: false });
    }
  }

  /** Merges captures; each one with a label gives a row (or a refused row with the reason). */
  addCaptures(records: Iterable<SourcedRecord>): void {
    for (const m of this.matchCaptures(records)) this.addMatched(m.record, m.label);
  }

  /**
   * Counts captures and pairs each with its label (unmatched ones are counted and listed),
   * without making rows: a record preprocessor runs over the matched ones first.
   */
  matchCaptures(records: Iterable<SourcedRecord>): MatchedCapture[] {
    const matched: MatchedCapture[] = [];
    for (const r of records) {
      this.report.captures++;
      const meta = r.record.eventMetadata;
      const id = meta.inferenceId ?? meta.eventId;
      const slot = this.labels.get(id);
      if (!slot) {
        this.report.unmatchedCaptures++;
        if (this.report.examples.unmatchedCaptures.length < EXAMPLES)
          this.report.examples.unmatchedCaptures.push({ id, source: r.source, line: r.line });
        continue;
      }
      slot.used = true;
      this.report.matched++;
      matched.push({ record: r, label: slot.entry.label });
    }
    return matched;
  }

  /**
   * The row of a matched capture from a record preprocessor's dict: the attributes pick the
   * prediction out of the dict's keys (see {@link selectDictValue}), and a `groundTruthData_0`
   * key, when returned, is the label (AWS users' scripts return the label under it).
   */
  addPreprocessed(m: MatchedCapture, dict: HandlerDict): void {
    const r = m.record;
    if ("drop" in dict) {
      this.report.dropped = (this.report.dropped ?? 0) + 1;
      return;
    }
    if ("problem" in dict) {
      this.rows.refuse(r.source, r.line, dict.problem.message, dict.problem.field);
      return;
    }
    const pick = (a: Attribute | undefined): string | undefined | false => {
      if (!a) return undefined;
      const v = selectDictValue(dict.pairs, a);
      if (typeof v === "string") return v;
      this.rows.refuse(r.source, r.line, v.problem, "preprocess_handler");
      return false;
    };
    const prediction = pick(this.inference);
    if (prediction === false) return;
    const probability = pick(this.probability);
    if (probability === false) return;
    const label = dict.pairs.find(([k]) => k === GROUND_TRUTH_KEY)?.[1] ?? m.label;
    this.rows.add(label, prediction, probability, r.source, r.line);
  }

  private addMatched(r: SourcedRecord, label: string): void {
    const out = r.record.captureData.endpointOutput;
    if (!out) {
      this.rows.refuse(r.source, r.line, "missing", "captureData.endpointOutput");
      return;
    }
    let side: DecodedSide;
    try {
      side = decodeSide(out, "output", r, this.warnings);
    } catch (e) {
      this.rows.refuse(r.source, r.line, (e as Error).message, "captureData.endpointOutput.data");
      return;
    }
    if (side.kind === "binary" || side.kind === "raw") {
      this.rows.refuse(r.source, r.line, `${side.kind} output; CSV or JSON expected`, "captureData.endpointOutput");
      return;
    }
    const { kind, text } = side;
    const cache: { doc?: unknown } = {};
    const pick = (a: Attribute | undefined): string | undefined | false => {
      if (!a) return undefined;
      const v = selectOutputValue(text, kind, a, cache);
      if (typeof v === "string") return v;
      this.rows.refuse(r.source, r.line, v.problem, "captureData.endpointOutput.data");
      return false;
    };
    const prediction = pick(this.inference);
    if (prediction === false) return;
    const probability = pick(this.probability);
    if (probability === false) return;
    this.rows.add(label, prediction, probability, r.source, r.line);
  }

  /** The report so far (unmatched labels counted when asked). */
  result(): MergeReport {
    const rep = this.report;
    rep.labels = this.labels.size;
    rep.unmatchedLabels = 0;
    rep.examples.unmatchedLabels = [];
    for (const [id, slot] of this.labels) {
      if (slot.used) continue;
      rep.unmatchedLabels++;
      if (rep.examples.unmatchedLabels.length < EXAMPLES)
        rep.examples.unmatchedLabels.push({ id, source: slot.entry.source, line: slot.entry.line });
    }
    return rep;
  }
}

/** A capture record given without a location (in-memory use). */
function sourced(records: Iterable<SourcedRecord | CaptureRecord>): SourcedRecord[] {
  return Array.from(records, (r, i) =>
    "record" in r ? r : { record: r, source: "captures", line: i + 1, time: new Date(r.eventMetadata.inferenceTime) },
  );
}

/**
 * Merges captures with labels in memory: the rows for the metrics and what matched.
 * @example
 * const { rows, report } = mergeGroundTruth(records, labels, {
 *   problemType: "BinaryClassification", probabilityAttribute: "0",
 * });
 * report.matched; report.unmatchedCaptures; report.duplicateLabels;
 */
export function mergeGroundTruth(
  captures: Iterable<SourcedRecord | CaptureRecord>,
  labels: Iterable<GroundTruthEntry>,
  options: MergeOptions,
): { rows: QualityRowCollector; report: MergeReport; warnings: CaptureReadIssue[] } {
  const m = new GroundTruthMerger(options);
  m.addLabels(labels);
  m.addCaptures(sourced(captures));
  return { rows: m.rows, report: m.result(), warnings: m.warnings };
}
