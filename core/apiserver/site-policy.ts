/**
 * The cluster's own validating policy: rules an administrator writes about what may be stored,
 * per namespace (kata 03-admission-policy is one). It plays the part upstream gives to a
 * ValidatingAdmissionPolicy: it runs after the built-in plugins have mutated the object and
 * before ResourceQuota charges it.
 *
 * The policy is evaluated once per container of a pod (fact `container`), and once with no
 * container for any other object. The first `deny` it fires refuses the request; its
 * `message` may use {name}, {namespace}, {kind}, {container} and {field} (the container's field
 * path, such as `spec.containers[0]`).
 *
 * Upstream counterpart: staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/validating
 * (ValidatingAdmissionPolicy), whose refusals read `... denied request: <message>`.
 */
import type { Status } from '../api/meta';
import type { Container, Namespace, Pod } from '../api/types';
import { fillTemplate, stringParam, type Policy } from './policy';
import { admissionForbidden, requestName } from './status';
import type { AdmissionRequest } from './types';

/** One container as the policy's `container` fact sees it. */
export type ContainerFact = Container & { index: number; field: string };

function containerFacts(pod: Pod): ContainerFact[] {
  const of = (list: Container[] | undefined, path: string) => (list ?? []).map((c, index) => ({ ...c, index, field: `${path}[${index}]` }));
  return [...of(pod.spec?.containers, 'spec.containers'), ...of(pod.spec?.initContainers, 'spec.initContainers')];
}

/** `undefined` to admit a create or update, or the Status refusing it. Deletes and subresources are not judged. */
export function sitePolicyAdmission(request: AdmissionRequest, namespace: Namespace | undefined, policy: Policy): Status | undefined {
  const object = request.object;
  if (request.operation === 'DELETE' || request.subresource !== undefined || !object) return undefined;
  const facts = {
    request: { operation: request.operation, kind: request.kind, namespace: request.namespace, name: requestName(request) },
    namespace,
    object,
  };
  const containers: (ContainerFact | undefined)[] = object.kind === 'Pod' ? containerFacts(object as Pod) : [undefined];
  for (const container of containers) {
    const denial = policy.evaluate({ ...facts, container }).find((event) => event.type === 'deny');
    if (!denial) continue;
    const values = { name: requestName(request), namespace: request.namespace, kind: request.kind, container: container?.name ?? '', field: container?.field ?? '' };
    const message = fillTemplate(stringParam(denial, 'message') ?? denial.rule, values);
    return admissionForbidden(request, `${policy.ruleFile.name} denied request: ${message}`);
  }
  return undefined;
}
