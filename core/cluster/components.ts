/**
 * The components of the assembled cluster: each chapter's controllers and agents, imported
 * through `@kata` so that `KATA_TARGET=katas` runs the learner's own code. The order is the
 * order in which they take turns at each instant.
 */
import { replicaSetController } from '@kata/07-replicaset/replicaset-controller';
import { replicationControllerController } from '@kata/07-replicaset/replication-controller';
import { namespaceController, resourceQuotaController } from '../apiserver';
import { statefulSetController } from '@kata/09-statefulset/statefulset-controller';
import { kubeletRunnable } from '../kubelet/default-agent';
import { daemonSetController } from '@kata/10-daemonset/daemonset-controller';
import { daemonSetRunnable } from '../controllers/daemonset-api';
import { garbageCollector } from '@kata/11-garbage-collection/garbage-collector';
import { podGCController } from '@kata/11-garbage-collection/pod-gc';
import { deploymentController } from '@kata/08-deployment/deployment-controller';
import type { Runnable } from '../runtime/simulation';
import { schedulerController } from './scheduler-controller';

/** Choices a user makes per run: which lifecycle-stage rule file the simulated runtime follows. */
export type ComponentOptions = { stagesFile?: string };

/** Every component the assembled cluster runs. */
export function clusterComponents(options: ComponentOptions = {}): Runnable[] {
  return [
    { type: 'controller', controller: schedulerController },
    kubeletRunnable({ ...(options.stagesFile && { stagesFile: options.stagesFile }) }),
    { type: 'controller', controller: deploymentController },
    { type: 'controller', controller: replicaSetController },
    { type: 'controller', controller: replicationControllerController },
    { type: 'controller', controller: statefulSetController },
    daemonSetRunnable(daemonSetController),
    { type: 'controller', controller: namespaceController },
    { type: 'controller', controller: resourceQuotaController },
    { type: 'controller', controller: garbageCollector },
    { type: 'controller', controller: podGCController },
  ];
}
