// Reads the rule documentation pages (docs/rules/<id>.md) in their fixed format.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

export interface DocPage {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly summary: string;
  readonly category: string;
  readonly severity: string;
  readonly fix: string;
  readonly sections: ReadonlyMap<string, string>;
  readonly avoid: readonly string[];
  readonly prefer: readonly string[];
  /** `json` examples of configuration files (the page of config-error shows those). */
  readonly avoidJson: readonly string[];
  readonly preferJson: readonly string[];
  /** A `.attlslintrc.json` in the Options section fenced as ```json examples: the examples are linted with it. */
  readonly config?: string;
}

export const DOCS_DIR = join(repoRoot, 'docs', 'rules');

function blocks(section: string | undefined, lang = 'attls'): string[] {
  if (!section) return [];
  const out: string[] = [];
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(section)) !== null) out.push(m[1]!);
  return out;
}

export function readDoc(file: string): DocPage {
  const text = readFileSync(join(DOCS_DIR, file), 'utf8').replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  const title = (lines[0] ?? '').replace(/^#\s+/, '').trim();
  let i = 1;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const summary = (lines[i] ?? '').trim();
  const tableAt = lines.findIndex((l) => /^\|\s*Category\s*\|/.test(l));
  const row = tableAt >= 0 ? (lines[tableAt + 2] ?? '') : '';
  const cells = row.split('|').slice(1, -1).map((c) => c.trim());
  const sections = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    sections.set(p.slice(0, nl).trim(), p.slice(nl + 1));
  }
  return {
    id: file.replace(/\.md$/, ''),
    file,
    title,
    summary,
    category: cells[0] ?? '',
    severity: cells[1] ?? '',
    fix: cells[2] ?? '',
    sections,
    avoid: blocks(sections.get('Avoid')),
    prefer: blocks(sections.get('Prefer')),
    avoidJson: blocks(sections.get('Avoid'), 'json'),
    preferJson: blocks(sections.get('Prefer'), 'json'),
    config: blocks(sections.get('Options'), 'json examples')[0],
  };
}

export function docFiles(): string[] {
  return readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md')).sort();
}
