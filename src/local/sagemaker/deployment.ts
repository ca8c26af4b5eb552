/**
 * Brings one endpoint configuration up: loads each variant's model, then health-checks it with
 * `ping()` until every variant answers or a deadline passes (docs/local-stack-wire.md §2.5, §4).
 */
import type { ContainerSpec, ModelBackend } from "../serving/backend";
import type { VariantPlan } from "./types";

/** Loads a model's container into a backend (fetches and extracts the artifact). */
export type ModelLoader = (container: ContainerSpec, variant: VariantPlan) => Promise<ModelBackend>;

/** A variant whose model is loaded and healthy. */
export interface LiveVariant extends VariantPlan {
  backend: ModelBackend;
}

/** Marks a variant whose checks stopped because of another variant or cancel(). */
const STOPPED = "\u0000stopped";

/** Outcome of a deployment. */
type DeploymentResult =
  | { ok: true; variants: LiveVariant[] }
  | { ok: false; reason: string }
  | { ok: false; cancelled: true; reason: string };

/** Timing of health checks. */
export interface HealthCheckOptions {
  /** Give up after this long without a healthy answer from every variant (AWS: 4 minutes). */
  timeoutMs: number;
  /** Pause between pings of a variant that is not healthy yet. */
  intervalMs: number;
  /** One ping may take this long before it counts as failed (AWS: 2 s). */
  pingTimeoutMs: number;
}

/** The ping-failure text AWS usually shows (wording not verified, see docs/local-stack-wire.md §2.5). */
function pingFailureReason(variantName: string): string {
  return `The primary container for production variant ${variantName} did not pass the ping health check. Please check CloudWatch logs for this endpoint.`;
}

/**
 * One running deployment. `result` settles once: every variant healthy, one failed (all loaded
 * backends are then closed), or cancelled.
 */
export class Deployment {
  /** Settles with the outcome; never rejects. */
  readonly result: Promise<DeploymentResult>;
  /** Pending sleeps: cancel() clears the timer and resolves the sleep so its loop ends. */
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private failed = false;
  private readonly loaded: ModelBackend[] = [];
  private cancelled = false;
  private settled = false;

  /** Starts loading at once. */
  constructor(
    plans: readonly VariantPlan[],
    private readonly load: ModelLoader,
    private readonly health: HealthCheckOptions,
  ) {
    this.result = this.run(plans);
  }

  /** Stops health checks and closes whatever was loaded; `result` then reports `cancelled`. */
  async cancel(): Promise<void> {
    if (this.settled) return;
    this.cancelled = true;
    this.wakeAll();
    await this.result;
  }

  private wakeAll(): void {
    for (const [t, resolve] of this.timers) {
      clearTimeout(t);
      resolve();
    }
    this.timers.clear();
  }

  private async run(plans: readonly VariantPlan[]): Promise<DeploymentResult> {
    const deadline = Date.now() + this.health.timeoutMs;
    const outcomes = await Promise.all(
      plans.map(async (p) => {
        const o = await this.bringUp(p, deadline);
        if (typeof o === "string" && !this.failed) {
          // One failed variant fails the deployment: stop waiting for the others.
          this.failed = true;
          this.wakeAll();
        }
        return o;
      }),
    );
    this.settled = true;
    const failure = outcomes.find((o): o is string => typeof o === "string" && o !== STOPPED);
    if (failure !== undefined || this.cancelled) {
      await Promise.all(this.loaded.map((b) => b.close().catch(() => undefined)));
      if (this.cancelled) return { ok: false, cancelled: true, reason: "The deployment was cancelled." };
      return { ok: false, reason: failure as string };
    }
    return { ok: true, variants: outcomes as LiveVariant[] };
  }

  /** Loads and health-checks one variant; a string is the failure reason. */
  private async bringUp(plan: VariantPlan, deadline: number): Promise<LiveVariant | string> {
    if (!plan.container) {
      return `The model "${plan.modelName}" of production variant ${plan.variantName} does not exist.`;
    }
    let backend: ModelBackend;
    try {
      backend = await this.load(plan.container, plan);
    } catch (err) {
      return `Failed to load the model "${plan.modelName}" of production variant ${plan.variantName}: ${(err as Error).message}`;
    }
    this.loaded.push(backend);
    for (;;) {
      if (this.cancelled || this.failed) return STOPPED;
      if (await this.ping(backend)) return { ...plan, backend };
      if (Date.now() >= deadline) return pingFailureReason(plan.variantName);
      await this.sleep(Math.min(this.health.intervalMs, Math.max(0, deadline - Date.now())));
    }
  }

  private async ping(backend: ModelBackend): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.health.pingTimeoutMs);
    });
    try {
      return await Promise.race([backend.ping().catch(() => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.set(t, resolve);
    });
  }
}
