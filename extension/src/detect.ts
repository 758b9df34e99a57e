// Recognises an AT-TLS policy by its content, for files VS Code cannot place by name: members
// copied or opened from a z/OS data set (TTLSPOL, PAGENT) usually have no extension, and often
// start with a block of # comments that VS Code's one-line `firstLine` test cannot see past.

/** Statement keywords that open a policy or a Policy Agent configuration file. */
const OPENING = /^(?:TTLS[A-Za-z]+|CommonTTLSConfig|TcpImage|PEPInstance|IpAddrGroup|IpAddrSet|IpAddr|PortRange|PortGroup|IpTimeCondition|LogLevel|CodePage)$/i;

/** How many lines to read before giving up. */
const MAX_LINES = 200;

/**
 * True when the first line that is neither blank nor a `#` comment starts with an AT-TLS or
 * Policy Agent statement keyword followed by a name, a brace or an operand.
 */
export function looksLikePolicy(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/, MAX_LINES);
  for (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const first = /^[^\s{}#]+/.exec(line)?.[0] ?? '';
    if (!OPENING.test(first)) return false;
    // LogLevel and friends also begin other formats: ask for what follows them to fit too.
    if (/^(LogLevel|CodePage)$/i.test(first)) return /^\S+\s+\S+\s*(#.*)?$/.test(line);
    return true;
  }
  return false;
}
