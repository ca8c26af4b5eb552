/**
 * Endpoints and their lifecycle: the endpoint records, the deployments bringing configs up and
 * the backends serving traffic. No HTTP, no model or config records (the owner resolves those).
 *
 * Lifecycle decisions:
 * - CreateEndpoint: `Creating`, each variant's model is loaded and pinged; `InService` once every
 *   variant is healthy, `Failed` (with the reason) if a model cannot load or stays unhealthy
 *   past the health deadline.
 * - UpdateEndpoint: `Updating`; the old config keeps serving until the new one is healthy; then
 *   capture is flushed, the configs swap, the old backends close and the status is `InService`.
 *   A failed update returns to `InService` on the OLD config with `FailureReason` explaining
 *   why (AWS rolls back the same way); the next successful update clears it.
 * - DeleteEndpoint: `Deleting`, capture flushed, backends closed, then removed; the call returns
 *   when the endpoint is gone. Delete/Update while `Creating`/`Updating` is refused, as AWS does.
 * - Restart: endpoints that were serving or starting come back through `Creating`.
 */
import type { DataCaptureConfig } from "@aws-sdk/client-sagemaker";
import { captureSettingsFromConfig, type CaptureSettings } from "../../capture/config";
import { ChangeSignal } from "./change-signal";
import { Deployment, type HealthCheckOptions, type LiveVariant, type ModelLoader } from "./deployment";
import { SageMakerErrors } from "./errors";
import { ResourceTable } from "./resource-table";
import type { CreateEndpointInput, UpdateEndpointInput } from "@aws-sdk/client-sagemaker";
import type { DeploymentSnapshot, EndpointConfigRecord, EndpointRecord, EndpointStatus, ValidInput } from "./types";

/** Receives lifecycle problems that have no caller to report to. */
export type ControlPlaneLog = (message: string) => void;

/** An endpoint that can take traffic, with its healthy variants. */
export interface ServingEndpoint {
  record: EndpointRecord;
  variants: LiveVariant[];
  /** The live config's data capture, derived once when it went live; null when it has none. */
  capture: CaptureSettings | null;
}

/** How endpoints are served, and who hears about it (settings of the stack). */
export interface LifecycleHooks {
  loadModel: ModelLoader;
  health: HealthCheckOptions;
  /** Delivers buffered captures of an endpoint (before a config swap or a delete). */
  flushCapture?: (endpointName: string) => Promise<void>;
  log?: ControlPlaneLog;
  /** Called after every endpoint status change (the CLI logs them). */
  onStatusChange?: (endpoint: EndpointRecord) => void;
}

/** What {@link EndpointLifecycle} needs from the control plane that owns it. */
interface LifecycleContext {
  /** The ARN of the endpoint named so. */
  arnOf: (name: string) => string;
  now: () => number;
  /** Persists the whole control plane; called after every endpoint change. */
  persist: () => void;
  /** The endpoint configuration named so, or the control plane's not-found error. */
  endpointConfig: (name: string) => EndpointConfigRecord;
  /** Resolves a config against the current models into what an endpoint deploys. */
  snapshot: (config: EndpointConfigRecord) => DeploymentSnapshot;
}

/** Closes backends, reporting (or ignoring) failures: closing must not stop the lifecycle. */
async function closeBackends(
  variants: readonly LiveVariant[],
  onError: (v: LiveVariant, e: Error) => void = () => undefined,
): Promise<void> {
  await Promise.all(variants.map((v) => v.backend.close().catch((e: Error) => onError(v, e))));
}

/** The endpoints of one stack and what runs them. */
export class EndpointLifecycle {
  private readonly records: ResourceTable<EndpointRecord>;
  private readonly live = new Map<string, ServingEndpoint>();
  private readonly deployments = new Map<string, Deployment>();
  private readonly changes = new ChangeSignal();
  private closed = false;

  /** No endpoints yet; {@link resume} takes back persisted ones. */
  constructor(
    private readonly hooks: LifecycleHooks,
    private readonly ctx: LifecycleContext,
  ) {
    this.records = new ResourceTable("endpoint", ctx.arnOf);
  }

  /** True once {@link close} was called: nothing deploys or persists any more. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** CreateEndpoint: records the endpoint as `Creating` and starts the deployment. */
  create(input: ValidInput<CreateEndpointInput, "EndpointName" | "EndpointConfigName">): EndpointRecord {
    const name = input.EndpointName;
    const rec = this.records.create(name, (arn) => {
      const config = this.ctx.endpointConfig(input.EndpointConfigName);
      const now = this.ctx.now();
      return {
        name,
        arn,
        creationTime: now,
        lastModifiedTime: now,
        status: "Creating",
        current: this.ctx.snapshot(config),
      };
    });
    this.ctx.persist();
    this.deploy(rec, rec.current);
    return rec;
  }

  /** The endpoint named so (case-insensitive), or `Could not find endpoint "arn".`. */
  get(name: string): EndpointRecord {
    return this.records.get(name);
  }

  /** UpdateEndpoint: `Updating` while the new config comes up beside the serving one. */
  update(input: ValidInput<UpdateEndpointInput, "EndpointName" | "EndpointConfigName">): EndpointRecord {
    const rec = this.get(input.EndpointName);
    const config = this.ctx.endpointConfig(input.EndpointConfigName);
    if (rec.status === "Creating" || rec.status === "Updating" || rec.status === "Deleting")
      throw SageMakerErrors.inProgress(rec.arn);
    if (rec.status === "Failed") {
      // Nothing serves: bring the new config up as a fresh creation.
      rec.current = this.ctx.snapshot(config);
      rec.failureReason = undefined;
      this.setStatus(rec, "Creating");
      this.deploy(rec, rec.current);
      return rec;
    }
    rec.pending = this.ctx.snapshot(config);
    this.setStatus(rec, "Updating");
    this.deploy(rec, rec.pending);
    return rec;
  }

  /** DeleteEndpoint: flushes capture and closes the backends; resolves once the endpoint is gone. */
  async delete(name: string): Promise<void> {
    const rec = this.get(name);
    if (rec.status === "Creating" || rec.status === "Updating") throw SageMakerErrors.inProgress(rec.arn);
    if (rec.status === "Deleting") return;
    const key = rec.name.toLowerCase();
    this.setStatus(rec, "Deleting");
    const serving = this.live.get(key);
    this.live.delete(key);
    await this.flush(rec.name);
    await closeBackends(serving?.variants ?? [], (v, e) =>
      this.log(`closing ${rec.name}/${v.variantName}: ${e.message}`),
    );
    this.records.remove(key);
    this.ctx.persist();
    this.changes.notify();
  }

  /** All endpoints. */
  list(): EndpointRecord[] {
    return this.records.list();
  }

  /**
   * The runtime's view: the record (exact-case name match, as InvokeEndpoint requires) and,
   * when it takes traffic, its healthy variants.
   */
  lookup(name: string): { record?: EndpointRecord; serving?: ServingEndpoint } {
    const record = this.records.find(name);
    if (!record || record.name !== name) return {};
    return { record, serving: this.live.get(name.toLowerCase()) };
  }

  /** Waits up to `ms` for a `Creating`/`Updating` endpoint to settle (lets waiters succeed on their first poll). */
  async waitForSettle(name: string, ms: number): Promise<void> {
    await this.changes.waitWhile(() => {
      const s = this.records.find(name)?.status;
      return s === "Creating" || s === "Updating";
    }, ms);
  }

  /**
   * Takes back persisted endpoints after a restart: one stopped mid-delete is dropped (the delete
   * finishes), `Failed` stays failed, the rest come back through `Creating` on their serving
   * config (an unfinished update is dropped). Persists, then starts the deployments.
   */
  resume(records: readonly EndpointRecord[]): void {
    for (const e of records) {
      if (e.status === "Deleting") continue; // the process stopped mid-delete: finish it
      this.records.put(e);
      if (e.status === "Failed") continue;
      e.pending = undefined; // an unfinished update is dropped; the serving config comes back
      e.status = "Creating";
      e.lastModifiedTime = Math.max(this.ctx.now(), e.lastModifiedTime);
    }
    this.ctx.persist();
    for (const e of this.records.list()) if (e.status === "Creating") this.deploy(e, e.current);
  }

  /** Stops deployments and closes every backend; records are left as they are. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const deployments = [...this.deployments.values()];
    this.deployments.clear();
    await Promise.all(deployments.map((d) => d.cancel()));
    const live = [...this.live.values()];
    this.live.clear();
    await closeBackends(live.flatMap((s) => s.variants));
    this.changes.notify();
  }

  private setStatus(rec: EndpointRecord, status: EndpointStatus): void {
    rec.status = status;
    rec.lastModifiedTime = Math.max(this.ctx.now(), rec.lastModifiedTime);
    this.ctx.persist();
    this.changes.notify();
    try {
      this.hooks.onStatusChange?.(rec);
    } catch {
      // a logging hook must not break the lifecycle
    }
  }

  private deploy(rec: EndpointRecord, snap: DeploymentSnapshot): void {
    const key = rec.name.toLowerCase();
    const d = new Deployment(snap.variants, this.hooks.loadModel, this.hooks.health);
    this.deployments.set(key, d);
    void d.result
      .then(async (r) => {
        if (this.deployments.get(key) !== d || this.closed) return;
        this.deployments.delete(key);
        if ("cancelled" in r) return;
        if (!r.ok) return this.deploymentFailed(rec, snap, r.reason);
        const old = this.live.get(key);
        if (rec.status === "Updating") await this.flush(rec.name);
        if (this.closed) {
          await closeBackends(r.variants);
          return;
        }
        rec.current = snap;
        rec.pending = undefined;
        rec.failureReason = undefined;
        const capture = snap.config.input.DataCaptureConfig;
        this.live.set(key, {
          record: rec,
          variants: r.variants,
          capture: capture ? captureSettingsFromConfig(capture as DataCaptureConfig) : null,
        });
        this.setStatus(rec, "InService");
        await closeBackends(old?.variants ?? []);
      })
      .catch((err: Error) => this.log(`deployment of endpoint ${rec.name}: ${err.message}`));
  }

  private deploymentFailed(rec: EndpointRecord, snap: DeploymentSnapshot, reason: string): void {
    this.log(`endpoint ${rec.name}: ${reason}`);
    if (rec.status === "Updating") {
      rec.pending = undefined;
      rec.failureReason = `Update to endpoint configuration "${snap.config.name}" failed; the endpoint still serves "${rec.current.config.name}". ${reason}`;
      this.setStatus(rec, "InService");
    } else {
      rec.failureReason = reason;
      this.setStatus(rec, "Failed");
    }
  }

  private async flush(endpointName: string): Promise<void> {
    if (!this.hooks.flushCapture) return;
    try {
      await this.hooks.flushCapture(endpointName);
    } catch (err) {
      this.log(`flushing capture of ${endpointName}: ${(err as Error).message}`);
    }
  }

  private log(message: string): void {
    this.hooks.log?.(message);
  }
}
