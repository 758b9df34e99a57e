// Catalogue data: the TTLSRule statement.
// Facts come from shared/reference/statements.json (TTLSRule) and semantics.md sections 1-2;
// the wording is ours.

import type { ParameterSpec, StatementSpec } from '../types.js';

const ADDRESS_NOTES: readonly string[] = [
  'Forms: a single IPv4 or IPv6 address, address/prefixLength (0-32 for IPv4, 0-128 for IPv6), an inclusive range written address-address with no blanks, or All.',
  'IPv4-mapped IPv6 addresses and addresses under the reserved prefix ::/96 are rejected for AT-TLS.',
];

const PORT_NOTES: readonly string[] = [
  'A single port n, or an inclusive range. Policy Agent\'s general syntax rules allow n-m, n:m or "n m" (one delimiter per range); the TTLSRule diagram itself shows "n m" and real policies mostly use n-m.',
  'Ports run from 0 to 65535; 0 means every port.',
];

function addressParameters(side: 'Local' | 'Remote'): readonly ParameterSpec[] {
  const where = side === 'Local' ? 'local (z/OS) end' : 'remote partner';
  const group = `${side}Addr*`;
  const exclusive = `Code at most one of ${side}Addr, ${side}AddrRef, ${side}AddrSetRef and ${side}AddrGroupRef.`;
  return [
    {
      name: `${side}Addr`,
      kind: 'ip-spec',
      description: `IP address condition for the ${where} of the connection: one address, a prefix, a range, or All for any address.`,
      certainty: 'confirmed',
      defaults: [{ value: 'All', certainty: 'confirmed' }],
      repeatable: false,
      exclusiveGroup: group,
      notes: [...ADDRESS_NOTES, exclusive],
    },
    {
      name: `${side}AddrRef`,
      kind: 'name-ref',
      description: `Uses the single address of a globally defined IpAddr statement as the ${where} address condition.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      refKind: 'IpAddr',
      notes: [exclusive],
    },
    {
      name: `${side}AddrSetRef`,
      kind: 'name-ref',
      description: `Uses the prefix or range of a globally defined IpAddrSet statement as the ${where} address condition.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      refKind: 'IpAddrSet',
      notes: [exclusive],
    },
    {
      name: `${side}AddrGroupRef`,
      kind: 'name-ref',
      description: `Matches when the ${where} address falls into any member of the named IpAddrGroup.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      refKind: 'IpAddrGroup',
      notes: [exclusive],
    },
  ];
}

function portParameters(side: 'Local' | 'Remote'): readonly ParameterSpec[] {
  const where = side === 'Local' ? 'local (z/OS) end' : 'remote partner';
  const group = `${side}Port*`;
  const exclusive = `Code at most one of ${side}PortRange, ${side}PortRangeRef and ${side}PortGroupRef.`;
  return [
    {
      name: `${side}PortRange`,
      kind: 'port-spec',
      description: `Port condition for the ${where} of the connection: one port or an inclusive range, where 0 stands for any port.`,
      certainty: 'confirmed',
      min: 0,
      max: 65535,
      defaults: [{ value: '0', certainty: 'confirmed', note: 'pasearch shows an omitted port condition as 0-0, meaning any port.' }],
      repeatable: false,
      exclusiveGroup: group,
      notes: [...PORT_NOTES, exclusive],
    },
    {
      name: `${side}PortRangeRef`,
      kind: 'name-ref',
      description: `Uses the port or port range of a globally defined PortRange statement as the ${where} port condition.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      refKind: 'PortRange',
      notes: [exclusive],
    },
    {
      name: `${side}PortGroupRef`,
      kind: 'name-ref',
      description: `Matches when the ${where} port falls into any member of the named PortGroup.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      refKind: 'PortGroup',
      notes: [exclusive],
    },
  ];
}

export const TTLS_RULE: StatementSpec = {
  name: 'TTLSRule',
  category: 'rule',
  fileRole: 'policy',
  description:
    'Selects TCP connections by address, port, direction, job name or user ID and names the group, environment and connection actions they get. Rules are tried from the highest priority down, and the first rule that matches decides.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'required',
  nameMaxLength: 32,
  global: true,
  inlineIn: [],
  refParams: [],
  requiredOneOf: [
    [
      'LocalAddr', 'LocalAddrRef', 'LocalAddrSetRef', 'LocalAddrGroupRef',
      'RemoteAddr', 'RemoteAddrRef', 'RemoteAddrSetRef', 'RemoteAddrGroupRef',
      'LocalPortRange', 'LocalPortRangeRef', 'LocalPortGroupRef',
      'RemotePortRange', 'RemotePortRangeRef', 'RemotePortGroupRef',
      'Jobname', 'Userid',
    ],
  ],
  rules: [
    'Direction and TTLSGroupActionRef must both be coded.',
    'Besides Direction, at least one condition is needed: a local or remote address, a local or remote port, Jobname or Userid.',
    'If the referenced TTLSGroupAction has TTLSEnabled On, TTLSEnvironmentActionRef is required as well; with TTLSEnabled Off no further action is needed.',
    'Actions are only ever referenced by name: group, environment and connection actions cannot be written inside a rule.',
    'A condition that is not coded is ignored when matching. The first matching rule, ordered by descending Priority and then by rule name, wins and the search stops.',
    'Members of an IpAddrGroup or PortGroup are alternatives; the different kinds of condition must all match.',
  ],
  parameters: [
    ...addressParameters('Local'),
    ...addressParameters('Remote'),
    ...portParameters('Local'),
    ...portParameters('Remote'),
    {
      name: 'Jobname',
      kind: 'job-pattern',
      description:
        'Job name of the address space that owns the socket; a pattern ending in * matches every job name starting with the text before it.',
      certainty: 'recalled',
      minLength: 1,
      maxLength: 8,
      repeatable: false,
      notes: [
        'The 8-character limit and the wildcard rules are recalled, not checked against IBM text; IBM and Zowe samples use a trailing * (for example AZF*).',
        'IBM samples also write the keyword as JobName; keywords are not case sensitive.',
        'The job name compared is believed to be that of the socket owner when policy is first mapped to the connection (at connect, or at its first send, receive, select or poll).',
      ],
    },
    {
      name: 'Userid',
      kind: 'job-pattern',
      description:
        'User ID of the process that owns the socket; a pattern ending in * matches every user ID starting with the text before it.',
      certainty: 'recalled',
      minLength: 1,
      maxLength: 8,
      repeatable: false,
      notes: [
        'The 8-character limit and the wildcard rules are recalled, not checked against IBM text.',
        'The user ID compared is believed to be the one in effect when policy is first mapped to the connection, which for forking servers can be after accept().',
      ],
    },
    {
      name: 'Direction',
      kind: 'enum',
      description:
        'Which way the connection was set up: accepted by this host, started by this host, or either. It does not decide the TLS handshake role.',
      certainty: 'confirmed',
      values: [
        { value: 'Inbound', description: 'Connections accepted on a listening (passive) socket of this host.' },
        { value: 'Outbound', description: 'Connections this host starts with connect() (active sockets).' },
        { value: 'Both', description: 'Connections in either direction.' },
      ],
      repeatable: false,
      required: true,
    },
    {
      name: 'Priority',
      kind: 'int',
      description:
        'Order in which rules are tried, from 1 to 2000000000 with 2000000000 tried first; rules of equal priority are taken in alphabetical order of their names.',
      certainty: 'confirmed',
      min: 1,
      max: 2000000000,
      repeatable: false,
      notes: [
        'The value used when Priority is omitted is not stated in the IBM text seen; real pasearch output shows such rules as priority 1, the lowest, so attls orders them by name together with the rules that code Priority 1 (an assumption).',
        'IBM says rules of equal priority are taken in alphabetical order; attls compares the names as EBCDIC (IBM-1047) bytes, since Policy Agent runs on EBCDIC (an assumption: lowercase before uppercase before digits).',
        'Whenever a connection could match more than one rule, give the rules explicit priorities with gaps between them.',
      ],
    },
    {
      name: 'IpTimeCondition',
      kind: 'inline-block',
      description: 'An inline IpTimeCondition block limiting the times at which the rule is in effect.',
      certainty: 'recalled',
      repeatable: false,
      exclusiveGroup: 'IpTimeCondition*',
      inlineKind: 'IpTimeCondition',
      notes: [
        'IBM text says a rule can carry an IpTimeCondition specification; the inline and reference keyword spellings follow the usual pattern but were not seen in a syntax diagram.',
        'Code at most one of IpTimeCondition and IpTimeConditionRef.',
      ],
    },
    {
      name: 'IpTimeConditionRef',
      kind: 'name-ref',
      description: 'Names a globally defined IpTimeCondition statement limiting the times at which the rule is in effect.',
      certainty: 'recalled',
      repeatable: false,
      exclusiveGroup: 'IpTimeCondition*',
      refKind: 'IpTimeCondition',
      notes: ['Code at most one of IpTimeCondition and IpTimeConditionRef.'],
    },
    {
      name: 'TTLSGroupActionRef',
      kind: 'name-ref',
      description:
        'Names the TTLSGroupAction for matching connections, which decides whether AT-TLS is active for them at all. Every rule needs one.',
      certainty: 'confirmed',
      repeatable: false,
      required: true,
      refKind: 'TTLSGroupAction',
    },
    {
      name: 'TTLSEnvironmentActionRef',
      kind: 'name-ref',
      description:
        'Names the TTLSEnvironmentAction (key ring, handshake role, protocols and ciphers) used for matching connections.',
      certainty: 'confirmed',
      repeatable: false,
      refKind: 'TTLSEnvironmentAction',
      notes: ['Required when the referenced TTLSGroupAction has TTLSEnabled On.'],
    },
    {
      name: 'TTLSConnectionActionRef',
      kind: 'name-ref',
      description:
        'Optionally names a TTLSConnectionAction whose settings override the environment action for the connections matched by this rule.',
      certainty: 'confirmed',
      repeatable: false,
      refKind: 'TTLSConnectionAction',
    },
  ],
};
