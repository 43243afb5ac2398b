/**
 * What discovery tells the namespace and quota controllers: every kind that lives in a
 * namespace. All of them support list and delete here, so all of them are deleted with their
 * namespace and can be counted by a quota.
 *
 * Upstream: staging/src/k8s.io/client-go/discovery/helper.go (ServerPreferredNamespacedResources,
 * FilteredBy SupportsAllVerbs{"delete"}).
 */
import { KINDS, type KindInfo } from '../api/kinds';

/** The namespaced kinds, in discovery order. */
export const NAMESPACED_KINDS: readonly KindInfo[] = KINDS.filter((info) => info.namespaced);
