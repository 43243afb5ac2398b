/**
 * Labels, requirements and selectors as plain data.
 *
 * Upstream keeps a selector behind an interface (`labels.Selector`) with two implementations:
 * a list of requirements, and a special value that matches nothing. Here both are data: a
 * discriminated union that a reducer can store, compare and print.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Requirement, Selector,
 * Everything, Nothing), staging/src/k8s.io/apimachinery/pkg/selection/operator.go,
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (LabelSelector).
 */

/** A label map, `metadata.labels`: key to value. A key that is absent is not the same as `""`. */
export type Labels = Record<string, string>;

// #region operator
/**
 * How a requirement relates a key to its values, spelled exactly as `selection.Operator`.
 * `gt` and `lt` compare integers and are meant for node affinity; a label selector string
 * accepts them (`x>1`), the API `LabelSelector` does not.
 */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/** The operators by upstream's constant names, for code that reads better with words. */
export const Operators = {
  Equals: '=',
  DoubleEquals: '==',
  NotEquals: '!=',
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  GreaterThan: 'gt',
  LessThan: 'lt',
} as const satisfies Record<string, Operator>;

/**
 * Every operator a requirement may have, in upstream's order (`validRequirementOperators`:
 * the binary ones, then the unary ones). The order shows in the "supported values" message.
 */
export const REQUIREMENT_OPERATORS: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];
// #endregion operator

// #region selector
/**
 * One condition on one key. Build it with `newRequirement` (kata 02-label-validation), which
 * checks the key, the values and how many values the operator takes.
 */
export type Requirement = {
  key: string;
  operator: Operator;
  /**
   * `=`, `==`, `!=`, `gt`, `lt`: exactly one. `in`, `notin`: at least one (`""` counts).
   * `exists`, `!`: none. A parsed selector keeps them sorted and without duplicates.
   */
  values: string[];
};

/**
 * A label selector: the AND of its requirements, or upstream's `Nothing()`.
 *
 * - `{ type: 'requirements', requirements: [] }` is `Everything()`: it matches every label map.
 * - `{ type: 'nothing' }` is `Nothing()`: it matches no label map, not even `{}`. It is what a
 *   nil API `LabelSelector` converts to, and no selector string parses to it.
 *
 * Requirements are kept sorted by key (a stable sort, so two requirements on one key keep the
 * order they were given in), as upstream's `Parse` and `Selector.Add` leave them; that makes the
 * printed form canonical.
 */
export type Selector =
  | { type: 'requirements'; requirements: Requirement[] }
  | { type: 'nothing' };
// #endregion selector

/** Upstream `labels.Everything()`: the selector with no requirements, which matches everything. */
export function everything(): Selector {
  return { type: 'requirements', requirements: [] };
}

/** Upstream `labels.Nothing()`: the selector that matches nothing. */
export function nothing(): Selector {
  return { type: 'nothing' };
}

// #region label-selector
/** The operators of the API type, `metav1.LabelSelectorOperator`. */
export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One entry of `matchExpressions`, `metav1.LabelSelectorRequirement`. */
export type LabelSelectorRequirement = {
  key: string;
  operator: LabelSelectorOperator;
  /** Non-empty for In and NotIn, empty or absent for Exists and DoesNotExist. */
  values?: string[];
};

/**
 * The API type `metav1.LabelSelector` (`spec.selector` of a ReplicaSet, Deployment, ...).
 * The result of `matchLabels` and `matchExpressions` is ANDed. An empty selector (`{}`) matches
 * everything; an absent one (`null`/`undefined`) matches nothing.
 */
export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
};
// #endregion label-selector
