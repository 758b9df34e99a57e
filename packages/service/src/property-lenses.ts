// Code lenses on the properties of an `attls test` case file: "holds", or "fails: <a connection
// that breaks it>" whose command opens the match panel on that connection. Pure: the caller gives
// the case file's text and the texts of the policy files it names.
import { answerJson, checkProperty, compilePolicy, connectionFields, describeConnection, explainMatch, readCaseFile, ruleLabel, type CompiledPolicy } from '@attls/evaluate';
import { buildModel, LineIndex, parse, TARGET_RELEASES, type TargetRelease } from '@attls/language';
import type * as lsp from 'vscode-languageserver-types';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';

/**
 * The command of a failing property's lens: the editor's "Which rule matches a connection"
 * command, given `{ policy, connection, answer }` -- the policy file's URI, the counterexample as
 * `attls match` fields, and the answer `attls/match` would give -- so that it shows the answer
 * instead of asking for a connection.
 */
export const MATCH_CONNECTION_COMMAND = 'attls.matchConnection';

/** The argument of MATCH_CONNECTION_COMMAND. */
export interface MatchConnectionArgument {
  readonly policy: string;
  readonly connection: Readonly<Record<string, string | number>>;
  readonly answer: unknown;
}

const TITLE_MAX = 160;

function readYaml(text: string): Document | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  return doc.errors.length > 0 ? undefined : doc;
}

/**
 * The policy files a case file names (`policy:`), as URIs resolved against the case file's URI;
 * undefined when the text is not a readable case file that names one.
 */
export function caseFilePolicyUris(caseUri: string, text: string): string[] | undefined {
  const doc = readYaml(text);
  const p: unknown = doc?.toJS();
  const names = p && typeof p === 'object' ? (p as Record<string, unknown>)['policy'] : undefined;
  const list = typeof names === 'string' ? [names] : Array.isArray(names) && names.every((n) => typeof n === 'string') ? (names as string[]) : undefined;
  if (!list || list.length === 0) return undefined;
  try {
    return list.map((n) => new URL(n.replace(/\\/g, '/'), caseUri).href);
  } catch {
    return undefined;
  }
}

let last: { key: string; policy: CompiledPolicy } | undefined;

/** The compiled policy of the files, kept while their texts and the release stay the same. */
function policyOf(files: readonly { uri: string; text: string }[], release: TargetRelease | undefined): CompiledPolicy {
  const key = JSON.stringify([release ?? null, files.map((f) => [f.uri, f.text])]);
  if (last?.key !== key) last = { key, policy: compilePolicy(buildModel(files.map((f) => ({ uri: f.uri, parse: parse(f.text) })), { targetRelease: release })) };
  return last.policy;
}

const shorten = (t: string): string => (t.length > TITLE_MAX ? `${t.slice(0, TITLE_MAX - 3)}...` : t);

/**
 * Lenses for a case file: one per property, on its `name` (or its entry), and one at the top when
 * the file or its policy cannot be used. `policies` maps each URI of caseFilePolicyUris to the
 * file's text, or to undefined when it could not be read.
 */
export function getPropertyLenses(caseUri: string, text: string, policies: ReadonlyMap<string, string | undefined>, release?: TargetRelease): lsp.CodeLens[] {
  const lines = new LineIndex(text);
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const note = (title: string): lsp.CodeLens[] => [{ range: top, command: { title: shorten(title), command: '' } }];
  const doc = readYaml(text);
  if (!doc) return [];
  const seq = doc.get('properties', true);
  if (!isSeq(seq) || seq.items.length === 0) return [];
  const { file, problems } = readCaseFile(doc.toJS());
  if (!file) return note(`attls test cannot use this file: ${problems[0] ?? 'unknown problem'}`);
  const uris = caseFilePolicyUris(caseUri, text);
  if (!uris) return note('attls test: the file names no policy (policy: file.ttls)');
  const missing = uris.filter((u) => policies.get(u) === undefined);
  if (missing.length > 0) return note(`attls test cannot read ${missing.map((u) => decodeURIComponent(u.slice(u.lastIndexOf('/') + 1))).join(', ')}`);
  const wanted = file.targetRelease as TargetRelease | undefined;
  const policy = policyOf(
    uris.map((u) => ({ uri: u, text: policies.get(u)! })),
    wanted && (TARGET_RELEASES as readonly string[]).includes(wanted) ? wanted : release,
  );
  const out: lsp.CodeLens[] = [];
  file.properties.forEach((property, i) => {
    const item = seq.items[i];
    const node = isMap(item) ? (item.get('name', true) ?? item) : item;
    const span = (node as { range?: [number, number, number] } | undefined)?.range;
    const range = span ? (lines.rangeOf({ start: span[0], end: span[1] }) as lsp.Range) : top;
    const r = checkProperty(policy, property);
    if (r.passed) {
      out.push({ range, command: { title: `holds (every connection: ${r.regions} region${r.regions === 1 ? '' : 's'} checked)`, command: '' } });
      return;
    }
    const c = r.counterexample;
    if (!c) {
      out.push({ range, command: { title: shorten(`undecided: ${r.undecided ?? 'no answer'}`), command: '' } });
      return;
    }
    const got = c.rule ? `gets ${ruleLabel(c.rule)}: ` : '';
    const argument: MatchConnectionArgument = {
      policy: uris[uris.length - 1]!,
      connection: connectionFields(c.connection),
      answer: answerJson(explainMatch(policy, c.connection)),
    };
    out.push({ range, command: { title: shorten(`fails: ${describeConnection(c.connection)}: ${got}${c.reason}`), command: MATCH_CONNECTION_COMMAND, arguments: [argument] } });
  });
  return out;
}
