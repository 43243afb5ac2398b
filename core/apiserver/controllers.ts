/**
 * Chapter 03's controllers, assembled for the simulation runtime from the katas (through
 * `@kata`, so they run the learner's code or the reference depending on `KATA_TARGET`): the
 * namespace controller, which empties and finalizes namespaces being deleted, and the quota
 * controller, which keeps every ResourceQuota's `status` counted.
 *
 * Upstream: pkg/controller/namespace/namespace_controller.go,
 * pkg/controller/resourcequota/resource_quota_controller.go.
 */
import { namespaceKeysFor, syncNamespace } from '@kata/03-namespaces/namespace-controller';
import { quotaKeysFor, syncResourceQuota } from '@kata/03-namespaces/quota-controller';
import type { Controller } from '../runtime/types';
import { NAMESPACED_KINDS } from './discovery';

const contentKinds = NAMESPACED_KINDS.map((info) => info.kind);

/** The namespace controller: watches namespaces and everything inside them. */
export const namespaceController: Controller = {
  name: 'namespace-controller',
  watches: ['Namespace', ...contentKinds],
  keysFor: namespaceKeysFor,
  reconcile: syncNamespace,
};

/** The resource quota controller: watches quotas and everything they may count. */
export const resourceQuotaController: Controller = {
  name: 'resourcequota-controller',
  watches: contentKinds,
  keysFor: quotaKeysFor,
  reconcile: (view, key) => syncResourceQuota(view, key),
};
