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
  /** Up to 10 of each, with file and line. */
  examples: { unmatchedCaptures: MergeExample[]; unmatchedLabels: MergeExample[]; duplicateLabels: DuplicateLabel[] };
}

interface LabelSlot {
  entry: GroundTruthEntry;
  used: boolean;
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
      this.addMatched(r, slot.entry.label);
    }
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
