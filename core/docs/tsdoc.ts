/**
 * Reads a TypeScript file's exports and their TSDoc with the TypeScript compiler's parser.
 * Only the syntax tree is used (no type checking, no execution), so reading a stub is fast and
 * cannot fail because some other file does not compile yet.
 */
import ts from 'typescript';

/** One exported name and what its doc comment says. */
export type ExportDoc = {
  name: string;
  kind: 'function' | 'const' | 'type' | 'interface' | 'class' | 'enum' | 're-export';
  /** A one-line signature for a reader, e.g. `parseQuantity(input: string): Quantity`. */
  signature: string;
  /** The doc comment rendered as Markdown; empty when the export has none. */
  doc: string;
  /** 1-based line of the declaration. */
  line: number;
};

/** Parses `text` as the file `fileName` (the name only picks TS or TSX syntax). */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/** The exports of a source file in source order, each with its rendered TSDoc. */
export function exportDocs(fileName: string, text: string): ExportDoc[] {
  const sf = parseSource(fileName, text);
  const out: ExportDoc[] = [];
  const add = (d: ExportDoc) => {
    const earlier = out.find((o) => o.name === d.name);
    // Overloads: keep the first declaration, but take a doc comment from any of them.
    if (earlier) earlier.doc ||= d.doc;
    else out.push(d);
  };
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const flat = (n: ts.Node | undefined) => (n ? n.getText(sf).replace(/\s+/g, ' ').trim() : '');
  const typeParams = (n: { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }) =>
    n.typeParameters ? `<${n.typeParameters.map(flat).join(', ')}>` : '';
  const callSignature = (name: string, fn: ts.SignatureDeclarationBase) =>
    `${name}${typeParams(fn)}(${fn.parameters.map(flat).join(', ')})${fn.type ? `: ${flat(fn.type)}` : ''}`;

  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const doc = renderDoc(docComment(sf, st));
    if (exported && ts.isFunctionDeclaration(st) && st.name) {
      add({ name: st.name.text, kind: 'function', signature: callSignature(st.name.text, st), doc, line: line(st) });
    } else if (exported && ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name)) continue;
        const name = decl.name.text;
        const init = decl.initializer;
        const signature =
          init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && !decl.type
            ? callSignature(name, init)
            : decl.type
              ? `${name}: ${flat(decl.type)}`
              : name;
        add({ name, kind: 'const', signature, doc, line: line(decl) });
      }
    } else if (exported && ts.isTypeAliasDeclaration(st)) {
      add({ name: st.name.text, kind: 'type', signature: `type ${st.name.text}${typeParams(st)}`, doc, line: line(st) });
    } else if (exported && ts.isInterfaceDeclaration(st)) {
      add({ name: st.name.text, kind: 'interface', signature: `interface ${st.name.text}${typeParams(st)}`, doc, line: line(st) });
    } else if (exported && ts.isClassDeclaration(st) && st.name) {
      add({ name: st.name.text, kind: 'class', signature: `class ${st.name.text}${typeParams(st)}`, doc, line: line(st) });
    } else if (exported && ts.isEnumDeclaration(st)) {
      add({ name: st.name.text, kind: 'enum', signature: `enum ${st.name.text}`, doc, line: line(st) });
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      for (const el of st.exportClause.elements) {
        const signature = from ? `${el.name.text} (from ${from})` : el.name.text;
        add({ name: el.name.text, kind: 're-export', signature, doc, line: line(el) });
      }
    }
  }
  return out;
}

/** The text of the `/** ... *\/` comment right before `node`, without the stars. */
export function docComment(sf: ts.SourceFile, node: ts.Node): string {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => sf.text.startsWith('/**', r.pos) && sf.text[r.pos + 3] !== '/').pop();
  if (!last) return '';
  const raw = sf.text.slice(last.pos + 3, last.end - 2);
  const lines = raw.split('\n').map((l) => l.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** TSDoc as Markdown: the description, then `@param`, `@returns` and other tags as a list. */
export function renderDoc(comment: string): string {
  if (comment === '') return '';
  const inlineLinks = (s: string) =>
    s.replace(/\{@(?:link|linkcode|linkplain)\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g, (_, target: string, label: string) =>
      label.trim() !== '' ? label.trim() : `\`${target}\``,
    );
  const parts = comment.split(/\n(?=@\w)/);
  const description = inlineLinks(parts[0]?.startsWith('@') ? '' : (parts.shift() ?? '')).trim();
  const tags = parts.map((p) => {
    const m = /^@(\w+)\s*([\s\S]*)$/.exec(p);
    const tag = m?.[1] ?? '';
    const body = inlineLinks(m?.[2] ?? '').trim();
    if (tag === 'param') {
      const pm = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(body);
      return `- \`${pm?.[1] ?? ''}\`: ${pm?.[2] ?? ''}`.trimEnd();
    }
    if (tag === 'returns' || tag === 'return') return `- Returns ${body}`;
    if (tag === 'example') return `- Example:\n\n${body.replace(/^/gm, '  ')}`;
    return `- *${tag}* ${body}`.trimEnd();
  });
  return [description, tags.join('\n')].filter((s) => s !== '').join('\n\n');
}
