/**
 * Runtime companions for the DaemonSet controller in simulations: a stand-in for the
 * scheduler, the kubelets and pod GC, a scripted cluster admin that adds, removes, labels and
 * taints nodes and edits templates on a timer. All are level-triggered components like any
 * other. (The controller's own Runnable is `daemonSetRunnable` in daemonset-api.ts.)
 */
import type { KubeObject } from '../api/meta';
import type { DaemonSet, Node, Pod, PodSpec } from '../api/types';
import { EPOCH } from '../cluster/state';
import { jsonEqual } from '../data/json-equal';
import type { Controller, Intent, View } from '../runtime/types';
export { daemonSetRunnable } from './daemonset-api';

/**
 * The node a pod is for, read the plain way (not with the kata's getTargetNodeName):
 * `spec.nodeName`, or else the first `metadata.name In [x]` of its required affinity.
 */
export function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const field of term.matchFields ?? []) if (field.key === 'metadata.name' && field.operator === 'In') return field.values?.[0];
  }
  return undefined;
}

const podKey = (pod: KubeObject) => `pod/${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
const terminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const remove = (pod: Pod): Intent => ({ type: 'delete', kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, gracePeriodSeconds: 0 });

/**
 * A stand-in for the default scheduler, the kubelets and pod GC, enough for daemon pods: it
 * binds an unbound pod to the node its affinity names once that node exists, reports a bound
 * pod Running and Ready (transition time now), or Failed on a node `failOn` picks; it finishes
 * a graceful deletion at once, and deletes pods bound to a node that no longer exists.
 */
export function fakeDaemonKubelet(options: { failOn?: (node: Node) => boolean } = {}): Controller {
  return {
    name: 'fake-scheduler-and-kubelets',
    watches: ['Pod', 'Node'],
    keysFor: (object) => [object.kind === 'Pod' ? podKey(object) : `node/${object.metadata.name}`],
    reconcile: (view, key) => {
      if (key.startsWith('node/')) {
        const nodeName = key.slice('node/'.length);
        if (!view.get('Node', '', nodeName)) return (view.podsOnNode(nodeName) as Pod[]).map(remove);
        const waiting = (view.list('Pod') as Pod[]).filter((p) => !p.spec?.nodeName && p.metadata.deletionTimestamp === undefined && targetNodeOf(p) === nodeName);
        return waiting.map((p): Intent => ({ type: 'bind', namespace: p.metadata.namespace ?? '', name: p.metadata.name, uid: p.metadata.uid, nodeName }));
      }
      const [, namespace = '', name = ''] = key.split('/');
      const pod = view.get('Pod', namespace, name) as Pod | undefined;
      if (!pod) return [];
      if (pod.metadata.deletionTimestamp !== undefined) return [remove(pod)];
      if (!pod.spec?.nodeName) {
        const target = targetNodeOf(pod);
        return target && view.get('Node', '', target) ? [{ type: 'bind', namespace, name, uid: pod.metadata.uid, nodeName: target }] : [];
      }
      const node = view.get('Node', '', pod.spec.nodeName) as Node | undefined;
      if (!node) return [remove(pod)];
      if (terminal(pod)) return [];
      if (options.failOn?.(node)) return [{ type: 'updateStatus', object: { ...pod, status: { ...pod.status, phase: 'Failed', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: view.now }] } } }];
      if (pod.status?.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return [];
      const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'Ready'), { type: 'Ready', status: 'True' as const, lastTransitionTime: view.now }];
      return [{ type: 'updateStatus', object: { ...pod, status: { ...pod.status, phase: 'Running', conditions } } }];
    },
  };
}

/** One moment of a {@link clusterAdmin} script: from `atSeconds` after the epoch on, these nodes and images. */
export type AdminStep = {
  atSeconds: number;
  /** The complete node list wanted (name, labels, taints are compared). */
  nodes: Node[];
  /** Container image of the first container of DaemonSets, by `namespace/name`. */
  images?: Record<string, string>;
};

const seconds = (view: View) => (Date.parse(view.now) - Date.parse(EPOCH)) / 1000;

/**
 * A scripted cluster admin: at each step's time it makes the nodes (and DaemonSet images) what
 * the step says, level-triggered from its caches, and asks to be woken for the next step. It
 * watches namespaces only so that it is woken at start-up.
 */
export function clusterAdmin(steps: AdminStep[]): Controller {
  const sorted = [...steps].sort((a, b) => a.atSeconds - b.atSeconds);
  return {
    name: 'cluster-admin',
    watches: ['Namespace', 'Node', 'DaemonSet'],
    keysFor: () => ['script'],
    reconcile: (view) => {
      const now = seconds(view);
      const step = sorted.filter((s) => s.atSeconds <= now).pop();
      const next = sorted.find((s) => s.atSeconds > now);
      const intents: Intent[] = [];
      if (step) {
        const wanted = new Map(step.nodes.map((n) => [n.metadata.name, n]));
        for (const cached of view.list('Node') as Node[]) if (!wanted.has(cached.metadata.name)) intents.push({ type: 'delete', kind: 'Node', namespace: '', name: cached.metadata.name });
        for (const node of step.nodes) {
          const cached = view.get('Node', '', node.metadata.name) as Node | undefined;
          if (!cached) intents.push({ type: 'create', object: node });
          else if (!jsonEqual(cached.metadata.labels ?? {}, node.metadata.labels ?? {}) || !jsonEqual(cached.spec?.taints ?? [], node.spec?.taints ?? [])) {
            intents.push({ type: 'update', object: { ...cached, metadata: { ...cached.metadata, labels: node.metadata.labels ?? {} }, spec: { ...cached.spec, taints: node.spec?.taints ?? [] } } });
          }
        }
        for (const [key, image] of Object.entries(step.images ?? {})) {
          const [namespace = '', name = ''] = key.split('/');
          const ds = view.get('DaemonSet', namespace, name) as DaemonSet | undefined;
          const spec = ds?.spec?.template?.spec;
          if (!ds || !spec || spec.containers[0]?.image === image) continue;
          const containers = spec.containers.map((c, i) => (i === 0 ? { ...c, image } : c));
          intents.push({ type: 'update', object: { ...ds, spec: { ...ds.spec!, template: { ...ds.spec!.template, spec: { ...spec, containers } as PodSpec } } } });
        }
      }
      if (next) intents.push({ type: 'requeueAfter', key: 'script', seconds: next.atSeconds - now });
      return intents;
    },
  };
}
