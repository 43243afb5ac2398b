/**
 * Where a kubelet's pods come from, and the annotations that say so. Most pods come from the
 * API server; static pods come from manifest files in a directory on the node (kubeadm puts
 * the control plane there: etcd, kube-apiserver, kube-controller-manager, kube-scheduler).
 * The kubelet runs a static pod itself and shows it in the API as a read-only *mirror pod*.
 *
 * Upstream: pkg/kubelet/types/pod_update.go (ConfigSourceAnnotationKey, ConfigMirrorAnnotationKey,
 * ConfigHashAnnotationKey, FileSource, ApiserverSource), pkg/kubelet/apis/config/v1beta1/defaults.go
 * (FileCheckFrequency 20 s), website: tasks/configure-pod-container/static-pod.md.
 */
import type { Pod } from '../api/types/pod';

/** Which source a pod came from: `file`, `http` or `api`. */
export const CONFIG_SOURCE_ANNOTATION = 'kubernetes.io/config.source';
/** A static pod's hash (also its UID). */
export const CONFIG_HASH_ANNOTATION = 'kubernetes.io/config.hash';
/** On a mirror pod: the hash of the static pod it mirrors. */
export const CONFIG_MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** The source of static pods read from the manifest directory. */
export const FILE_SOURCE = 'file';
/** The source of pods from the API server. */
export const API_SOURCE = 'api';

/** Where kubeadm tells the kubelet to look (`staticPodPath`). */
export const DEFAULT_STATIC_POD_PATH = '/etc/kubernetes/manifests';

/** How often the kubelet rescans the directory (`fileCheckFrequency`, 20 s). */
export const FILE_CHECK_FREQUENCY_SECONDS = 20;

/** A node's manifest directory as data: file name to file content. */
export type ManifestDir = Record<string, string>;

/** The static pods read from a directory, and what could not be read. */
export type StaticPods = { pods: Pod[]; errors: string[] };
