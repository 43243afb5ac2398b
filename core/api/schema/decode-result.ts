/**
 * What decoding a manifest file yields. Messages are ready to print: each names the file,
 * the document (and list item), the object and the field.
 */
import type { KubeObject } from '../meta';

/** The objects of a file, or the reasons it was refused; never both objects and errors. */
export type DecodeResult = {
  /** Every object of the file in order, or none when there is any error. */
  objects: KubeObject[];
  /** Unknown fields, reported as kube-apiserver's field validation does in Warn mode. */
  warnings: string[];
  errors: string[];
};
