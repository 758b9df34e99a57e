// Generates grammars/attls.tmLanguage.json (scope source.attls) from the statement catalogue, so
// the editor colours exactly the keywords and values the linter knows. `node scripts/gen-grammar.mjs`
// writes the file; `--check` exits 1 when the file differs from what the catalogue gives.
// Needs the language package built (npm run build).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GRAMMAR_PATH = join(ROOT, 'grammars', 'attls.tmLanguage.json');

// The lexical rules of packages/language/src/syntax/scan.ts, in Oniguruma:
// a keyword starts a line or follows a brace; words end at blanks, braces and the line end;
// `#` starts a comment only at the start of a word.
const LINE_START = '(?:^|(?<=[{}]))\\s*';
const WORD_END = '(?![^\\s{}])';
const WORD = '[^\\s{}#][^\\s{}]*';
const LINE_END = '(?=[{}])|$';
const VALUE = '\\G\\s+';

const IPV4 = '\\d{1,3}(?:\\.\\d{1,3}){3}';
const IPV6 = '(?:[0-9A-Fa-f]{0,4}:){2,7}(?:' + IPV4 + '|[0-9A-Fa-f]{1,4})?';
const IP = '(?:' + IPV4 + '|' + IPV6 + ')';
const DATA_SET = "//(?:'[^'\\s{}]*'?|[A-Za-z@#$][^\\s{}]*)";
const PATH = '/(?!/)[^\\s{}]*';

/** An alternation that matches every word case-insensitively, longest first. */
function words(list) {
  const sorted = [...new Set(list)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return '(?i:' + sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')';
}

/** Value patterns, each anchored just after the keyword (\G), by value kind. */
function valuePatterns(kind, values, catalogue) {
  const enumValues = values.length ? [{ match: VALUE + '(' + words(values) + ')' + WORD_END, captures: { 1: { name: 'constant.language.attls' } } }] : [];
  switch (kind) {
    case 'enum':
      return enumValues;
    case 'int':
      return [{ match: VALUE + '(\\d+)' + WORD_END, captures: { 1: { name: 'constant.numeric.attls' } } }];
    case 'name-ref':
      return [{ match: VALUE + '(' + WORD + ')', captures: { 1: { name: 'variable.other.reference.attls' } } }];
    case 'port-spec':
      return [{ include: '#port-spec' }];
    case 'ip-spec':
      return [{ match: VALUE + '((?i:All))' + WORD_END, captures: { 1: { name: 'constant.language.attls' } } }, { include: '#ip-spec' }];
    case 'ip-address':
    case 'ip-prefix':
    case 'ip-range':
      return [{ include: '#ip-spec' }];
    case 'file-ref':
      return [{ include: '#file-ref' }];
    case 'string':
      return [{ include: '#quoted-string' }, { include: '#file-ref' }, { match: VALUE + '(' + WORD + ')', captures: { 1: { name: 'string.unquoted.attls' } } }];
    case 'job-pattern':
      return [{ match: VALUE + '(' + WORD + ')', captures: { 1: { name: 'string.unquoted.jobname.attls' } } }];
    case 'bitmask':
      return [{ match: VALUE + '([01]+)' + WORD_END, captures: { 1: { name: 'constant.numeric.attls' } } }];
    case 'time-spec':
      return [{ match: VALUE + '(\\d[\\d:./-]*)' + WORD_END, captures: { 1: { name: 'constant.numeric.attls' } } }];
    case 'cipher-v2':
      return [
        { match: VALUE + '(' + words(catalogue.CIPHERS_V2.flatMap((c) => [c.name, c.name.replace(/^TLS_/, 'SSL_')])) + ')' + WORD_END, captures: { 1: { name: 'support.constant.cipher.attls' } } },
        { match: VALUE + '([0-9A-Fa-f]+)' + WORD_END, captures: { 1: { name: 'constant.numeric.hex.attls' } } },
      ];
    case 'cipher-v3':
      return [
        { match: VALUE + '(' + words(catalogue.CIPHER_SUITES.map((c) => c.name)) + ')' + WORD_END, captures: { 1: { name: 'support.constant.cipher.attls' } } },
        { match: VALUE + '([0-9A-Fa-f]+)' + WORD_END, captures: { 1: { name: 'constant.numeric.hex.attls' } } },
      ];
    case 'cipher-v3-4char':
    case 'curve-list':
    case 'group-list':
    case 'sigalg-list':
      return [...enumValues, { match: VALUE + '([0-9A-Fa-f]+)' + WORD_END, captures: { 1: { name: 'constant.numeric.hex.attls' } } }];
    case 'inline-block':
      return [];
    default:
      throw new Error(`gen-grammar: no colouring for value kind '${kind}'`);
  }
}

/** One line rule: a keyword at the start of a line, then what may follow it up to the line end. */
function lineRule(keywords, keywordScope, patterns, comment) {
  return {
    comment,
    begin: LINE_START + '(' + words(keywords) + ')' + WORD_END,
    beginCaptures: { 1: { name: keywordScope } },
    end: LINE_END,
    patterns: [...patterns, { include: '#comment' }],
  };
}

/** The grammar as an object. `language` is the @attls/language module (catalogue and tables). */
export function generateGrammar(language) {
  const { catalogue } = language;
  const repository = {};
  const top = [{ include: '#comment' }, { include: '#block' }, { include: '#stray-brace' }];

  // Statements: block statements name what they define; inline blocks (an unnamed
  // TTLSKeyringParms inside an action) use the same keyword, so they get the same colour.
  const blocks = catalogue.statements.filter((s) => s.shape === 'block');
  const blockKeywords = blocks.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
  repository['statement'] = lineRule(blockKeywords, 'keyword.other.statement.attls', [{ include: '#definition-name' }], 'AT-TLS block statements: keyword, then the name it defines');
  top.push({ include: '#statement' });

  // One-line configuration statements (pagent.conf, image files) with positional operands.
  for (const s of catalogue.statements.filter((x) => x.shape === 'line')) {
    const ops = s.operands ?? [];
    const patterns = [];
    if (ops[0] && ops[0].kind === 'string' && s.name === 'TcpImage') {
      // TcpImage names a stack; the image's other statements refer to it by that name.
      patterns.push({ match: VALUE + '(' + WORD + ')', captures: { 1: { name: 'entity.name.type.attls' } } });
    }
    const keywordValues = ops.flatMap((o) => (o.kind === 'keyword' ? o.values ?? [] : []));
    if (keywordValues.length) patterns.push({ match: '(?<=\\s)(' + words(keywordValues) + ')' + WORD_END, captures: { 1: { name: 'constant.language.attls' } } });
    if (ops.some((o) => o.kind === 'file-ref')) patterns.push({ include: '#file-ref-anywhere' });
    if (ops.some((o) => o.kind === 'int')) patterns.push({ match: '(?<=\\s)(\\d+)' + WORD_END, captures: { 1: { name: 'constant.numeric.attls' } } });
    if (s.name === 'Codepage') patterns.push({ match: VALUE + '(' + WORD + ')', captures: { 1: { name: 'string.unquoted.attls' } } });
    const key = 'config-' + s.name;
    repository[key] = lineRule([s.name, ...(s.aliases ?? [])], 'keyword.other.statement.attls', patterns, `${s.name}: ${ops.map((o) => o.name).join(' ')}`);
    top.push({ include: '#' + key });
  }

  // Policy Agent statements of other disciplines: known keywords, not checked.
  const foreignBlocks = catalogue.foreign.filter((f) => f.shape === 'block').map((f) => f.name);
  const foreignLines = catalogue.foreign.filter((f) => f.shape === 'line').map((f) => f.name);
  if (foreignBlocks.length) {
    repository['foreign-statement'] = lineRule(foreignBlocks, 'keyword.other.statement.foreign.attls', [{ include: '#definition-name' }], 'Policy Agent block statements of other disciplines (IPSec, QoS, ...)');
    top.push({ include: '#foreign-statement' });
  }
  if (foreignLines.length) {
    repository['foreign-config'] = lineRule(foreignLines, 'keyword.other.statement.foreign.attls', [{ include: '#file-ref-anywhere' }], 'Policy Agent configuration statements of other disciplines');
    top.push({ include: '#foreign-config' });
  }

  // Parameters, grouped by how their value is coloured: same kind and same enum values.
  const statementNames = new Set(catalogue.statements.flatMap((s) => [s.name, ...(s.aliases ?? [])]).map((n) => n.toLowerCase()));
  const groups = new Map();
  for (const s of catalogue.statements) {
    for (const p of s.parameters) {
      if (statementNames.has(p.name.toLowerCase())) continue; // coloured as a statement (inline block)
      const values = (p.values ?? []).map((v) => v.value);
      const sig = p.kind + ':' + [...values].sort().join('|');
      let g = groups.get(sig);
      if (!g) groups.set(sig, (g = { kind: p.kind, values, names: new Set() }));
      g.names.add(p.name);
    }
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const seq = new Map();
  for (const [, g] of sorted) {
    const n = (seq.get(g.kind) ?? 0) + 1;
    seq.set(g.kind, n);
    const key = 'param-' + g.kind + (n > 1 || sorted.filter(([, h]) => h.kind === g.kind).length > 1 ? '-' + n : '');
    const scope = g.kind === 'name-ref' ? 'keyword.other.reference.attls' : 'keyword.other.parameter.attls';
    const comment = g.kind === 'enum' ? `enum parameters whose values are ${g.values.join(', ')}` : `${g.kind} parameters`;
    repository[key] = lineRule([...g.names], scope, valuePatterns(g.kind, g.values, language), comment);
    top.push({ include: '#' + key });
  }

  // Anything else at the start of a line is a keyword the catalogue does not know: it and its
  // values stay uncoloured, so a misspelt keyword stands out against the known ones.
  repository['unknown'] = {
    comment: 'A keyword the catalogue does not know, and its values',
    begin: LINE_START + '(' + WORD + ')',
    beginCaptures: { 1: { name: 'meta.keyword.unknown.attls' } },
    end: LINE_END,
    patterns: [{ include: '#comment' }],
  };
  top.push({ include: '#unknown' });

  Object.assign(repository, {
    comment: {
      match: '(?:^|(?<=[\\s{}]))(#).*$',
      name: 'comment.line.number-sign.attls',
      captures: { 1: { name: 'punctuation.definition.comment.attls' } },
    },
    block: {
      begin: '\\{',
      beginCaptures: { 0: { name: 'punctuation.section.block.begin.attls' } },
      end: '\\}',
      endCaptures: { 0: { name: 'punctuation.section.block.end.attls' } },
      name: 'meta.block.attls',
      patterns: [{ include: '$self' }],
    },
    'stray-brace': { match: '\\}', name: 'invalid.illegal.brace.attls' },
    'definition-name': {
      patterns: [
        { match: VALUE + '("[^"]*")', captures: { 1: { name: 'entity.name.type.attls' } } },
        { match: VALUE + '(' + WORD + ')', captures: { 1: { name: 'entity.name.type.attls' } } },
      ],
    },
    'quoted-string': {
      match: VALUE + '(")([^"]*)(")',
      captures: {
        1: { name: 'string.quoted.double.attls punctuation.definition.string.begin.attls' },
        2: { name: 'string.quoted.double.attls' },
        3: { name: 'string.quoted.double.attls punctuation.definition.string.end.attls' },
      },
    },
    'file-ref': {
      patterns: [
        { match: VALUE + '(' + DATA_SET + ')', captures: { 1: { name: 'string.unquoted.dataset.attls' } } },
        { match: VALUE + '(' + PATH + ')', captures: { 1: { name: 'string.unquoted.path.attls' } } },
      ],
    },
    'file-ref-anywhere': {
      patterns: [
        { match: '(?<=\\s)(' + DATA_SET + ')', captures: { 1: { name: 'string.unquoted.dataset.attls' } } },
        { match: '(?<=\\s)(' + PATH + ')', captures: { 1: { name: 'string.unquoted.path.attls' } } },
      ],
    },
    'port-spec': {
      match: VALUE + '(\\d+)(?:(?:\\s*([-:])\\s*|\\s+)(\\d+))?' + WORD_END,
      captures: {
        1: { name: 'constant.numeric.port.attls' },
        2: { name: 'punctuation.separator.range.attls' },
        3: { name: 'constant.numeric.port.attls' },
      },
    },
    'ip-spec': {
      match: VALUE + '(' + IP + '(?:/\\d{1,3})?)(?:(-)(' + IP + '))?' + WORD_END,
      captures: {
        1: { name: 'constant.numeric.ip.attls' },
        2: { name: 'punctuation.separator.range.attls' },
        3: { name: 'constant.numeric.ip.attls' },
      },
    },
  });

  return {
    information_for_contributors: [
      'Generated by scripts/gen-grammar.mjs from the statement catalogue in packages/language; do not edit by hand.',
      'Run `npm run build && node scripts/gen-grammar.mjs` after changing the catalogue.',
    ],
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'AT-TLS policy',
    scopeName: 'source.attls',
    patterns: top,
    repository,
  };
}

export function grammarText(language) {
  return JSON.stringify(generateGrammar(language), null, 2) + '\n';
}

async function main() {
  const language = await import(pathToFileURL(join(ROOT, 'packages/language/out/index.js')).href);
  const text = grammarText(language);
  if (process.argv.includes('--check')) {
    let old = '';
    try {
      old = readFileSync(GRAMMAR_PATH, 'utf8');
    } catch {}
    if (old !== text) {
      console.error('grammars/attls.tmLanguage.json is out of date: run node scripts/gen-grammar.mjs');
      process.exit(1);
    }
    return;
  }
  writeFileSync(GRAMMAR_PATH, text);
  console.log(`wrote ${GRAMMAR_PATH}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
