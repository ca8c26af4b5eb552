/**
 * The replay's summary (`summary.json`): agreement, the distribution of differences, both
 * prediction distributions with the monitor's drift measures (PSI, KS, Jensen-Shannon over
 * KLL sketches, binned on the captured range), the largest differences, latency and errors. Pure.
 */
import { histogram, type Bin } from "../display/charts";
import { KllSketch } from "../monitor/profile/kll-sketch";
import { numericDrift } from "../monitor/drift/drift-metrics";
import type { ReplayComparisonRow } from "./comparison";

/** A numeric distribution in a few figures. */
export interface Distribution {
  count: number;
  mean: number | null;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/** One of the requests with the largest differences. */
export interface LargestDifference {
  inferenceId: string | null;
  inferenceTime: string;
  captured: string | null;
  candidate: string | null;
  diff: number;
  absDiff: number;
  source: string;
  line: number;
}

/** The drift of the candidate's predictions against the captured ones (the captured are the baseline). */
export interface PredictionDrift {
  psi: number;
  ks: number;
  ksPValue: number;
  jensenShannon: number;
  /** Bin labels and the share of each side in them (10 bins over the captured range, open ends). */
  bins: string[];
  capturedShares: number[];
  candidateShares: number[];
}

/** What {@link summarizeReplay} returns. */
export interface ReplaySummary {
  /** Requests sent to the candidate. */
  requests: number;
  /** Requests the candidate answered / failed. */
  answered: number;
  failed: number;
  /** Answers byte-identical to the captured ones. */
  identical: number;
  /** Answers whose decisions agree with the captured ones, and their share of the answered. */
  agreed: number;
  agreementRate: number | null;
  /** The probability threshold agreement was judged at. */
  threshold: number;
  /** Probability answers that crossed the threshold, upwards and downwards. */
  flips: { toPositive: number; toNegative: number };
  /** |candidate - captured| per answered request with numbers, and its histogram (20 bins). */
  differences: Distribution & { zero: number; meanSigned: number | null; histogram: Bin[] };
  /** The first numeric value of every instance, both sides, and their drift. */
  predictions: { captured: Distribution; candidate: Distribution; drift: PredictionDrift | null };
  /** The requests with the largest differences, largest first. */
  largest: LargestDifference[];
  /** Latency in milliseconds; captures do not record the original endpoint's latency. */
  latencyMs: { candidate: Distribution | null; captured: null };
  /** Failed requests (the first 50), each with the record it came from. */
  errors: { count: number; first: Array<{ inferenceId: string | null; source: string; line: number; error: string }> };
}

/** Options of {@link summarizeReplay}. */
export interface SummaryOptions {
  /** Threshold the rows were compared at (default 0.5), recorded in the summary. */
  threshold?: number;
  /** How many largest differences to list (default 10). */
  largest?: number;
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** count, mean, min, p50, p90, p99 (nearest rank) and max of finite values. */
export function distributionOf(values: readonly number[]): Distribution {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const mean = sorted.length === 0 ? null : sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return {
    count: sorted.length,
    mean,
    min: sorted.length ? sorted[0]! : null,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : null,
  };
}

const firstNumbers = (instances: ReplayComparisonRow["captured"]): number[] =>
  instances.map((vs) => vs.find((v) => typeof v === "number")).filter((v): v is number => v !== undefined);

/** Drift of `current` against `baseline` with the monitor's measures (null when either is empty). */
export function predictionDrift(baseline: readonly number[], current: readonly number[]): PredictionDrift | null {
  const a = baseline.filter(Number.isFinite);
  const b = current.filter(Number.isFinite);
  if (a.length === 0 || b.length === 0) return null;
  const sa = new KllSketch();
  const sb = new KllSketch();
  let min = Infinity;
  let max = -Infinity;
  for (const v of a) {
    sa.update(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (const v of b) sb.update(v);
  const d = numericDrift(sa, sb, min, max);
  const width = (max - min) / 10;
  const edge = (i: number) => Number((min + width * i).toPrecision(4));
  const bins = d.baselineShares.map((_, i) =>
    i === 0 ? `< ${edge(1)}` : i === 9 ? `≥ ${edge(9)}` : `${edge(i)}–${edge(i + 1)}`,
  );
  return {
    psi: d.psi,
    ks: d.ks,
    ksPValue: d.ksPValue,
    jensenShannon: d.jensenShannon,
    bins,
    capturedShares: d.baselineShares,
    candidateShares: d.currentShares,
  };
}

/** Summarizes the comparison rows of a replay. */
export function summarizeReplay(rows: readonly ReplayComparisonRow[], options: SummaryOptions = {}): ReplaySummary {
  const threshold = options.threshold ?? 0.5;
  const answered = rows.filter((r) => r.error === undefined);
  const failed = rows.filter((r) => r.error !== undefined);
  const withDiff = answered.filter((r) => r.absDiff !== null);
  const abs = withDiff.map((r) => r.absDiff!);
  const signed = withDiff.map((r) => r.diff!);
  const capturedValues: number[] = [];
  const candidateValues: number[] = [];
  const flips = { toPositive: 0, toNegative: 0 };
  for (const r of answered) {
    const a = firstNumbers(r.captured);
    const b = firstNumbers(r.candidate);
    capturedValues.push(...a);
    candidateValues.push(...b);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x < 0 || x > 1 || y < 0 || y > 1) continue;
      if (x < threshold && y >= threshold) flips.toPositive++;
      if (x >= threshold && y < threshold) flips.toNegative++;
    }
  }
  const agreed = answered.filter((r) => r.agree).length;
  const latencies = rows.map((r) => r.latencyMs).filter((v): v is number => v !== undefined);
  const largest = [...withDiff]
    .sort((x, y) => y.absDiff! - x.absDiff!)
    .slice(0, options.largest ?? 10)
    .filter((r) => r.absDiff! > 0)
    .map((r) => ({
      inferenceId: r.inferenceId,
      inferenceTime: r.inferenceTime,
      captured: r.capturedOutput,
      candidate: r.candidateOutput,
      diff: r.diff!,
      absDiff: r.absDiff!,
      source: r.source,
      line: r.line,
    }));
  return {
    requests: rows.length,
    answered: answered.length,
    failed: failed.length,
    identical: answered.filter((r) => r.identical).length,
    agreed,
    agreementRate: answered.length === 0 ? null : agreed / answered.length,
    threshold,
    flips,
    differences: {
      ...distributionOf(abs),
      zero: abs.filter((v) => v === 0).length,
      meanSigned: signed.length === 0 ? null : signed.reduce((s, v) => s + v, 0) / signed.length,
      histogram: histogram(abs, 20),
    },
    predictions: {
      captured: distributionOf(capturedValues),
      candidate: distributionOf(candidateValues),
      drift: predictionDrift(capturedValues, candidateValues),
    },
    largest,
    latencyMs: { candidate: latencies.length ? distributionOf(latencies) : null, captured: null },
    errors: {
      count: failed.length,
      first: failed
        .slice(0, 50)
        .map((r) => ({ inferenceId: r.inferenceId, source: r.source, line: r.line, error: r.error! })),
    },
  };
}
