// Rule tables: the rules built on the shadow analysis (shadowed-rule, rule-overlap, order-by-name),
// with codes and exact ranges (the rule's name).
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
    valid: [
      { code: policy(rule('P4000', ['LocalPortRange 4000', 'Direction Inbound', 'Priority 20']), rule('P5000', ['LocalPortRange 5000', 'Direction Inbound', 'Priority 10'])), name: 'disjoint rules' },
      { code: policy(rule('Wide', ['RemotePortRange 9000-9010', 'Direction Outbound', 'Priority 200']), rule('Outside', ['RemotePortRange 9005-9011', 'Direction Outbound', 'Priority 50'])), name: 'a rule wider than the one ahead' },
      {
        code: policy(rule('Timed', ['LocalPortRange 443', 'Direction Inbound', 'Priority 20', 'IpTimeConditionRef t']), rule('Plain', ['LocalPortRange 443', 'Direction Inbound', 'Priority 10'])) + 'IpTimeCondition t\n{\n  TimeOfDayRange 08:00-18:00\n}\n',
        name: 'a rule with an IpTimeCondition never covers another',
      },
    ],
    invalid: [
      { code: one, errors: [on(one, 'Inside', 'shadowed', { data: { blockers: ['Wide'] }, suggestions: ['Give Inside Priority 201 so that it is tried first', 'Remove rule Inside'] })] },
      { code: together, name: 'three rules together', errors: [on(together, 'Everything', 'shadowedTogether', { data: { blockers: ['LowPorts', 'HighPorts', 'OutHigh'] } })] },
      { code: byName, name: 'same conditions, no Priority: the later name is never reached', errors: [on(byName, 'Yank', 'byName', { suggestions: ['Give Yank Priority 1 so that it is tried first', 'Remove rule Yank'] })] },
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
    valid: [
      { code: policy(rule('Broad', ['LocalPortRange 4000-4099', 'Direction Inbound', 'Priority 100']), rule('Special', ['LocalPortRange 4050', 'Direction Inbound', 'Priority 200'])), name: 'the rule ahead has the same actions' },
      { code: policy(rule('Aaa', ['LocalPortRange 4000', 'Direction Inbound', 'Priority 100']), rule('Bbb', ['Userid START1', 'Direction Inbound', 'Priority 100'], 'gOff')), name: 'equal priority is order-by-name’s' },
      { code: policy(rule('P4000', ['LocalPortRange 4000', 'Direction Inbound', 'Priority 20']), rule('P5000', ['LocalPortRange 5000', 'Direction Inbound', 'Priority 10'], 'gOff')), name: 'disjoint rules' },
    ],
    invalid: [
      { code: exempted, name: 'a rule ahead leaves part of the connections in the clear', errors: [on(exempted, 'Broad', 'exempted', { data: { takers: ['ClearOld'] }, suggestions: ['Give Broad Priority 201 so that it takes these connections'] })] },
      { code: other, name: 'a rule ahead secures part of them with another environment', errors: [on(other, 'Broad', 'differentActions', { data: { takers: ['Special'] } })] },
    ],
  });
}
