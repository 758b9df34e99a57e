// Catalogue data: TTLSGroupAction, TTLSEnvironmentAction and TTLSConnectionAction.
// Facts come from shared/reference/statements.json and semantics.md sections 3-5; the wording is ours.

import type { EnumValueSpec, ParameterSpec, StatementSpec } from '../types.js';

const HANDSHAKE_ROLE_VALUES: readonly EnumValueSpec[] = [
  { value: 'Client', description: 'This end acts as the TLS client: it sends the ClientHello and checks the server certificate.' },
  { value: 'Server', description: 'This end acts as the TLS server and presents its certificate without asking for one from the client.' },
  {
    value: 'ServerWithClientAuth',
    description: 'This end acts as the TLS server and also requests a client certificate, checked as ClientAuthType specifies.',
  },
];

const CTRACE_VALUES: readonly EnumValueSpec[] = [
  { value: 'On', description: 'Application data of secured connections is written to CTRACE or data trace in the clear.' },
  { value: 'Off', description: 'Traced application data stays encrypted.' },
];

const TRACE_NOTES: readonly string[] = [
  'Add the bits: 1 = error messages to the TCP/IP job log, 2 = error messages to syslogd, 4 = informational messages, 8 = event, 16 = flow, 32 = data. 8, 16 and 32 are diagnostic levels and can produce a lot of output.',
  'Meanings of 64 and 128 are not confirmed. The upper bound 255 is recalled (IBM samples code Trace 255).',
];

function inlineOrRef(
  kind: string,
  group: string,
  what: string,
  extraNotes: readonly string[] = [],
): readonly ParameterSpec[] {
  const exclusive = `Code at most one of ${kind} and ${kind}Ref.`;
  return [
    {
      name: kind,
      kind: 'inline-block',
      description: `An inline ${kind} block ${what}.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      inlineKind: kind,
      notes: [...extraNotes, exclusive],
    },
    {
      name: `${kind}Ref`,
      kind: 'name-ref',
      description: `Names a globally defined ${kind} statement ${what}.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      refKind: kind,
      notes: [...extraNotes, exclusive],
    },
  ];
}

export const TTLS_GROUP_ACTION: StatementSpec = {
  name: 'TTLSGroupAction',
  category: 'action',
  fileRole: 'policy',
  description:
    'Decides whether AT-TLS protects the connections of the rules that reference it, and sets up the Language Environment process (one System SSL instance) that serves them.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'required',
  nameMaxLength: 32,
  global: true,
  inlineIn: [],
  refParams: ['TTLSGroupActionRef'],
  rules: [
    'Must be defined at the top level with a name; rules refer to it with TTLSGroupActionRef.',
    'TTLSEnabled must be coded, either On or Off.',
    'Every group action runs as its own Language Environment process with its own System SSL instance, so keep the number of group actions small.',
  ],
  parameters: [
    {
      name: 'TTLSEnabled',
      kind: 'enum',
      description: 'Turns AT-TLS on or off for every connection mapped to this group. There is no default: it must be coded.',
      certainty: 'confirmed',
      values: [
        { value: 'On', description: 'AT-TLS is active; whether data is encrypted depends on the environment and connection actions.' },
        {
          value: 'Off',
          description: 'AT-TLS is not active and data flows in the clear; the rule still matches, so this is how connections are exempted.',
        },
      ],
      repeatable: false,
      required: true,
    },
    {
      name: 'CtraceClearText',
      kind: 'enum',
      description: 'Whether application data captured by component trace or data trace for secured connections is shown unencrypted.',
      certainty: 'confirmed',
      values: CTRACE_VALUES,
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
      notes: ['TTLSEnvironmentAction and TTLSConnectionAction can override the value set here.'],
    },
    {
      name: 'Trace',
      kind: 'int',
      description: 'Bit mask choosing which AT-TLS trace and error messages are written for connections of this group.',
      certainty: 'confirmed',
      min: 0,
      max: 255,
      // The 0-255 range is IBM's wording as quoted in a practitioner's write-up (seed 004), not
      // read from the reference page itself.
      boundsCertainty: 'usage',
      defaults: [{ value: '2', certainty: 'confirmed', note: 'Errors are reported to syslogd only.' }],
      repeatable: false,
      notes: [...TRACE_NOTES, 'TTLSEnvironmentAction and TTLSConnectionAction can override the value set here.'],
    },
    ...inlineOrRef('TTLSGroupAdvancedParms', 'GroupAdv', 'with advanced settings for the group (environment file, syslog facility)'),
    {
      name: 'FIPS140',
      kind: 'enum',
      description:
        'Runs the group\'s System SSL in FIPS 140 mode, which limits it to FIPS-approved algorithms and key sizes.',
      certainty: 'confirmed',
      values: [
        { value: 'Off', description: 'System SSL runs without FIPS 140 restrictions.' },
        { value: 'On', description: 'System SSL runs in FIPS 140 mode.' },
        { value: 'Level1', description: 'FIPS mode using the System SSL level 1 rule set.' },
        { value: 'Level2', description: 'FIPS mode using the System SSL level 2 rule set, believed to be stricter than level 1.' },
        { value: 'Level3', description: 'FIPS mode using the System SSL level 3 rule set, believed to be the strictest.' },
      ],
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
      notes: [
        'The z/OS 2.1 diagram offers only On and Off; the 3.1 diagram adds Level1, Level2 and Level3. The release that added the levels is not known.',
        'FIPS mode needs ICSF to be active (message EZD1288I otherwise).',
      ],
    },
    {
      name: 'GroupUserInstance',
      kind: 'int',
      description:
        'A number with no security meaning: changing it makes Policy Agent treat the group as changed, so a new Language Environment process starts and rereads the Envfile.',
      certainty: 'recalled',
      min: 0,
      repeatable: false,
      notes: ['Upper bound not confirmed; Policy Agent numbers are generally limited to 4294967295.'],
    },
  ],
};

export const TTLS_ENVIRONMENT_ACTION: StatementSpec = {
  name: 'TTLSEnvironmentAction',
  category: 'action',
  fileRole: 'policy',
  description:
    'Describes a System SSL environment for the rules that reference it: the key ring, the handshake role, and the cipher, protocol and System SSL settings.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'required',
  nameMaxLength: 32,
  global: true,
  inlineIn: [],
  refParams: ['TTLSEnvironmentActionRef'],
  requiredOneOf: [['TTLSKeyringParms', 'TTLSKeyringParmsRef']],
  rules: [
    'Required for every rule whose group action has TTLSEnabled On.',
    'HandshakeRole and a key ring (TTLSKeyringParms inline or TTLSKeyringParmsRef) must be coded.',
    'Must be defined at the top level with a name; rules refer to it with TTLSEnvironmentActionRef.',
  ],
  parameters: [
    ...inlineOrRef('TTLSKeyringParms', 'Keyring', 'naming the key ring or key database of this environment', [
      'A key ring is required: code either TTLSKeyringParms or TTLSKeyringParmsRef.',
    ]),
    {
      name: 'HandshakeRole',
      kind: 'enum',
      description:
        'The part this end plays in the TLS handshake (sets System SSL GSK_SESSION_TYPE). It is independent of Direction and of which side called connect().',
      certainty: 'confirmed',
      values: HANDSHAKE_ROLE_VALUES,
      repeatable: false,
      required: true,
      notes: [
        'One end of a connection must be Client and the other Server or ServerWithClientAuth: two clients make the handshake fail, two servers make it time out.',
      ],
    },
    {
      name: 'SuiteBProfile',
      kind: 'enum',
      description:
        'Restricts the environment to the RFC 5430 Suite B cipher suites of the chosen level, for TLSv1.2 sessions (sets GSK_SUITE_B_PROFILE). With any value but Off, Policy Agent ignores every TTLSCipherParms of the rules using this environment, the connection action\'s included: only the profile\'s suites are used.',
      certainty: 'confirmed',
      values: [
        { value: 'Off', description: 'No Suite B restriction: the TTLSCipherParms lists apply.' },
        { value: '128', description: 'Only the Suite B 128-bit suites; TTLSCipherParms are ignored.' },
        { value: '128Min', description: 'AES-GCM Suite B suites of at least 128-bit strength; TTLSCipherParms are ignored.' },
        { value: '192', description: 'Only the Suite B 192-bit suites; TTLSCipherParms are ignored.' },
        { value: '192Min', description: 'AES-GCM Suite B suites of at least 192-bit strength; TTLSCipherParms are ignored.' },
        { value: 'All', description: 'Both the 128-bit and the 192-bit Suite B suites; TTLSCipherParms are ignored.' },
      ],
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.3',
      notes: [
        'IBM (z/OS 3.1): when 128, 128Min, 192, 192Min or All is coded, any TTLSCipherParms is ignored and only the ciphers of the Suite B profile are used. attls reports such a list as cipher-list-ignored and shows the profile\'s suites as the list in effect.',
        'IBM describes each level in words and does not list its suites; the suites attls shows for a level are taken from RFC 6460 and are not confirmed.',
        'The z/OS 2.3 page says the profile applies to TLS sessions; the 2.4 and 3.1 pages say TLSv1.2 sessions.',
        'First release approximate: the reference saw SuiteBProfile in the z/OS 2.3 diagram.',
      ],
    },
    ...inlineOrRef('TTLSCipherParms', 'Cipher', 'listing the cipher suites of this environment'),
    ...inlineOrRef('TTLSSignatureParms', 'Signature', 'with the curve, key share and signature algorithm lists of this environment'),
    {
      name: 'CtraceClearText',
      kind: 'enum',
      description: 'Overrides, for this environment, whether traced application data is shown unencrypted.',
      certainty: 'confirmed',
      values: CTRACE_VALUES,
      repeatable: false,
      notes: ['No default of its own: when omitted, the group action\'s value applies.'],
    },
    {
      name: 'Trace',
      kind: 'int',
      description: 'Overrides, for this environment, the trace bit mask of the group action.',
      certainty: 'confirmed',
      min: 0,
      max: 255,
      // The 0-255 range is IBM's wording as quoted in a practitioner's write-up (seed 004), not
      // read from the reference page itself.
      boundsCertainty: 'usage',
      repeatable: false,
      notes: [...TRACE_NOTES, 'No default of its own: when omitted, the group action\'s value applies.'],
    },
    ...inlineOrRef('TTLSEnvironmentAdvancedParms', 'EnvAdv', 'with protocol versions and advanced handshake settings of this environment'),
    ...inlineOrRef('TTLSGskAdvancedParms', 'GskAdv', 'with System SSL specific settings (session caches, revocation checking) of this environment'),
    {
      name: 'EnvironmentUserInstance',
      kind: 'int',
      description:
        'A number with no security meaning: changing it forces AT-TLS to build the environment again, for example after certificates on the key ring were renewed.',
      certainty: 'usage',
      min: 0,
      boundsCertainty: 'recalled',
      defaults: [{ value: '0', certainty: 'usage', note: 'pasearch shows 0 when the parameter is not coded.' }],
      repeatable: false,
      notes: ['Upper bound not confirmed; Policy Agent numbers are generally limited to 4294967295.'],
    },
  ],
};

export const TTLS_CONNECTION_ACTION: StatementSpec = {
  name: 'TTLSConnectionAction',
  category: 'action',
  fileRole: 'policy',
  description:
    'Optional overrides for the connections of the rules that reference it: handshake role, ciphers, signature lists, tracing and advanced settings that differ from the environment action.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'required',
  nameMaxLength: 32,
  global: true,
  inlineIn: [],
  refParams: ['TTLSConnectionActionRef'],
  rules: [
    'Only needed when some connections of an environment need settings different from the environment action of the same rule.',
    'Must be defined at the top level with a name; rules refer to it with TTLSConnectionActionRef.',
  ],
  parameters: [
    {
      name: 'HandshakeRole',
      kind: 'enum',
      description: 'When coded, replaces the handshake role of the environment action referenced by the same rule.',
      certainty: 'confirmed',
      values: HANDSHAKE_ROLE_VALUES,
      repeatable: false,
    },
    ...inlineOrRef('TTLSCipherParms', 'Cipher', 'listing the cipher suites for these connections'),
    ...inlineOrRef('TTLSSignatureParms', 'Signature', 'with the curve, key share and signature algorithm lists for these connections'),
    {
      name: 'CtraceClearText',
      kind: 'enum',
      description: 'Overrides, for these connections, whether traced application data is shown unencrypted.',
      certainty: 'confirmed',
      values: CTRACE_VALUES,
      repeatable: false,
      notes: ['No default of its own: when omitted, the environment or group value applies.'],
    },
    {
      name: 'Trace',
      kind: 'int',
      description: 'Overrides, for these connections, the trace bit mask of the environment and group actions.',
      certainty: 'confirmed',
      min: 0,
      max: 255,
      // The 0-255 range is IBM's wording as quoted in a practitioner's write-up (seed 004), not
      // read from the reference page itself.
      boundsCertainty: 'usage',
      repeatable: false,
      notes: [...TRACE_NOTES, 'No default of its own: when omitted, the environment or group value applies.'],
    },
    ...inlineOrRef('TTLSConnectionAdvancedParms', 'ConnAdv', 'with protocol and handshake settings for these connections'),
    {
      name: 'ConnectionUserInstance',
      kind: 'int',
      description:
        'A number with no security meaning, believed to work like EnvironmentUserInstance: changing it makes the connection action count as changed.',
      certainty: 'recalled',
      min: 0,
      repeatable: false,
      notes: ['Range not confirmed.'],
    },
  ],
};
