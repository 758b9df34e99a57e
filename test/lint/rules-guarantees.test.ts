// Rule tables: the guarantees checked on every lint (require-secured, require-min-protocol), built on
// the property engine; findings sit on the name of the rule that breaks the guarantee (or of the
// rule tried last, for connections no rule matches) and carry a connection that shows it.
import assert from 'node:assert/strict';
import { lintText, RULES } from '@attls/lint';
import { after } from '../support/policies.js';
import { ruleTester } from '../support/rule-tester.js';

function rule(name: string, lines: readonly string[], group = 'gOn', env = 'eAny'): string {
  const refs = group === 'gOn' ? [`TTLSGroupActionRef ${group}`, `TTLSEnvironmentActionRef ${env}`] : [`TTLSGroupActionRef ${group}`];
  return [`TTLSRule ${name}`, '{', ...[...lines, ...refs].map((l) => `  ${l}`), '}', ''].join('\n');
}

const env = (name: string, adv = '') => `TTLSEnvironmentAction ${name}\n{\n  HandshakeRole Server\n  TTLSKeyringParms\n  {\n    Keyring TCPIP/Ring\n  }\n${adv ? `  TTLSEnvironmentAdvancedParms\n  {\n${adv}  }\n` : ''}}\n`;
const MODERN = '    TLSv1 Off\n    TLSv1.1 Off\n    TLSv1.2 On\n';
const ACTIONS = `TTLSGroupAction gOn\n{\n  TTLSEnabled On\n}\nTTLSGroupAction gOff\n{\n  TTLSEnabled Off\n}\n${env('eAny', MODERN)}${env('eOld', '    TLSv1 On\n    TLSv1.2 On\n')}${env('eDefault')}`;
const policy = (...rules: string[]) => rules.join('') + ACTIONS;
const on = (text: string, name: string, messageId: string, extra = {}) => after(text, 'TTLSRule ', name, messageId, 1, extra);

{
  const privileged = { ports: ['1-1023'], direction: 'inbound' };
  const exempt = policy(rule('Secure', ['LocalPortRange 992', 'Direction Inbound', 'Priority 20']), rule('Exempt', ['LocalPortRange 1-1023', 'Direction Inbound', 'Priority 10'], 'gOff'));
  const oneClass = policy(rule('TN3270', ['LocalPortRange 992', 'Jobname TN3270*', 'Direction Inbound', 'Priority 20']), rule('Rest', ['LocalPortRange 1-991', 'Direction Inbound', 'Priority 10']));
  const officeHours =
    policy(rule('Office', ['LocalPortRange 443', 'Direction Inbound', 'Priority 20', 'IpTimeConditionRef Weekdays'])) + 'IpTimeCondition Weekdays\n{\n  DayOfWeekMask 0111110\n}\n';
  ruleTester('require-secured', {
    valid: [
      { code: exempt, name: 'without ports the rule does nothing' },
      { code: policy(rule('All', ['LocalPortRange 1-1023', 'Direction Inbound', 'Priority 10'])), options: privileged, name: 'one rule secures every connection to the ports' },
      {
        code: policy(rule('Low', ['LocalPortRange 1-500', 'Direction Both', 'Priority 10']), rule('High', ['LocalPortRange 501-1023', 'Direction Inbound', 'Priority 5'])),
        options: privileged,
        name: 'two rules together',
      },
      {
        code: policy(rule('In', ['LocalPortRange 443', 'Direction Inbound', 'Priority 20'], 'gOff'), rule('Out', ['RemotePortRange 443', 'Direction Outbound', 'Priority 10'])),
        options: { ports: ['443'], direction: 'outbound' },
        name: 'outbound: the remote port',
      },
    ],
    invalid: [
      {
        code: exempt,
        options: privileged,
        name: 'an exemption rule takes some of the connections',
        errors: [
          on(exempt, 'Exempt', 'notSecured', {
            data: {
              scope: 'inbound connections to local ports 1-1023',
              rule: 'Exempt',
              count: '2 regions of the space',
              why: 'its group gOff has TTLSEnabled Off',
              example: 'inbound, local 0.0.0.0 port 1, remote 0.0.0.0 port 1, job A, user A',
            },
          }),
        ],
      },
      {
        code: oneClass,
        options: { ports: ['992'], direction: 'inbound' },
        name: 'only job names outside TN3270* get no rule',
        errors: [on(oneClass, 'Rest', 'noRule', { data: { scope: 'inbound connections to local port 992', count: '2 regions of the space', example: 'inbound, local 0.0.0.0 port 992, remote 0.0.0.0 port 1, job A, user A' } })],
      },
      {
        code: officeHours,
        options: { ports: ['443'], direction: 'inbound' },
        name: 'outside its time window the rule does not apply',
        errors: [on(officeHours, 'Office', 'noRule', { data: { scope: 'inbound connections to local port 443', count: '2 regions of the space', example: 'inbound, local 0.0.0.0 port 443, remote 0.0.0.0 port 1, job A, user A, at 2024-01-06T00:00:00' } })],
      },
      { code: exempt, options: { ports: ['web'] }, name: 'an unusable option', errors: [{ messageId: 'badOption', line: 1, column: 1, endLine: 1, endColumn: 1 }] },
    ],
  });
}

{
  const old = policy(rule('Legacy', ['RemotePortRange 8443', 'Direction Outbound', 'Priority 20'], 'gOn', 'eOld'), rule('Web', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10']));
  const defaults = policy(rule('Web', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10'], 'gOn', 'eDefault'));
  const scoped = policy(rule('Legacy', ['RemotePortRange 8443', 'Direction Outbound', 'Priority 20'], 'gOn', 'eOld'), rule('Other', ['RemotePortRange 9443', 'Direction Outbound', 'Priority 10'], 'gOn', 'eOld'));
  const tls12 = { minimum: 'TLSv1.2' };
  ruleTester('require-min-protocol', {
    valid: [
      { code: old, name: 'without a minimum the rule does nothing' },
      { code: policy(rule('Web', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10'])), options: tls12, name: 'old protocols switched off' },
      { code: old, options: { minimum: 'TLSv1' }, name: 'TLSv1 is the minimum itself' },
      { code: policy(rule('Clear', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10'], 'gOff')), options: tls12, name: 'connections in the clear are not judged' },
      {
        code: policy(rule('Wide', ['RemotePortRange 8000-9000', 'Direction Outbound', 'Priority 20']), rule('Hidden', ['RemotePortRange 8443', 'Direction Outbound', 'Priority 10'], 'gOn', 'eOld')),
        options: tls12,
        name: 'a rule no connection reaches is not judged',
      },
      { code: defaults, options: tls12, release: '3.2', name: 'z/OS 3.2 switches TLSv1 and TLSv1.1 off by default' },
    ],
    invalid: [
      {
        code: old,
        options: tls12,
        name: 'TLSv1 On in the environment',
        errors: [on(old, 'Legacy', 'below', { data: { rule: 'Legacy', protocols: 'TLSv1, TLSv1.1 (On by default on z/OS 3.1)', minimum: 'TLSv1.2', scope: 'secured connections', count: '2 regions of the space', example: 'outbound, local 0.0.0.0 port 1, remote 0.0.0.0 port 8443, job A, user A' } })],
      },
      {
        code: defaults,
        options: tls12,
        release: '3.1',
        name: 'on by the release default',
        errors: [on(defaults, 'Web', 'below', { data: { protocols: 'TLSv1 (On by default on z/OS 3.1), TLSv1.1 (On by default on z/OS 3.1)' } })],
      },
      {
        code: scoped,
        options: { minimum: 'TLSv1.2', ports: ['9443'], direction: 'outbound' },
        name: 'only the ports asked about',
        errors: [on(scoped, 'Other', 'below', { data: { scope: 'secured outbound connections to remote port 9443' } })],
      },
      { code: old, options: { minimum: 'TLSv9' }, name: 'an unknown minimum', errors: [{ messageId: 'badOption', line: 1, column: 1, endLine: 1, endColumn: 1 }] },
    ],
  });
}

describe('require-min-protocol: related locations', () => {
  it('points at the line that switches the old protocol on', () => {
    const text = policy(rule('Legacy', ['RemotePortRange 8443', 'Direction Outbound', 'Priority 20'], 'gOn', 'eOld'));
    const r = lintText('t.ttls', text, {
      rules: RULES.filter((x) => x.meta.id === 'require-min-protocol'),
      config: { rules: new Map([['require-min-protocol', { severity: 'error', options: { minimum: 'TLSv1.2' } }]]), ignore: [] },
    });
    const d = r.diagnostics.find((x) => x.code === 'require-min-protocol')!;
    assert.deepEqual(
      d.related?.map((x) => [text.slice(x.span.start, x.span.end), x.message]),
      [['TLSv1 On', 'TLSv1 On in TTLSEnvironmentAdvancedParms in TTLSEnvironmentAction eOld']],
    );
  });
});
