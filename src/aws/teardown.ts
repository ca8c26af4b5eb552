/**
 * Cleaning up after the walkthrough: the endpoint, then every endpoint config it used
 * (the one it was created with and the ones `updateDataCapture` made), then their models.
 */
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand,
  type DescribeEndpointConfigCommandOutput,
} from "@aws-sdk/client-sagemaker";
import type { CaptureLabSession } from "../session/connect";
import { isNotFound, waitForDeleted, type StatusCallback, type WaiterTiming } from "./waiters";
import { uniqueNameStem, uniqueNameSuffixLength } from "./unique-name";

/** Options of {@link teardown}. */
export interface TeardownOptions {
  /** Endpoint to delete. */
  endpointName: string;
  /** Delete the endpoint configs it used (default true). */
  deleteConfigs?: boolean;
  /** Delete the models named in those configs (default true). */
  deleteModels?: boolean;
  /** More endpoint configs to delete (e.g. made by hand for this endpoint). */
  configNames?: string[];
  /** Waiter timing for the deletion. */
  waiter?: WaiterTiming;
  /** Called with each new endpoint status while waiting. */
  onStatus?: StatusCallback;
}

/** What {@link teardown} deleted; names missing already are not listed. */
export interface TeardownResult {
  /** True when the endpoint existed and was deleted. */
  endpointDeleted: boolean;
  /** Endpoint configs deleted. */
  configsDeleted: string[];
  /** Models deleted. */
  modelsDeleted: string[];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Names `updateDataCapture` gives this endpoint's configs: `uniqueName(endpointName, { millis: true })`. */
function updateConfigPattern(endpointName: string): { stem: string; re: RegExp } {
  const stem = uniqueNameStem(endpointName, uniqueNameSuffixLength(true) - 1);
  return { stem, re: new RegExp(`^${escapeRe(stem)}-\\d{4}(-\\d{2}){5}-\\d{3}$`) };
}

async function describeConfig(
  session: CaptureLabSession,
  name: string,
): Promise<DescribeEndpointConfigCommandOutput | undefined> {
  try {
    return await session.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

function modelsOf(cfg: DescribeEndpointConfigCommandOutput): string[] {
  return [...(cfg.ProductionVariants ?? []), ...(cfg.ShadowProductionVariants ?? [])]
    .map((v) => v.ModelName)
    .filter((m): m is string => !!m);
}

/** Lists configs whose names match `re`, narrowing the listing by `stem` (paginated). */
async function listMatchingConfigs(session: CaptureLabSession, stem: string, re: RegExp): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await session.sageMaker.send(
      new ListEndpointConfigsCommand({ NameContains: stem, MaxResults: 100, ...(token ? { NextToken: token } : {}) }),
    );
    for (const c of page.EndpointConfigs ?? [])
      if (c.EndpointConfigName && re.test(c.EndpointConfigName)) names.push(c.EndpointConfigName);
    token = page.NextToken;
  } while (token);
  return names;
}

/**
 * Deletes the endpoint and waits with `waitUntilEndpointDeleted`, then deletes its configs: the
 * current one, one named like the endpoint (the `deployModel` default), the ones
 * `updateDataCapture` created (found by name, kept only if they serve the same models), and
 * `configNames`; then the models those configs name. Already-missing resources are skipped.
 */
export async function teardown(session: CaptureLabSession, options: TeardownOptions): Promise<TeardownResult> {
  const sm = session.sageMaker;
  const { endpointName } = options;
  const result: TeardownResult = { endpointDeleted: false, configsDeleted: [], modelsDeleted: [] };

  let currentConfig: string | undefined;
  try {
    currentConfig = (await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }))).EndpointConfigName;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }

  // Collect configs and their models before anything is deleted.
  const configs = new Map<string, DescribeEndpointConfigCommandOutput>();
  const add = async (name: string): Promise<void> => {
    if (configs.has(name)) return;
    const d = await describeConfig(session, name);
    if (d) configs.set(name, d);
  };
  if (currentConfig) await add(currentConfig);
  for (const n of options.configNames ?? []) await add(n);
  await add(endpointName);
  const known = new Set([...configs.values()].flatMap(modelsOf));
  const { stem, re } = updateConfigPattern(endpointName);
  for (const name of await listMatchingConfigs(session, stem, re)) {
    const d = await describeConfig(session, name);
    // A same-stem config of another endpoint serves other models: leave it alone.
    if (d && (known.size === 0 || modelsOf(d).every((m) => known.has(m)))) configs.set(name, d);
  }

  if (currentConfig !== undefined) {
    try {
      await sm.send(new DeleteEndpointCommand({ EndpointName: endpointName }));
      result.endpointDeleted = true;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    await waitForDeleted(session, endpointName, options.waiter, options.onStatus);
  }

  for (const name of options.deleteConfigs === false ? [] : configs.keys()) {
    try {
      await sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }));
      result.configsDeleted.push(name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  if (options.deleteModels !== false) {
    for (const model of new Set([...configs.values()].flatMap(modelsOf))) {
      try {
        await sm.send(new DeleteModelCommand({ ModelName: model }));
        result.modelsDeleted.push(model);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }
  return result;
}
