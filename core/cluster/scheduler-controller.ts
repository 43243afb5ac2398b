/**
 * kube-scheduler as a component of the assembled cluster. Chapter 06's katas decide where a
 * pod goes (`scheduleOne`) and what to write (`schedulingIntents`); this wrapper feeds them:
 * it queues every pod that is not yet bound and belongs to the default scheduler, builds the
 * scheduler's snapshot (nodes and the pods already on them) from its informer caches, and
 * retries unschedulable pods when a node changes or every five minutes.
 *
 * Upstream: pkg/scheduler/scheduler.go and eventhandlers.go (which pods are queued, node events
 * moving unschedulable pods back to the active queue), pkg/scheduler/backend/queue
 * (podMaxInUnschedulablePodsDuration = 5 min).
 */
import { podResource } from '@kata/06-scheduler/node-resources-fit';
import { schedulingIntents } from '@kata/06-scheduler/fit-error';
import { scheduleOne } from '@kata/06-scheduler/schedule-one';
import type { KubeObject } from '../api/meta';
import type { Node, Pod } from '../api/types';
import { podInfoOf } from '../scheduler/builders';
import { defaultProfile } from '../scheduler/default-profile';
import { schedulerStateFrom } from '../scheduler/snapshot';
import type { Controller, View } from '../runtime/types';

const SCHEDULER_NAME = 'default-scheduler';
const UNSCHEDULABLE_RETRY_SECONDS = 300;

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** A pod this scheduler should place: unbound, not being deleted, not finished, ours. */
function wantsScheduling(pod: Pod): boolean {
  const spec = pod.spec;
  return !spec?.nodeName && !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && (spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
}

/** Pods still holding resources on their node (finished pods free them). */
function occupying(pod: Pod): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

let profile: ReturnType<typeof defaultProfile> | undefined;

/** The scheduler component. */
export const schedulerController: Controller = {
  name: SCHEDULER_NAME,
  watches: ['Pod', 'Node'],
  keysFor: (object, view) => {
    if (object.kind === 'Pod') return wantsScheduling(object as Pod) ? [keyOf(object)] : [];
    // A node appeared or changed: pods that did not fit may fit now.
    // Oldest first, as the scheduling queue orders pods by the time they arrived.
    return (view.list('Pod') as Pod[])
      .filter(wantsScheduling)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map(keyOf);
  },
  reconcile: (view, key) => {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = view.get('Pod', namespace, name) as Pod | undefined;
    if (!pod || !wantsScheduling(pod)) return [];
    profile ??= defaultProfile();
    const { result } = scheduleOne(snapshot(view), pod, profile, view.random);
    const intents = schedulingIntents(pod, result, view.now, SCHEDULER_NAME);
    return result.type === 'scheduled' ? intents : [...intents, { type: 'requeueAfter', key, seconds: UNSCHEDULABLE_RETRY_SECONDS, periodic: true }];
  },
};

/** The scheduler's view of the cluster: every node, with the pods bound to it. */
function snapshot(view: View) {
  const nodes = view.list('Node') as Node[];
  const pods = nodes.flatMap((node) =>
    (view.podsOnNode(node.metadata.name) as Pod[]).filter(occupying).map((pod) => ({ nodeName: node.metadata.name, pod: podInfoOf(pod, podResource(pod)) })),
  );
  return schedulerStateFrom(nodes, pods);
}
