// Which files are AT-TLS policies or Policy Agent configuration files: by name, and by content for
// files without an extension (members copied from a data set), also behind a block of comments.
// The CLI's folder walk, the language server's workspace scan and the VS Code extension all ask here.
import type { Span } from '../text.js';

/** Names of policy and Policy Agent configuration files (as `attls lint` looks for them in a folder). */
const POLICY_NAME = /\.(ttls|attls|pagent|policy)$|^pagent.*\.conf$|\.conf$/i;

/** Statement keywords that open a policy or a Policy Agent configuration file. */
const OPENING = /^(?:TTLS[A-Za-z]+|CommonTTLSConfig|TcpImage|PEPInstance|IpAddrGroup|IpAddrSet|IpAddr|PortRange|PortGroup|IpTimeCondition|LogLevel|CodePage)$/i;

/** Keywords that also begin other formats: what follows them must fit too. */
const AMBIGUOUS = /^(LogLevel|CodePage)$/i;

/** How many lines content detection reads before giving up. */
const MAX_LINES = 200;

/**
 * What a folder walk does with a file, by its name: `policy` (read it), `content` (no extension:
 * read it and ask looksLikePolicy or isEnvironmentText), `other` (leave it).
 */
export function fileNameKind(name: string): 'policy' | 'content' | 'other' {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  if (POLICY_NAME.test(base)) return 'policy';
  return base.includes('.') ? 'other' : 'content';
}

/**
 * True when the first line that is neither blank nor a `#` comment starts with an AT-TLS or Policy
 * Agent statement keyword (LogLevel and CodePage followed by exactly one operand).
 */
export function looksLikePolicy(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/, MAX_LINES);
  for (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const first = /^[^\s{}#]+/.exec(line)?.[0] ?? '';
    if (!OPENING.test(first)) return false;
    if (AMBIGUOUS.test(first)) return /^\S+\s+\S+\s*(#.*)?$/.test(line);
    return true;
  }
  return false;
}

/** The PAGENT_CONFIG_FILE setting of a Policy Agent environment file (STDENV), where it names the main configuration. */
export interface EnvironmentConfigFile {
  /** The value as written: `//'USER.TCPPARMS(PAGENTCF)'` or `/etc/pagent.conf`. */
  readonly value: string;
  /** Where the value is in the text. */
  readonly span: Span;
}

const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/**
 * The main configuration file a Policy Agent environment file names (the member the STDENV DD of
 * the PAGENT procedure points at): the last `PAGENT_CONFIG_FILE=` line, or undefined when the text
 * is not an environment file (every line that is neither blank nor a `#` comment is NAME=value,
 * one of them PAGENT_CONFIG_FILE).
 */
export function environmentConfigFile(text: string): EnvironmentConfigFile | undefined {
  let found: EnvironmentConfigFile | undefined;
  let offset = 0;
  let count = 0;
  const parts = text.split(/(\r\n|\r|\n)/);
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i]!.replace(/^\uFEFF/, '');
    const at = offset + (parts[i]!.length - line.length);
    offset += parts[i]!.length + (parts[i + 1]?.length ?? 0);
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = ENV_LINE.exec(line);
    if (!m) return undefined;
    if (++count > 10_000) return undefined;
    if (m[1] !== 'PAGENT_CONFIG_FILE') continue;
    const raw = m[2]!;
    const value = raw.trim().replace(/^"(.*)"$/, '$1');
    const start = at + line.length - raw.length + raw.indexOf(value);
    found = { value, span: { start, end: start + value.length } };
  }
  return found;
}

/** True when a text is a Policy Agent environment file that names the main configuration. */
export function isEnvironmentText(text: string): boolean {
  return /PAGENT_CONFIG_FILE=/.test(text) && environmentConfigFile(text) !== undefined;
}
