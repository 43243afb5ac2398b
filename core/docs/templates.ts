/**
 * The static text of the index, the kata list and the instructor guide lives in
 * `core/docs/templates/*.md`, so prose is edited as Markdown. A template marks where generated
 * content goes with a line `<!-- generated: <slot> -->`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the templates (beside this file, whatever the repository root). */
export const templateDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

const SLOT = /^<!--\s*generated:\s*([\w-]+)\s*-->$/;

/** Fills the slots of template `name`; a slot without content, or content without a slot, throws. */
export function fillTemplate(name: string, slots: Record<string, string>): string {
  const file = `core/docs/templates/${name}`;
  const source = fs.readFileSync(path.join(templateDir, name), 'utf8').replace(/\r\n?/g, '\n');
  const used = new Set<string>();
  const out = source.split('\n').map((line, i) => {
    const slot = SLOT.exec(line.trim())?.[1];
    if (slot === undefined) return line;
    const content = slots[slot];
    if (content === undefined) throw new Error(`${file}:${i + 1}: unknown slot "${slot}": known slots are ${Object.keys(slots).join(', ')}`);
    used.add(slot);
    return content;
  });
  const unused = Object.keys(slots).filter((s) => !used.has(s));
  if (unused.length > 0) throw new Error(`${file}: missing slot line(s) for ${unused.map((s) => `<!-- generated: ${s} -->`).join(', ')}`);
  return out.join('\n');
}
