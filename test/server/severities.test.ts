// Severities as an editor receives them over LSP: style is a Hint (no squiggle), a weak protocol
// that is On only by default a Warning, what Policy Agent ignores or a weak protocol coded On an
// Error; and the user's settings raise or lower any of them, hints included.
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TestClient } from '../support/lsp-client.js';
import { markers } from '../support/markers.js';

const URI = 'file:///ws/severities.ttls';

// Marked, in order: an unknown parameter, the block that leaves TLSv1 to its default (On up to
// z/OS 3.1), SSLv3 coded On, a keyword in lower case.
const SOURCE = `TTLSRule                      SrvRule
{
  LocalPortRange              4000
  Direction                   Inbound
  Priority                    100
  TTLSGroupActionRef          SecureGroup
  TTLSEnvironmentActionRef    ServerEnv
}
TTLSGroupAction               SecureGroup
{
  TTLSEnabled                 On
  <|TraceLevel|>                  2
}
TTLSEnvironmentAction         ServerEnv
{
  HandshakeRole               Server
  TTLSKeyringParms
  {
    Keyring                   TCPIP/SrvRing
  }
  <|TTLSEnvironmentAdvancedParms|>
  {
    SSLv3                     <|On|>
    <|tlsv1.1|>                   Off
    TLSv1.2                   On
  }
}
`;

/** LSP DiagnosticSeverity. */
const ERROR = 1;
const WARNING = 2;
const HINT = 4;

describe('language server: severities over LSP', function () {
  this.timeout(20000);
  const m = markers(SOURCE);
  const [unknown, byDefault, coded, lowerCase] = m.ranges.sort((a, b) => a.start - b.start);
  let client: TestClient;

  /** Line and column of a marked range's start, as the server reports it. */
  const startOf = (r: { start: number }): string => {
    const before = m.text.slice(0, r.start);
    return `${before.split('\n').length - 1}:${r.start - before.lastIndexOf('\n') - 1}`;
  };
  const at = (diagnostics: readonly Diagnostic[], code: string, r: { start: number }): Diagnostic => {
    const d = diagnostics.find((x) => x.code === code && `${x.range.start.line}:${x.range.start.character}` === startOf(r));
    assert.ok(d, `${code} at ${startOf(r)} among ${diagnostics.map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}`).join(', ')}`);
    return d;
  };

  beforeEach(async () => {
    client = TestClient.inProcess();
  });
  afterEach(async () => {
    assert.deepEqual(client.errors(), [], 'the server logged no error');
    await client.dispose();
  });

  it('sends style as Hint, a protocol On by default as Warning, an unknown parameter and a protocol coded On as Error', async () => {
    await client.initialize();
    await client.open(URI, m.text, 1);
    const { diagnostics } = await client.diagnosticsFor(URI, 1);
    assert.equal(at(diagnostics, 'keyword-case', lowerCase!).severity, HINT);
    const tlsv1 = at(diagnostics, 'weak-protocol', byDefault!);
    assert.match(String(tlsv1.message), /^TLSv1 is not coded, so it is On by default/);
    assert.equal(tlsv1.severity, WARNING);
    assert.equal(at(diagnostics, 'weak-protocol', coded!).severity, ERROR);
    assert.equal(at(diagnostics, 'unknown-parameter', unknown!).severity, ERROR);
  });

  it('lets settings raise a hint and a by-default warning, and lower an error to a hint', async () => {
    await client.initialize({ settings: { rules: { 'keyword-case': 'warning', 'weak-protocol': 'error', 'unknown-parameter': 'hint' } } });
    await client.open(URI, m.text, 1);
    const { diagnostics } = await client.diagnosticsFor(URI, 1);
    assert.equal(at(diagnostics, 'keyword-case', lowerCase!).severity, WARNING);
    // A configured severity applies to every finding of the rule, the by-default ones included.
    assert.equal(at(diagnostics, 'weak-protocol', byDefault!).severity, ERROR);
    assert.equal(at(diagnostics, 'unknown-parameter', unknown!).severity, HINT);
  });
});
