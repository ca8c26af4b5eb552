/**
 * Control-plane state and endpoint lifecycle, with no HTTP (the moto-style "models" half).
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
import type { AccountScope } from "./arn";
import { sageMakerArn } from "./arn";
import { Deployment, type HealthCheckOptions, type LiveVariant, type ModelLoader } from "./deployment";
import { alreadyExists, inProgress, notFound } from "./errors";
import type { StateFile } from "./state-file";
import { takeSnapshot, withoutTags } from "./snapshot";
import type {
  DeploymentSnapshot,
  EndpointConfigRecord,
  EndpointRecord,
  EndpointStatus,
  JsonObject,
  ModelRecord,
} from "./types";

/** Receives lifecycle problems that have no caller to report to. */
export type ControlPlaneLog = (message: string) => void;

/** Dependencies and settings of {@link SageMakerModels}. */
export interface SageMakerModelsOptions {
  scope: AccountScope;
  loadModel: ModelLoader;
  health: HealthCheckOptions;
  /** Where state persists; in memory only when absent. */
  stateFile?: StateFile;
  /** Delivers buffered captures of an endpoint (before a config swap or a delete). */
  flushCapture?: (endpointName: string) => Promise<void>;
  now?: () => number;
  log?: ControlPlaneLog;
  /** Called after every endpoint status change (the CLI logs them). */
  onStatusChange?: (endpoint: EndpointRecord) => void;
}

/** An endpoint that can take traffic, with its healthy variants. */
export interface ServingEndpoint {
  record: EndpointRecord;
  variants: LiveVariant[];
}

/** Models, endpoint configurations and endpoints of one stack. */
export class SageMakerModels {
  private readonly models = new Map<string, ModelRecord>();
  private readonly configs = new Map<string, EndpointConfigRecord>();
  private readonly endpoints = new Map<string, EndpointRecord>();
  private readonly live = new Map<string, ServingEndpoint>();
  private readonly deployments = new Map<string, Deployment>();
  private readonly listeners = new Set<() => void>();
  private closed = false;

  /** Creates an empty control plane; call {@link restore} to load persisted state. */
  constructor(private readonly opts: SageMakerModelsOptions) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private arn(type: "model" | "endpoint-config" | "endpoint", name: string): string {
    return sageMakerArn(this.opts.scope, type, name);
  }

  // ---- models -------------------------------------------------------------------------------

  /** CreateModel (input already validated). */
  createModel(input: JsonObject): ModelRecord {
    const name = input.ModelName as string;
    const arn = this.arn("model", name);
    if (this.models.has(name.toLowerCase())) throw alreadyExists("model", arn);
    const rec: ModelRecord = { name, arn, creationTime: this.now(), input: withoutTags(input) };
    this.models.set(name.toLowerCase(), rec);
    this.save();
    return rec;
  }

  /** The model named so (case-insensitive), or a ValidationException. */
  getModel(name: string): ModelRecord {
    const rec = this.models.get(name.toLowerCase());
    if (!rec) throw notFound("model", this.arn("model", name));
    return rec;
  }

  /** DeleteModel. Endpoints using it keep running on their snapshot. */
  deleteModel(name: string): void {
    this.getModel(name);
    this.models.delete(name.toLowerCase());
    this.save();
  }

  /** All models. */
  listModels(): ModelRecord[] {
    return [...this.models.values()];
  }

  // ---- endpoint configurations --------------------------------------------------------------

  /** CreateEndpointConfig (input validated): every variant's model must exist. */
  createEndpointConfig(input: JsonObject): EndpointConfigRecord {
    const name = input.EndpointConfigName as string;
    const arn = this.arn("endpoint-config", name);
    if (this.configs.has(name.toLowerCase())) throw alreadyExists("endpoint configuration", arn);
    for (const v of input.ProductionVariants as JsonObject[]) this.getModel(v.ModelName as string);
    const rec: EndpointConfigRecord = { name, arn, creationTime: this.now(), input: withoutTags(input) };
    this.configs.set(name.toLowerCase(), rec);
    this.save();
    return rec;
  }

  /** The endpoint configuration named so, or a ValidationException. */
  getEndpointConfig(name: string): EndpointConfigRecord {
    const rec = this.configs.get(name.toLowerCase());
    if (!rec) throw notFound("endpoint configuration", this.arn("endpoint-config", name));
    return rec;
  }

  /** DeleteEndpointConfig; allowed while in use (endpoints keep a snapshot). */
  deleteEndpointConfig(name: string): void {
    this.getEndpointConfig(name);
    this.configs.delete(name.toLowerCase());
    this.save();
  }

  /** All endpoint configurations. */
  listEndpointConfigs(): EndpointConfigRecord[] {
    return [...this.configs.values()];
  }

  // ---- endpoints ----------------------------------------------------------------------------

  private snapshot(config: EndpointConfigRecord): DeploymentSnapshot {
    return takeSnapshot(config, (name) => this.models.get(name.toLowerCase()), this.now());
  }

  /** CreateEndpoint: records the endpoint as `Creating` and starts the deployment. */
  createEndpoint(input: JsonObject): EndpointRecord {
    const name = input.EndpointName as string;
    const arn = this.arn("endpoint", name);
    if (this.endpoints.has(name.toLowerCase())) throw alreadyExists("endpoint", arn);
    const config = this.getEndpointConfig(input.EndpointConfigName as string);
    const now = this.now();
    const rec: EndpointRecord = { name, arn, creationTime: now, lastModifiedTime: now, status: "Creating", current: this.snapshot(config) };
    this.endpoints.set(name.toLowerCase(), rec);
    this.save();
    this.deploy(rec, rec.current);
    return rec;
  }

  /** The endpoint named so (case-insensitive), or `Could not find endpoint "arn".`. */
  getEndpoint(name: string): EndpointRecord {
    const rec = this.endpoints.get(name.toLowerCase());
    if (!rec) throw notFound("endpoint", this.arn("endpoint", name));
    return rec;
  }

  /** UpdateEndpoint: `Updating` while the new config comes up beside the serving one. */
  updateEndpoint(input: JsonObject): EndpointRecord {
    const rec = this.getEndpoint(input.EndpointName as string);
    const config = this.getEndpointConfig(input.EndpointConfigName as string);
    if (rec.status === "Creating" || rec.status === "Updating" || rec.status === "Deleting") throw inProgress(rec.arn);
    if (rec.status === "Failed") {
      // Nothing serves: bring the new config up as a fresh creation.
      rec.current = this.snapshot(config);
      rec.failureReason = undefined;
      this.setStatus(rec, "Creating");
      this.deploy(rec, rec.current);
      return rec;
    }
    rec.pending = this.snapshot(config);
    this.setStatus(rec, "Updating");
    this.deploy(rec, rec.pending);
    return rec;
  }

  /** DeleteEndpoint: flushes capture and closes the backends; resolves once the endpoint is gone. */
  async deleteEndpoint(name: string): Promise<void> {
    const rec = this.getEndpoint(name);
    if (rec.status === "Creating" || rec.status === "Updating") throw inProgress(rec.arn);
    if (rec.status === "Deleting") return;
    const key = rec.name.toLowerCase();
    this.setStatus(rec, "Deleting");
    const serving = this.live.get(key);
    this.live.delete(key);
    await this.flush(rec.name);
    await Promise.all((serving?.variants ?? []).map((v) => v.backend.close().catch((e: Error) => this.log(`closing ${rec.name}/${v.variantName}: ${e.message}`))));
    this.endpoints.delete(key);
    this.save();
    this.notify();
  }

  /** All endpoints. */
  listEndpoints(): EndpointRecord[] {
    return [...this.endpoints.values()];
  }

  /**
   * The runtime's view: the record (exact-case name match, as InvokeEndpoint requires) and,
   * when it takes traffic, its healthy variants.
   */
  lookup(name: string): { record?: EndpointRecord; serving?: ServingEndpoint } {
    const record = this.endpoints.get(name.toLowerCase());
    if (!record || record.name !== name) return {};
    return { record, serving: this.live.get(name.toLowerCase()) };
  }

  /** Waits up to `ms` for a `Creating`/`Updating` endpoint to settle (lets waiters succeed on their first poll). */
  async waitForSettle(name: string, ms: number): Promise<void> {
    const busy = (): boolean => {
      const s = this.endpoints.get(name.toLowerCase())?.status;
      return s === "Creating" || s === "Updating";
    };
    if (ms <= 0 || !busy()) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const check = (): void => {
        if (!busy()) done();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(check);
    });
  }

  private setStatus(rec: EndpointRecord, status: EndpointStatus): void {
    rec.status = status;
    rec.lastModifiedTime = Math.max(this.now(), rec.lastModifiedTime);
    this.save();
    this.notify();
    try {
      this.opts.onStatusChange?.(rec);
    } catch {
      // a logging hook must not break the lifecycle
    }
  }

  private deploy(rec: EndpointRecord, snap: DeploymentSnapshot): void {
    const key = rec.name.toLowerCase();
    const d = new Deployment(snap.variants, this.opts.loadModel, this.opts.health);
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
          await Promise.all(r.variants.map((v) => v.backend.close().catch(() => undefined)));
          return;
        }
        rec.current = snap;
        rec.pending = undefined;
        rec.failureReason = undefined;
        this.live.set(key, { record: rec, variants: r.variants });
        this.setStatus(rec, "InService");
        await Promise.all((old?.variants ?? []).map((v) => v.backend.close().catch(() => undefined)));
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
    if (!this.opts.flushCapture) return;
    try {
      await this.opts.flushCapture(endpointName);
    } catch (err) {
      this.log(`flushing capture of ${endpointName}: ${(err as Error).message}`);
    }
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private log(message: string): void {
    this.opts.log?.(message);
  }

  private save(): void {
    if (this.closed || !this.opts.stateFile) return;
    this.opts.stateFile.save({
      version: 1,
      models: this.listModels(),
      endpointConfigs: this.listEndpointConfigs(),
      endpoints: this.listEndpoints(),
    });
  }

  // ---- process lifetime ---------------------------------------------------------------------

  /** Loads persisted state and brings back endpoints that were serving or starting. */
  restore(): void {
    if (!this.opts.stateFile) return;
    const state = this.opts.stateFile.load();
    for (const m of state.models) this.models.set(m.name.toLowerCase(), m);
    for (const c of state.endpointConfigs) this.configs.set(c.name.toLowerCase(), c);
    for (const e of state.endpoints) {
      if (e.status === "Deleting") continue; // the process stopped mid-delete: finish it
      this.endpoints.set(e.name.toLowerCase(), e);
      if (e.status === "Failed") continue;
      e.pending = undefined; // an unfinished update is dropped; the serving config comes back
      e.status = "Creating";
      e.lastModifiedTime = Math.max(this.now(), e.lastModifiedTime);
    }
    this.save();
    for (const e of this.endpoints.values()) if (e.status === "Creating") this.deploy(e, e.current);
  }

  /** Stops deployments and closes every backend; persisted state is left as is for the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.save();
    this.closed = true;
    const deployments = [...this.deployments.values()];
    this.deployments.clear();
    await Promise.all(deployments.map((d) => d.cancel()));
    const live = [...this.live.values()];
    this.live.clear();
    await Promise.all(live.flatMap((s) => s.variants.map((v) => v.backend.close().catch(() => undefined))));
    this.notify();
  }
}
