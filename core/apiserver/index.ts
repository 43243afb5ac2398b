/**
 * The API server's admission chain and chapter 03's controllers, for the CLI and the runtime.
 *
 *     const verdict = admit(admissionCreate(object), storeContext(cluster.store, cluster.now));
 *     if (!verdict.allowed) report(verdict.status);
 *     else { write each verdict.quotas[i] with updateStatus; then store verdict.object }
 */
export { admit } from './admit';
export { storeContext, viewContext } from './context';
export { namespaceController, resourceQuotaController } from './controllers';
export { defaultPodRequests } from './defaults';
export { NAMESPACED_KINDS } from './discovery';
export { chapterPolicy, compilePolicy, defaultPolicies, sitePolicy, type Policy } from './policy';
export { admissionCreate, admissionDelete, admissionUpdate } from './requests';
export type { AdmissionContext, AdmissionPolicies, AdmissionRequest, AdmissionResult, LimitRange, NamespaceDeletion, Operation, ResourceQuota } from './types';
export { NAMESPACE_FINALIZER, namespaceLifecycle } from './types';
