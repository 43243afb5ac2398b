/**
 * The node Lease: the kubelet's cheap heartbeat. Every node has a Lease of the same name in
 * `kube-node-lease`; renewing it is a small update of `spec.renewTime`, far cheaper than
 * posting the whole Node status, so the status is posted only when it changed (or every five
 * minutes) while the lease is renewed every ten seconds.
 *
 * Upstream: staging/src/k8s.io/api/coordination/v1/types.go (Lease, LeaseSpec),
 * staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go (newLease),
 * pkg/kubelet/kubelet.go (nodeLeaseRenewIntervalFraction 0.25), pkg/kubelet/apis/config/v1beta1/defaults.go
 * (NodeLeaseDurationSeconds 40, NodeStatusUpdateFrequency 10 s, NodeStatusReportFrequency 5 min),
 * pkg/kubelet/util/nodelease.go (SetNodeOwnerFunc), website: concepts/architecture/leases.md.
 */
import type { KubeObject } from '../api/meta';
import type { Time } from '../api/types/common';

/** The lease's desired state (`coordinationv1.LeaseSpec`). */
export type LeaseSpec = {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** `metav1.MicroTime`: RFC 3339 with microseconds, `2025-01-01T00:00:10.000000Z`. */
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
};

/** A Lease (namespaced, `coordination.k8s.io/v1`). */
export type Lease = KubeObject<LeaseSpec, never> & { apiVersion: 'coordination.k8s.io/v1'; kind: 'Lease'; spec?: LeaseSpec };

/** Where node leases live (`v1.NamespaceNodeLease`). */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** How long a node lease is valid (`nodeLeaseDurationSeconds`, default 40). */
export const NODE_LEASE_DURATION_SECONDS = 40;

/** Renew every quarter of the duration: 10 s (`nodeLeaseRenewIntervalFraction`). */
export const NODE_LEASE_RENEW_INTERVAL_SECONDS = NODE_LEASE_DURATION_SECONDS * 0.25;

/** How often the kubelet computes its node status (`nodeStatusUpdateFrequency`, 10 s). */
export const NODE_STATUS_UPDATE_FREQUENCY_SECONDS = 10;

/** How often the status is posted even when nothing changed (`nodeStatusReportFrequency`, 5 min). */
export const NODE_STATUS_REPORT_FREQUENCY_SECONDS = 300;

/** `metav1.MicroTime` as it is serialised: six fractional digits. */
export function microTime(now: Time): string {
  const millis = Date.parse(now);
  return new Date(millis).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
