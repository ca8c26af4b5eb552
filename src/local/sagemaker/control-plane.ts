/**
 * Control-plane state, with no HTTP (the moto-style "models" half): the model and endpoint
 * configuration records, the endpoints (delegated to {@link EndpointLifecycle}, which holds the
 * lifecycle rules) and saving all of it to the state file after every change.
 */
import type { AccountScope, ArnResourceType } from "./arn";
import { sageMakerArn } from "./arn";
import { EndpointLifecycle, type LifecycleHooks, type ServingEndpoint } from "./endpoint-lifecycle";
import { ResourceTable } from "./resource-table";
import type { StateFile } from "./state-file";
import { takeSnapshot, withoutTags } from "./snapshot";
import type {
  CreateEndpointConfigInput,
  CreateEndpointInput,
  CreateModelInput,
  UpdateEndpointInput,
} from "@aws-sdk/client-sagemaker";
import type { EndpointConfigRecord, EndpointRecord, JsonObject, ModelRecord, ValidInput } from "./types";

export type { ControlPlaneLog, ServingEndpoint } from "./endpoint-lifecycle";

/** Dependencies and settings of {@link ControlPlane}. */
export interface ControlPlaneOptions extends LifecycleHooks {
  scope: AccountScope;
  /** Where state persists; in memory only when absent. */
  stateFile?: StateFile;
  now?: () => number;
}

/** Models, endpoint configurations and endpoints of one stack. */
export class ControlPlane {
  private readonly models: ResourceTable<ModelRecord>;
  private readonly configs: ResourceTable<EndpointConfigRecord>;
  private readonly endpoints: EndpointLifecycle;

  /** Creates an empty control plane; call {@link restore} to load persisted state. */
  constructor(private readonly opts: ControlPlaneOptions) {
    this.models = new ResourceTable("model", (name) => this.arn("model", name));
    this.configs = new ResourceTable("endpoint configuration", (name) => this.arn("endpoint-config", name));
    this.endpoints = new EndpointLifecycle(opts, {
      arnOf: (name) => this.arn("endpoint", name),
      now: () => this.now(),
      persist: () => this.save(),
      endpointConfig: (name) => this.getEndpointConfig(name),
      snapshot: (config) => takeSnapshot(config, (name) => this.models.find(name), this.now()),
    });
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private arn(type: ArnResourceType, name: string): string {
    return sageMakerArn(this.opts.scope, type, name);
  }

  // ---- models -------------------------------------------------------------------------------

  /** CreateModel (input already validated). */
  createModel(input: ValidInput<CreateModelInput, "ModelName">): ModelRecord {
    return this.createFromInput(this.models, input.ModelName, input);
  }

  /** The model named so (case-insensitive), or a ValidationException. */
  getModel(name: string): ModelRecord {
    return this.models.get(name);
  }

  /** DeleteModel. Endpoints using it keep running on their snapshot. */
  deleteModel(name: string): void {
    this.models.get(name);
    this.models.remove(name);
    this.save();
  }

  /** All models. */
  listModels(): ModelRecord[] {
    return this.models.list();
  }

  // ---- endpoint configurations --------------------------------------------------------------

  /** CreateEndpointConfig (input validated): every variant's model must exist. */
  createEndpointConfig(
    input: ValidInput<CreateEndpointConfigInput, "EndpointConfigName" | "ProductionVariants">,
  ): EndpointConfigRecord {
    return this.createFromInput(this.configs, input.EndpointConfigName, input, () => {
      for (const v of input.ProductionVariants) this.getModel(v.ModelName ?? "");
    });
  }

  /** The endpoint configuration named so, or a ValidationException. */
  getEndpointConfig(name: string): EndpointConfigRecord {
    return this.configs.get(name);
  }

  /** DeleteEndpointConfig; allowed while in use (endpoints keep a snapshot). */
  deleteEndpointConfig(name: string): void {
    this.configs.get(name);
    this.configs.remove(name);
    this.save();
  }

  /** All endpoint configurations. */
  listEndpointConfigs(): EndpointConfigRecord[] {
    return this.configs.list();
  }

  /**
   * Stores a model or config: both keep the create input without tags, for Describe* to echo
   * (types.ts declares the two records alike; this stops compiling if they part).
   * `check` runs once the name is known to be free, before anything is stored.
   */
  private createFromInput(
    table: ResourceTable<ModelRecord | EndpointConfigRecord>,
    name: string,
    input: JsonObject,
    check?: () => void,
  ): ModelRecord {
    const rec = table.create(name, (arn) => {
      check?.();
      return { name, arn, creationTime: this.now(), input: withoutTags(input) };
    });
    this.save();
    return rec;
  }

  // ---- endpoints (lifecycle in endpoint-lifecycle.ts) ---------------------------------------

  /** CreateEndpoint: records the endpoint as `Creating` and starts the deployment. */
  createEndpoint(input: ValidInput<CreateEndpointInput, "EndpointName" | "EndpointConfigName">): EndpointRecord {
    return this.endpoints.create(input);
  }

  /** The endpoint named so (case-insensitive), or `Could not find endpoint "arn".`. */
  getEndpoint(name: string): EndpointRecord {
    return this.endpoints.get(name);
  }

  /** UpdateEndpoint: `Updating` while the new config comes up beside the serving one. */
  updateEndpoint(input: ValidInput<UpdateEndpointInput, "EndpointName" | "EndpointConfigName">): EndpointRecord {
    return this.endpoints.update(input);
  }

  /** DeleteEndpoint: flushes capture and closes the backends; resolves once the endpoint is gone. */
  deleteEndpoint(name: string): Promise<void> {
    return this.endpoints.delete(name);
  }

  /** All endpoints. */
  listEndpoints(): EndpointRecord[] {
    return this.endpoints.list();
  }

  /**
   * The runtime's view: the record (exact-case name match, as InvokeEndpoint requires) and,
   * when it takes traffic, its healthy variants.
   */
  lookup(name: string): { record?: EndpointRecord; serving?: ServingEndpoint } {
    return this.endpoints.lookup(name);
  }

  /** Waits up to `ms` for a `Creating`/`Updating` endpoint to settle (lets waiters succeed on their first poll). */
  waitForSettle(name: string, ms: number): Promise<void> {
    return this.endpoints.waitForSettle(name, ms);
  }

  // ---- persistence and process lifetime -----------------------------------------------------

  private save(): void {
    if (this.endpoints.isClosed || !this.opts.stateFile) return;
    this.opts.stateFile.save({
      version: 1,
      models: this.listModels(),
      endpointConfigs: this.listEndpointConfigs(),
      endpoints: this.listEndpoints(),
    });
  }

  /** Loads persisted state and brings back endpoints that were serving or starting. */
  restore(): void {
    if (!this.opts.stateFile) return;
    const state = this.opts.stateFile.load();
    for (const m of state.models) this.models.put(m);
    for (const c of state.endpointConfigs) this.configs.put(c);
    this.endpoints.resume(state.endpoints);
  }

  /** Stops deployments and closes every backend; persisted state is left as is for the next start. */
  async close(): Promise<void> {
    if (this.endpoints.isClosed) return;
    this.save();
    await this.endpoints.close();
  }
}
