/**
 * `get <type[,type...]> [name...]`: list or show objects as a table, a wide table, YAML or JSON,
 * filtered by namespace and label selector, the way kubectl does.
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/get/get.go.
 */
import { listObjects } from '@kata/01-api-machinery/store';
import { parseSelector } from '@kata/02-labels-selectors/parse-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { lookupResource, qualifiedResource, type KindInfo } from '../api/kinds';
import type { KubeObject } from '../api/meta';
import type { ClusterState } from '../cluster/state';
import { objectRef } from '../cluster/names';
import { asDocument, toJson, toYaml } from './output';
import { columnsFor } from './printers/columns';
import { formatTable } from './printers/table';

/** What `get all` lists, in kubectl's order (the `all` category of the built-in resources). */
const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs', 'cronjobs', 'replicationcontrollers'];

/** The flags of `get`. */
export type GetOptions = {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  output?: string;
  showLabels?: boolean;
};

/** What a command prints and how it exits; main does the printing. */
export type CommandOutput = { stdout: string; stderr: string; exitCode: number };

/** Runs `get` against the cluster state; never changes it. */
export function getCommand(state: ClusterState, types: string, names: string[], options: GetOptions): CommandOutput {
  const kinds: KindInfo[] = [];
  const requested = types.split(',').filter(Boolean).flatMap((t) => (t === 'all' ? ALL_CATEGORY : [t]));
  for (const type of requested) {
    const info = lookupResource(type);
    if (!info) return fail(`error: the server doesn't have a resource type "${type}"`);
    kinds.push(info);
  }
  if (kinds.length === 0) return fail('error: you must specify the type of resource to get');
  if (options.output && !['wide', 'yaml', 'json'].includes(options.output)) {
    return fail(`error: unable to match a printer suitable for the output format "${options.output}", allowed formats are: json,wide,yaml`);
  }
  let matches: (object: KubeObject) => boolean = () => true;
  if (options.selector !== undefined) {
    try {
      const selector = parseSelector(options.selector);
      matches = (object) => selectorMatches(selector, object.metadata.labels ?? {});
    } catch (error) {
      return fail(`error: ${(error as Error).message}`);
    }
  }
  const namespace = options.namespace ?? 'default';
  const found: { info: KindInfo; objects: KubeObject[] }[] = [];
  const errors: string[] = [];
  for (const info of kinds) {
    const scope = info.namespaced && !options.allNamespaces ? namespace : undefined;
    const all = listObjects(state.store, info.kind, scope).items.filter(matches);
    if (names.length === 0) {
      found.push({ info, objects: all });
      continue;
    }
    const picked: KubeObject[] = [];
    for (const name of names) {
      const object = all.find((o) => o.metadata.name === name);
      if (object) picked.push(object);
      else errors.push(`Error from server (NotFound): ${qualifiedResource(info)} "${name}" not found`);
    }
    found.push({ info, objects: picked });
  }
  const objects = found.flatMap((f) => f.objects);
  const stderr = errors.join('\n');
  const exitCode = errors.length > 0 ? 1 : 0;
  if (options.output === 'yaml' || options.output === 'json') {
    if (objects.length === 0 && errors.length > 0) return { stdout: '', stderr, exitCode };
    const document = asDocument(objects, names.length === 1 && kinds.length === 1);
    return { stdout: options.output === 'yaml' ? toYaml(document) : toJson(document), stderr, exitCode };
  }
  if (objects.length === 0) {
    if (errors.length > 0) return { stdout: '', stderr, exitCode };
    const scoped = kinds.some((k) => k.namespaced) && !options.allNamespaces;
    return { stdout: '', stderr: scoped ? `No resources found in ${namespace} namespace.` : 'No resources found', exitCode: 0 };
  }
  const tables = found
    .filter((f) => f.objects.length > 0)
    .map((f) => table(f.info, f.objects, state.now, options, requested.length > 1));
  return { stdout: tables.join('\n\n') + '\n', stderr, exitCode };
}

function table(info: KindInfo, objects: KubeObject[], now: string, options: GetOptions, prefixNames: boolean): string {
  const cols = columnsFor(info.kind);
  const wide = options.output === 'wide';
  const withNamespace = options.allNamespaces === true && info.namespaced;
  const labels = options.showLabels === true;
  const header = [...(withNamespace ? ['NAMESPACE'] : []), ...cols.header, ...(wide ? cols.wideHeader : []), ...(labels ? ['LABELS'] : [])];
  const rows = objects.map((object) => {
    const cells = cols.cells(object, now);
    if (prefixNames && cells.length > 0 && cols.header[0] === 'NAME') cells[0] = objectRef(object);
    const labelText = Object.entries(object.metadata.labels ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
    return [...(withNamespace ? [object.metadata.namespace ?? ''] : []), ...cells, ...(wide ? cols.wideCells(object, now) : []), ...(labels ? [labelText] : [])];
  });
  return formatTable(header, rows);
}

function fail(message: string): CommandOutput {
  return { stdout: '', stderr: message, exitCode: 1 };
}
