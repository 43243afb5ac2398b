/**
 * Facts about one TypeScript source file, read from its syntax tree rather than with regular
 * expressions, so that a comment such as "never call Date.now() here" or a string mentioning
 * `test.only` is not mistaken for code.
 */
import ts from 'typescript';

/** Whether an exported name is a value (function, const, class, enum) or only a type. */
export type ExportKind = 'value' | 'type';

/** A finding with its 1-based line, for messages such as `store.ts:12: Date.now()`. */
export type Finding = { line: number; text: string };

/** An import of another module: its specifier, and whether it brings in types only. */
export type ImportRef = { specifier: string; typeOnly: boolean; line: number };

// The contract asks several questions of each file; parse it once.
const parsed = new Map<string, ts.SourceFile>();

function parse(text: string, fileName: string): ts.SourceFile {
  const key = `${fileName}\0${text}`;
  let source = parsed.get(key);
  if (!source) {
    source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(key, source);
  }
  return source;
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

/** The names a module exports and their kind; `export * from 'x'` appears as `* from x`. */
export function exportedNames(text: string, fileName = 'file.ts'): Map<string, ExportKind> {
  const source = parse(text, fileName);
  const exported = new Map<string, ExportKind>();
  const declared = new Map<string, ExportKind>();
  // `export { a as b }` of a local declaration takes that declaration's kind, known at the end.
  const reexported: { name: string; local: string }[] = [];
  const declare = (name: string, kind: ExportKind, exportAs?: string) => {
    // A value and a type may share a name (`const Phase` and `type Phase`); the value wins.
    if (declared.get(name) !== 'value') declared.set(name, kind);
    if (exportAs !== undefined && exported.get(exportAs) !== 'value') exported.set(exportAs, kind);
  };
  for (const statement of source.statements) {
    const exportAs = hasModifier(statement, ts.SyntaxKind.ExportKeyword)
      ? (name: string) => (hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : name)
      : () => undefined;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      const name = statement.name?.text ?? 'default';
      declare(name, 'value', exportAs(name));
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) for (const name of bindingNames(d.name)) declare(name, 'value', exportAs(name));
    } else if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
      declare(statement.name.text, 'type', exportAs(statement.name.text));
    } else if (ts.isExportAssignment(statement)) {
      exported.set('default', 'value');
    } else if (ts.isExportDeclaration(statement)) {
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const kind: ExportKind = statement.isTypeOnly ? 'type' : 'value';
      const clause = statement.exportClause;
      if (!clause) exported.set(`* from ${from ?? '?'}`, kind);
      else if (ts.isNamespaceExport(clause)) exported.set(clause.name.text, kind);
      else {
        for (const element of clause.elements) {
          const name = element.name.text;
          if (statement.isTypeOnly || element.isTypeOnly) exported.set(name, 'type');
          else if (from !== undefined) exported.set(name, 'value');
          else reexported.push({ name, local: (element.propertyName ?? element.name).text });
        }
      }
    }
  }
  for (const { name, local } of reexported) exported.set(name, declared.get(local) ?? 'value');
  return exported;
}

/** Every module this file imports or re-exports from, including dynamic `import('...')`. */
export function importsOf(text: string, fileName = 'file.ts'): ImportRef[] {
  const source = parse(text, fileName);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: typeOnlyImport(node), line: lineOf(source, node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) refs.push({ specifier: arg.text, typeOnly: false, line: lineOf(source, node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      refs.push({ specifier: node.argument.literal.text, typeOnly: true, line: lineOf(source, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

function typeOnlyImport(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    const clause = node.exportClause;
    return node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
  }
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The first argument of every `notImplemented(...)` call (`?` when it is not a string literal). */
export function notImplementedIds(text: string, fileName = 'file.ts'): string[] {
  const source = parse(text, fileName);
  const ids: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'notImplemented') {
      const arg = node.arguments[0];
      ids.push(arg && ts.isStringLiteralLike(arg) ? arg.text : '?');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return ids;
}

const TEST_FUNCTIONS = new Set(['test', 'it', 'describe', 'suite', 'bench']);
const SKIPPING = new Set(['only', 'skip', 'todo', 'skipIf', 'runIf']);

/** Uses of `test.only`, `it.skip`, `describe.todo` and the like (also inside chains such as `test.concurrent.only`). */
export function focusedOrSkipped(text: string, fileName = 'file.test.ts'): Finding[] {
  const source = parse(text, fileName);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && SKIPPING.has(node.name.text)) {
      let root: ts.Expression = node.expression;
      while (ts.isPropertyAccessExpression(root)) root = root.expression;
      if (ts.isIdentifier(root) && TEST_FUNCTIONS.has(root.text)) findings.push({ line: lineOf(source, node), text: node.getText(source) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** Reads of the clock or of randomness: `Date.now()`, `Math.random()`, `new Date()`, `Date()`, `performance.now()`, `crypto.randomUUID()`. */
export function clockOrRandom(text: string, fileName = 'file.ts'): Finding[] {
  const source = parse(text, fileName);
  const findings: Finding[] = [];
  const calls = new Set(['Date.now', 'Math.random', 'performance.now', 'crypto.randomUUID', 'crypto.getRandomValues']);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source).replace(/\s/g, '').replace(/^globalThis\./, '');
      if (calls.has(callee) || callee === 'Date') findings.push({ line: lineOf(source, node), text: `${callee}()` });
    } else if (ts.isNewExpression(node) && node.expression.getText(source).replace(/^globalThis\./, '') === 'Date' && (node.arguments ?? []).length === 0) {
      // `new Date(ms)` converts a given time and is deterministic; only the clock read is banned.
      findings.push({ line: lineOf(source, node), text: 'new Date()' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}
