/**
 * State-machine transition tables, drawn in the docs as Mermaid state diagrams.
 *
 * The convention: a solution or core file exports its table as data,
 *
 * ```ts
 * export const transitions = [
 *   { from: '[*]', event: 'pod/created', to: 'Pending' },
 *   { from: 'Pending', event: 'pod/scheduled', to: 'Running' },
 * ] as const satisfies TransitionTable;
 * ```
 *
 * and a lesson draws it with `<!-- diagram: solutions/04-pod-sandbox/pod-phase.ts#transitions -->`.
 * The table must be a literal array of `{ from, event, to }` string literals: the docs read it
 * from the syntax tree without running the module, so what they draw is exactly what the file
 * says. `[*]` as `from` or `to` is Mermaid's start or end state. Tests can check the table
 * against the reducer (every listed transition happens, nothing else does).
 */
import ts from 'typescript';
import { cellCode, table } from './markdown';
import { parseSource } from './tsdoc';

/** One edge: in state `from`, action `event` leads to state `to`. */
export type Transition = { readonly from: string; readonly event: string; readonly to: string };

/** The edges of a state machine, in the order the diagram lists them. */
export type TransitionTable = readonly Transition[];

/** Reads the exported table `exportName` from source text; throws a reason on any other shape. */
export function readTransitions(fileName: string, text: string, exportName: string): Transition[] {
  const sf = parseSource(fileName, text);
  const where = (n: ts.Node) => `line ${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    if (!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const decl of st.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || decl.name.text !== exportName) continue;
      const array = unwrap(decl.initializer);
      if (!array || !ts.isArrayLiteralExpression(array)) {
        throw new Error(`export "${exportName}" (${where(decl)}) must be an array literal of { from, event, to }`);
      }
      return array.elements.map((el, i) => {
        const obj = unwrap(el);
        if (!obj || !ts.isObjectLiteralExpression(obj)) throw new Error(`${exportName}[${i}] (${where(el)}) must be an object literal { from, event, to }`);
        const field = (key: 'from' | 'event' | 'to') => {
          const prop = obj.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === key);
          const value = prop && ts.isPropertyAssignment(prop) ? unwrap(prop.initializer) : undefined;
          if (!value || !ts.isStringLiteralLike(value)) throw new Error(`${exportName}[${i}].${key} (${where(el)}) must be a string literal`);
          return value.text;
        };
        return { from: field('from'), event: field('event'), to: field('to') };
      });
    }
  }
  throw new Error(`no exported const "${exportName}"`);
}

/** Strips `as const`, `satisfies T`, `<T>x` and parentheses. */
function unwrap(node: ts.Expression | undefined): ts.Expression | undefined {
  let n = node;
  while (n && (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n) || ts.isTypeAssertionExpression(n))) {
    n = n.expression;
  }
  return n;
}

/**
 * A Mermaid `stateDiagram-v2` block, followed by the same edges as a table for hosts that do
 * not draw Mermaid. States get stable ids (`s0`, `s1`, ...) in order of first appearance and
 * keep their names as labels, so any state name is safe.
 */
export function renderTransitions(transitions: TransitionTable): string {
  const ids = new Map<string, string>();
  const id = (state: string) => {
    if (state === '[*]') return state;
    if (!ids.has(state)) ids.set(state, `s${ids.size}`);
    return ids.get(state) as string;
  };
  // Mermaid reads `#name;` as an entity, so one pass turns every character that would end a
  // label early (or start an entity) into its code.
  const codes: Record<string, string> = { '"': '#quot;', ':': '#58;', ';': '#59;', '#': '#35;' };
  const label = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/["#:;]/g, (c) => codes[c] as string);
  const edges = transitions.map((t) => `    ${id(t.from)} --> ${id(t.to)}: ${label(t.event)}`);
  const states = [...ids].map(([name, sid]) => `    state "${label(name)}" as ${sid}`);
  const diagram = ['```mermaid', 'stateDiagram-v2', ...states, ...edges, '```'].join('\n');
  const rows = transitions.map((t) => [cellCode(t.from), cellCode(t.event), cellCode(t.to)]);
  return `${diagram}\n\n${table(['From', 'Event', 'To'], rows)}`;
}
