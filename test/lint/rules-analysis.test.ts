// Rule tables: the rules built on the shadow analysis (shadowed-rule, rule-overlap, order-by-name):
// what an annotated fixture cannot say -- the data of their messages and the Priority their
// suggestions pick. Codes, ranges, severities and message ids of these cases, and the clean cases,
// are in test/fixtures/rules/<id>/ (test/lint/rule-fixtures.test.ts).
import assert from 'node:assert/strict';
import { lintText, type LintResult } from '@attls/lint';
import { after } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

/** A TTLSRule with condition lines, secured (gOn with eAny or another environment) or not (gOff). */
function rule(name: string, lines: readonly string[], group = 'gOn', env = 'eAny'): string {
  const refs = group === 'gOn' ? [`TTLSGroupActionRef ${group}`, `TTLSEnvironmentActionRef ${env}`] : [`TTLSGroupActionRef ${group}`];
  return [`TTLSRule ${name}`, '{', ...[...lines, ...refs].map((l) => `  ${l}`), '}', ''].join('\n');
}

const env = (name: string) => `TTLSEnvironmentAction ${name}\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring TCPIP/Ring\n  }\n}\n`;
const ACTIONS = `TTLSGroupAction gOn\n{\n  TTLSEnabled On\n}\nTTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\n${env('eAny')}${env('eOther')}`;
const policy = (...rules: string[]) => rules.join('') + ACTIONS;
/** The expected finding on a rule's name. */
const on = (text: string, name: string, messageId: string, extra = {}) => after(text, 'TTLSRule ', name, messageId, 1, extra);

{
  const one = policy(rule('Wide', ['RemotePortRange 9000-9010', 'Direction Outbound', 'Priority 200'], 'gOff'), rule('Inside', ['RemotePortRange 9005', 'Jobname MONAGT*', 'Direction Outbound', 'Priority 100']));
  const together = policy(
    rule('LowPorts', ['LocalPortRange 1-499', 'Direction Both', 'Priority 30']),
    rule('HighPorts', ['LocalPortRange 500-65535', 'Direction Inbound', 'Priority 20']),
    rule('OutHigh', ['LocalPortRange 400-65535', 'Direction Outbound', 'Priority 15']),
    rule('Everything', ['Jobname *', 'Direction Both', 'Priority 10']),
  );
  const byName = policy(rule('Xray', ['LocalPortRange 1', 'Direction Inbound']), rule('Yank', ['LocalPortRange 1', 'Direction Inbound']));
  const never = policy(rule('Mixed', ['LocalAddr 10.0.0.1', 'RemoteAddr 2001:db8::1', 'Direction Both']));
  ruleTester('shadowed-rule', {
    valid: [],
    invalid: [
      { code: one, errors: [on(one, 'Inside', 'shadowed', { data: { blockers: ['Wide'] }, suggestions: ['Give Inside Priority 201 so that it is tried first', 'Remove rule Inside'] })] },
      { code: together, name: 'three rules together', errors: [on(together, 'Everything', 'shadowedTogether', { data: { blockers: ['LowPorts', 'HighPorts', 'OutHigh'] } })] },
      { code: byName, name: 'same conditions, no Priority: the later name is never reached', errors: [on(byName, 'Yank', 'byName', { suggestions: ['Give Yank Priority 2 so that it is tried first', 'Remove rule Yank'] })] },
      { code: never, name: 'local and remote addresses of different families', errors: [on(never, 'Mixed', 'never', { suggestions: ['Remove rule Mixed'] })] },
    ],
  });
}

{
  const exempted = policy(
    rule('Broad', ['RemoteAddr 192.0.2.0/24', 'Direction Outbound', 'Priority 100']),
    rule('ClearOld', ['RemoteAddr 192.0.2.0/25', 'RemotePortRange 7000-7999', 'Direction Outbound', 'Priority 200'], 'gOff'),
  );
  const other = policy(rule('Broad', ['LocalPortRange 4000-4099', 'Direction Inbound', 'Priority 100']), rule('Special', ['LocalPortRange 4050', 'Direction Inbound', 'Priority 200'], 'gOn', 'eOther'));
  ruleTester('rule-overlap', {
    valid: [],
    invalid: [
      { code: exempted, name: 'a rule ahead leaves part of the connections in the clear', errors: [on(exempted, 'Broad', 'exempted', { data: { takers: ['ClearOld'] }, suggestions: ['Give Broad Priority 201 so that it takes these connections'] })] },
      { code: other, name: 'a rule ahead secures part of them with another environment', errors: [on(other, 'Broad', 'differentActions', { data: { takers: ['Special'] } })] },
    ],
  });
}

// Rules of one shared priority that overlap: AppA and AppB at 100 overlap on port 4000 for START1.
const appA = (p = 100) => rule('AppA', ['LocalPortRange 4000', 'Direction Inbound', `Priority ${p}`]);
const appB = (p = 100) => rule('AppB', ['Userid START1', 'Direction Inbound', `Priority ${p}`], 'gOn', 'eOther');
// At 101, overlapping both of them (but covering neither).
const above = rule('Cjob', ['LocalPortRange 4000', 'Jobname CJOB*', 'Direction Inbound', 'Priority 101']);
// At 101, overlapping AppA only (another user).
const aboveA = rule('Cusr', ['LocalPortRange 4000', 'Userid OTHER', 'Direction Inbound', 'Priority 101']);
// At 99, overlapping both.
const below = rule('Djob', ['Jobname DJOB*', 'Direction Inbound', 'Priority 99']);

const tiePlain = policy(appA(), appB());
const tieAbove = policy(above, appA(), appB());
const tieAboveA = policy(aboveA, appA(), appB());
const tieBoth = policy(above, appA(), appB(), below);
const noPriority = policy(rule('AppPort4000', ['LocalPortRange 4000', 'Direction Inbound']), rule('AppStart1', ['Userid START1', 'Direction Inbound']));
const one = policy(rule('Zed', ['LocalPortRange 4000', 'Direction Inbound', 'Priority 1']), rule('Able', ['Userid START1', 'Direction Inbound']));

ruleTester('order-by-name', {
  valid: [],
  invalid: [
    { code: tiePlain, errors: [on(tiePlain, 'AppB', 'equalPriority', { data: { first: 'AppA' }, suggestions: ['Keep AppA first: give it Priority 101', 'Try AppB first: give it Priority 101'] })] },
    {
      code: tieAbove,
      name: 'Priority 101 is taken by a rule that overlaps both: lower the other one instead',
      errors: [on(tieAbove, 'AppB', 'equalPriority', { data: { first: 'AppA', noFit: '' }, suggestions: ['Keep AppA first: give AppB Priority 99', 'Try AppB first: give AppA Priority 99'] })],
    },
    {
      code: tieAboveA,
      name: 'Priority 101 is taken by a rule that overlaps AppA only',
      errors: [on(tieAboveA, 'AppB', 'equalPriority', { suggestions: ['Keep AppA first: give AppB Priority 99', 'Try AppB first: give it Priority 101'] })],
    },
    {
      code: tieBoth,
      name: 'no Priority next to 100 fits: the message says why and nothing is suggested',
      errors: [
        on(tieBoth, 'AppB', 'equalPriority', {
          suggestions: [],
          data: {
            noFit:
              ' No single Priority change puts AppA first without a new tie: Priority 101 for AppA would tie it with Cjob, which it also overlaps; and Priority 99 for AppB would tie it with Djob, which it also overlaps.' +
              ' No single Priority change puts AppB first without a new tie: Priority 101 for AppB would tie it with Cjob, which it also overlaps; and Priority 99 for AppA would tie it with Djob, which it also overlaps.',
          },
        }),
      ],
    },
    {
      code: noPriority,
      name: 'neither has a Priority: both count as 1, so name order decides and 2 settles it',
      errors: [on(noPriority, 'AppStart1', 'equalPriority', { data: { first: 'AppPort4000', priorities: 'neither codes a Priority, so both count as Priority 1' }, suggestions: ['Keep AppPort4000 first: give it Priority 2', 'Try AppStart1 first: give it Priority 2'] })],
    },
    {
      code: one,
      name: 'Priority 1 tied with no Priority: the missing one counts as 1, and name order puts Able first',
      errors: [on(one, 'Zed', 'equalPriority', { data: { first: 'Able', priorities: 'both count as Priority 1 (Able codes none)' }, suggestions: ['Keep Able first: give it Priority 2', 'Try Zed first: give it Priority 2'] })],
    },
  ],
});

describe('order-by-name: its suggestions settle the order without a new tie', () => {
  const findings = (text: string, code = 'order-by-name'): LintResult['diagnostics'] => lintText('p.ttls', text).diagnostics.filter((d) => d.code === code);
  const apply = (text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string =>
    [...edits].sort((x, y) => y.span.start - x.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);

  for (const [name, text] of [
    ['plain tie', tiePlain],
    ['101 taken by a rule overlapping both', tieAbove],
    ['101 taken by a rule overlapping one', tieAboveA],
    ['no Priority on either', noPriority],
    ['Priority 1 against none', one],
  ] as const) {
    it(`${name}: every suggestion, applied, leaves no order-by-name finding`, () => {
      const [d, ...rest] = findings(text);
      assert.ok(d && rest.length === 0);
      assert.ok((d.suggestions ?? []).length === 2);
      for (const s of d.suggestions!) {
        const fixed = apply(text, s.edits);
        assert.deepEqual(findings(fixed).map((f) => f.message), [], `${s.title}:\n${fixed}`);
      }
    });
  }

  it('the plain next priority (what the rule used to suggest) would have made a new tie with Cjob', () => {
    assert.deepEqual(findings(policy(above, appA(), appB(101))).map((f) => [f.messageId, f.data?.['first'], f.data?.['rule']]), [['equalPriority', 'AppB', 'Cjob']]);
    // AppA covers all of Cjob, so there the tie shows as Cjob shadowed by name.
    assert.deepEqual(findings(policy(above, appA(101), appB()), 'shadowed-rule').map((f) => [f.messageId, f.data?.['rule']]), [['byName', 'Cjob']]);
  });
});
