import { afterAll, describe, expect, test } from 'vitest';
import { expandDirectives, type ExpandContext } from './directives';
import { makeRepo, removeRepos } from './fixtures/repo';
import { pageForSource } from './links';

afterAll(removeRepos);

const root = makeRepo();

/** Expands `markdown` as if it were the body of chapter 1's lesson, with 7 lines of front matter. */
function expand(markdown: string, errors: string[] = []): string {
  const ctx: ExpandContext = { root, file: 'chapters/01-demo/README.md', lineOffset: 7, page: 'docs/chapters/01-demo.md', pages: pageForSource, errors };
  return expandDirectives(markdown, ctx);
}

describe('include with a region', () => {
  test('substitutes the region as a fenced block in the language of the file', () => {
    const out = expand('before\n<!-- include: solutions/01-demo/counter.ts#step -->\nafter');
    expect(out).toContain('```ts\nif (event.by < 0) {\n');
    expect(out).toContain('return count + event.by;\n```\nafter');
  });

  test('captions the block with a link to the source file and the region name', () => {
    expect(expand('<!-- include: solutions/01-demo/counter.ts#step -->')).toContain(
      'From [`solutions/01-demo/counter.ts`](../../solutions/01-demo/counter.ts) (region `step`):',
    );
  });

  test('strips the markers of nested regions with other names', () => {
    expect(expand('<!-- include: solutions/01-demo/counter.ts#step -->')).not.toContain('#region');
  });

  test('reports a missing region with the lesson file and line', () => {
    const errors: string[] = [];
    expand('one\ntwo\n<!-- include: solutions/01-demo/counter.ts#nope -->', errors);
    expect(errors).toEqual(['chapters/01-demo/README.md:10: include: solutions/01-demo/counter.ts: region "nope" not found']);
  });

  test('reports a missing file with the lesson file and line', () => {
    const errors: string[] = [];
    expand('<!-- include: solutions/01-demo/missing.ts#step -->', errors);
    expect(errors).toEqual(['chapters/01-demo/README.md:8: include: solutions/01-demo/missing.ts: file not found']);
  });

  test('refuses a path that leaves the repository', () => {
    const errors: string[] = [];
    expand('<!-- include: ../outside.ts#x -->', errors);
    expect(errors[0]).toContain('must be a path relative to the repository root');
  });
});

describe('include without a region', () => {
  test('includes the whole file fenced, with a caption naming it', () => {
    const out = expand('<!-- include: katas/01-demo/counter.ts -->');
    expect(out).toContain('From [`katas/01-demo/counter.ts`](../../katas/01-demo/counter.ts):\n\n```ts\nimport');
    expect(out).toContain('function helper(): void {}\n```');
  });
});

describe('include-file', () => {
  test('inlines another Markdown file, with its links re-pointed for the page', () => {
    expect(expand('<!-- include-file: chapters/01-demo/aside.md -->')).toBe('An aside with [a link](../rules/01-demo-admission.md).');
  });

  test('reports an include cycle', () => {
    const cyclic = makeRepo({ 'a.md': '<!-- include-file: b.md -->', 'b.md': '<!-- include-file: a.md -->' });
    const errors: string[] = [];
    expandDirectives('<!-- include-file: a.md -->', { root: cyclic, file: 'lesson.md', lineOffset: 0, page: 'docs/x.md', pages: pageForSource, errors });
    expect(errors).toEqual(['b.md:1: include-file: a.md: include cycle: lesson.md -> a.md -> b.md -> a.md']);
  });
});

describe('diagram', () => {
  test('renders the transition table as a Mermaid state diagram', () => {
    const out = expand('<!-- diagram: core/demo/pod-phase.ts#transitions -->');
    expect(out).toContain('```mermaid\nstateDiagram-v2\n');
    expect(out).toContain('[*] --> s0: pod/created');
  });

  test('reports an export that is not a literal table, with the lesson line', () => {
    const errors: string[] = [];
    expand('<!-- diagram: core/demo/pod-phase.ts#computed -->', errors);
    expect(errors[0]).toMatch(/^chapters\/01-demo\/README\.md:8: diagram: core\/demo\/pod-phase\.ts: export "computed" \(line \d+\) must be an array literal/);
  });
});

describe('invariants', () => {
  test('lists each exported predicate with its TSDoc', () => {
    const out = expand('<!-- invariants: core/demo/pod.invariants.ts -->');
    expect(out).toContain('- `boundPodsHaveNodes`: Every bound pod names a node that exists.');
    expect(out).toContain('- `unboundPodsArePending`: A pod that is not bound yet is Pending.');
  });
});

describe('the rest of the lesson', () => {
  test('leaves directives inside fenced code blocks alone', () => {
    const md = '````md\n<!-- include: not/a/file.ts#x -->\n```\nstill inside\n````';
    const errors: string[] = [];
    expect(expand(md, errors)).toBe(md);
    expect(errors).toEqual([]);
  });

  test('re-points links relative to the chapter folder at the generated pages', () => {
    expect(expand('[rules](rules/admission.rules.yaml) and [next](../02-more/README.md#top)')).toBe(
      '[rules](../rules/01-demo-admission.md) and [next](02-more.md#top)',
    );
  });

  test('keeps links to repository files working from docs/chapters/', () => {
    expect(expand('[stub](../../katas/01-demo/counter.ts) [img](img/a.png)')).toBe('[stub](../../katas/01-demo/counter.ts) [img](../../chapters/01-demo/img/a.png)');
  });

  test('leaves absolute URLs, anchors and code spans alone', () => {
    const md = '[k8s](https://kubernetes.io/) [here](#here) `[x](rules/a.md)`';
    expect(expand(md)).toBe(md);
  });

  test('leaves other HTML comments alone', () => {
    expect(expand('<!-- a note for authors -->')).toBe('<!-- a note for authors -->');
  });
});
