// Catalogue data: the TTLS*Parms statements (advanced, key ring, cipher, signature and System SSL parms).
// Facts come from shared/reference/statements.json, statements.md and semantics.md, plus the z/OS 3.2
// defaults published by IBM (community blog "AT-TLS and System SSL Defaults in z/OS 3.2", 2025-11).
// The wording is ours.

import type { DefaultSpec, EnumValueSpec, ParameterSpec, StatementSpec } from '../types.js';

// ---------------------------------------------------------------------------------------------
// Shared helpers and value lists

function onOff(on: string, off: string): readonly EnumValueSpec[] {
  return [
    { value: 'On', description: on },
    { value: 'Off', description: off },
  ];
}

/** Required / Optional / Off for a negotiable TLS function (IBM's "TLS function negotiation"). */
function negotiated(what: string): readonly EnumValueSpec[] {
  return [
    { value: 'Required', description: `${what} must be agreed with the partner, otherwise the connection is closed.` },
    { value: 'Optional', description: `${what} is negotiated when the partner supports it; the connection goes on without it otherwise.` },
    { value: 'Off', description: `${what} is not offered or accepted.` },
  ];
}

const FRAGMENT_LENGTH_VALUES: readonly EnumValueSpec[] = [
  { value: '512', description: 'Records of at most 512 bytes.' },
  { value: '1024', description: 'Records of at most 1024 bytes.' },
  { value: '2048', description: 'Records of at most 2048 bytes.' },
  { value: '4096', description: 'Records of at most 4096 bytes.' },
];

const REVOCATION_LEVEL_VALUES: readonly EnumValueSpec[] = [
  { value: 'Low', description: 'Most lenient: failing to obtain revocation information does not fail the certificate.' },
  { value: 'Medium', description: 'Middle setting (the System SSL default); some retrieval failures are tolerated.' },
  { value: 'High', description: 'Strictest: the revocation status must be determined, otherwise the certificate is rejected.' },
];

const SECONDARY_MAP_VALUES: readonly EnumValueSpec[] = onOff(
  'Connections mapped to this policy are recorded as primary connections whose process and address pair secondary connections can inherit.',
  'No secondary-connection mapping.',
);

function inlineOrRef(kind: string, group: string, what: string): readonly ParameterSpec[] {
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
      notes: [exclusive],
    },
    {
      name: `${kind}Ref`,
      kind: 'name-ref',
      description: `Names a globally defined ${kind} statement ${what}.`,
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: group,
      refKind: kind,
      notes: [exclusive],
    },
  ];
}

const UNNAMED_INLINE_RULE =
  'A name is required when the statement is defined at the top level; an inline block may omit it and then gets a temporary system-generated name.';

/**
 * Builds the TTLSConnectionAdvancedParms version of a TTLSEnvironmentAdvancedParms parameter: same
 * value syntax, our own description, and no default (unset values come from the environment).
 */
function atConnection(
  env: ParameterSpec,
  description: string,
  extra: { readonly certainty?: ParameterSpec['certainty']; readonly notes?: readonly string[]; readonly since?: string } = {},
): ParameterSpec {
  return {
    name: env.name,
    kind: env.kind,
    description,
    certainty: extra.certainty ?? env.certainty,
    ...(env.values !== undefined ? { values: env.values } : {}),
    ...(env.min !== undefined ? { min: env.min } : {}),
    ...(env.max !== undefined ? { max: env.max } : {}),
    ...(env.minLength !== undefined ? { minLength: env.minLength } : {}),
    ...(env.maxLength !== undefined ? { maxLength: env.maxLength } : {}),
    ...(env.boundsCertainty !== undefined ? { boundsCertainty: env.boundsCertainty } : {}),
    repeatable: env.repeatable,
    ...(extra.since !== undefined ? { since: extra.since } : {}),
    notes: [
      ...(extra.notes ?? []),
      'No default here: when omitted, the value of the TTLSEnvironmentAdvancedParms of the same rule applies.',
    ],
  };
}

function byName(list: readonly ParameterSpec[], name: string): ParameterSpec {
  const found = list.find((p) => p.name === name);
  if (!found) throw new Error(`catalogue data: no parameter ${name}`);
  return found;
}

const Z32_NOTE = 'From z/OS 3.2 only TLSv1.2 is enabled by default (IBM blog "AT-TLS and System SSL Defaults in z/OS 3.2", 2025-11).';

// ---------------------------------------------------------------------------------------------
// TTLSGroupAdvancedParms

export const TTLS_GROUP_ADVANCED_PARMS: StatementSpec = {
  name: 'TTLSGroupAdvancedParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'Extra settings of a group action: the environment variable file and syslog facility of the group\'s Language Environment process, and secondary-connection mapping.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSGroupAction'],
  refParams: ['TTLSGroupAdvancedParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE + ' (Assumed by analogy with the other parms statements.)',
    'The IBM reference page for this statement was not available; its parameter list may be incomplete.',
  ],
  parameters: [
    {
      name: 'Envfile',
      kind: 'string',
      description:
        'Path of a file of environment variables (for example System SSL GSK_* settings) given to the group\'s Language Environment process when it starts.',
      certainty: 'usage',
      repeatable: false,
      notes: [
        'Maximum length not confirmed.',
        'Edits to the file take effect only when the group action changes; bump GroupUserInstance to force that.',
      ],
    },
    {
      name: 'SyslogFacility',
      kind: 'enum',
      description: 'Syslog facility under which AT-TLS writes the messages of this group to syslogd.',
      certainty: 'usage',
      values: [
        { value: 'Daemon', description: 'Messages go to the daemon facility.' },
        { value: 'Auth', description: 'Messages go to the auth facility.' },
      ],
      defaults: [{ value: 'Daemon', certainty: 'usage' }],
      repeatable: false,
    },
    {
      name: 'SecondaryMap',
      kind: 'enum',
      description:
        'Lets secondary connections (such as an FTP data connection or the rexec error stream) from the same process and address pair share the policy of a primary connection.',
      certainty: 'usage',
      values: SECONDARY_MAP_VALUES,
      defaults: [{ value: 'Off', certainty: 'usage', note: 'Shown by pasearch on z/OS 3.1.' }],
      repeatable: false,
      notes: ['Also exists on the environment and connection advanced parms; which level wins is not confirmed.'],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSEnvironmentAdvancedParms

function protocol(
  name: string,
  protocolName: string,
  defaults: readonly DefaultSpec[],
  extra: { readonly since?: string; readonly notes?: readonly string[] } = {},
): ParameterSpec {
  return {
    name,
    kind: 'enum',
    description: `Allows or forbids the ${protocolName} protocol for connections of this environment.`,
    certainty: 'confirmed',
    values: onOff(`${protocolName} may be negotiated.`, `${protocolName} is not used.`),
    defaults,
    repeatable: false,
    ...(extra.since !== undefined ? { since: extra.since } : {}),
    ...(extra.notes !== undefined ? { notes: extra.notes } : {}),
  };
}

const ENV_ADVANCED_PARAMETERS: readonly ParameterSpec[] = [
  protocol('SSLv2', 'SSL 2.0', [{ value: 'Off', certainty: 'confirmed' }], { notes: ['SSL 2.0 is obsolete and insecure.'] }),
  protocol('SSLv3', 'SSL 3.0', [{ value: 'Off', certainty: 'confirmed' }], { notes: ['SSL 3.0 is obsolete and insecure.'] }),
  protocol(
    'TLSv1',
    'TLS 1.0',
    [
      { value: 'On', certainty: 'confirmed', note: 'IBM diagrams up to z/OS 3.1 show On, with a footnote whose text was not seen.' },
      { value: 'Off', from: '3.2', certainty: 'usage', note: Z32_NOTE },
    ],
  ),
  protocol(
    'TLSv1.1',
    'TLS 1.1',
    [
      { value: 'On', certainty: 'confirmed', note: 'IBM diagrams up to z/OS 3.1 show On, with a footnote whose text was not seen.' },
      { value: 'Off', from: '3.2', certainty: 'usage', note: Z32_NOTE },
    ],
  ),
  protocol(
    'TLSv1.2',
    'TLS 1.2',
    [
      { value: 'Off', certainty: 'confirmed', note: 'IBM diagrams for z/OS 2.1, 2.5 and 3.1 show Off: code TLSv1.2 On explicitly on those releases.' },
      { value: 'On', from: '3.2', certainty: 'usage', note: Z32_NOTE },
    ],
    { notes: ['Available on z/OS 1.13 only through an APAR and the Envfile; a keyword since z/OS 2.1.'] },
  ),
  protocol('TLSv1.3', 'TLS 1.3', [{ value: 'Off', certainty: 'confirmed', note: 'Still Off in z/OS 3.2 unless coded.' }], {
    since: '2.4',
    notes: ['A TLS 1.3 handshake also needs TLS 1.3 cipher suites (1301-1303) in the cipher list in effect; the z/OS 3.2 default list contains none.'],
  }),
  {
    name: 'MiddleBoxCompatMode',
    kind: 'enum',
    description:
      'TLS 1.3 middlebox compatibility mode, which makes the handshake resemble a TLS 1.2 session resumption so that older network devices let it through.',
    certainty: 'confirmed',
    values: onOff('Compatibility mode is used for TLS 1.3 handshakes.', 'Plain TLS 1.3 handshakes.'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
    since: '2.4',
  },
  {
    name: 'ApplicationControlled',
    kind: 'enum',
    description: 'Whether the application itself decides, with the SIOCTTLSCTL ioctl, when TLS starts on the connection.',
    certainty: 'confirmed',
    values: onOff(
      'AT-TLS waits for the application to request the handshake with SIOCTTLSCTL.',
      'AT-TLS starts the handshake itself; an application request to start TLS is refused.',
    ),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'HandshakeTimeout',
    kind: 'int',
    description:
      'Seconds of the AT-TLS handshake timer. The partner must start the handshake within the value on the listening (accepting) side, and within five times the value on the side that opened the connection (connecting, usually the TLS client); running out of that start interval ends the connection with AT-TLS return code 5004.',
    certainty: 'confirmed',
    min: 0,
    max: 600,
    boundsCertainty: 'recalled',
    defaults: [{ value: '10', certainty: 'confirmed' }],
    repeatable: false,
    notes: [
      'IBM (IP Configuration Guide, "AT-TLS handshake timer"): the start interval is five times HandshakeTimeout on the initiating (active) side and HandshakeTimeout itself on the listening (passive) side; only start-interval timeouts give return code 5004.',
      'The same timer also limits the rest of the handshake; how long that interval is and what its timeout reports were not confirmed from IBM text.',
      'The range 0-600 is listed by other checkers; IBM\'s text for it was not found.',
    ],
  },
  {
    name: 'ResetCipherTimer',
    kind: 'int',
    description:
      'How long a secure connection runs before AT-TLS asks for new session keys (a renegotiation); 0, the default, never resets them. The unit is not settled: IBM\'s IP Configuration Guide says 1-1440 seconds, while the statement reference attls follows says minutes.',
    certainty: 'confirmed',
    min: 0,
    max: 1440,
    boundsCertainty: 'recalled',
    defaults: [{ value: '0', certainty: 'confirmed' }],
    repeatable: false,
    notes: [
      'Seconds or minutes? IBM\'s IP Configuration Guide ("Encryption key refresh", z/OS 2.1 and 2.2) gives an interval of 1-1440 seconds. The statement reference attls was built from gives minutes (1440 minutes is one day), and IBM\'s IP Configuration Reference page, which would settle it, could not be checked. Until it is, read the value as seconds by the Guide and as minutes by the reference.',
      'IBM lists SSLv3, TLSv1, TLSv1.1 and TLSv1.2 as the protocols that can renegotiate keys; TLS 1.3 has no renegotiation handshake.',
    ],
  },
  {
    name: 'Renegotiation',
    kind: 'enum',
    description: 'Whether a TLS session may be renegotiated and which kind of renegotiation handshake is allowed (TLS 1.3 has no renegotiation).',
    certainty: 'confirmed',
    values: [
      { value: 'Default', description: 'System SSL\'s built-in renegotiation behaviour applies.' },
      { value: 'Disabled', description: 'Renegotiation is not allowed.' },
      { value: 'All', description: 'Both full and abbreviated renegotiation handshakes are allowed.' },
      { value: 'Abbreviated', description: 'Only abbreviated (session-resuming) renegotiation handshakes are allowed.' },
    ],
    defaults: [{ value: 'Default', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'RenegotiationIndicator',
    kind: 'enum',
    description: 'Whether the partner must support the RFC 5746 renegotiation indication, which protects renegotiation from splicing attacks.',
    certainty: 'confirmed',
    values: [
      { value: 'Optional', description: 'The indication is used when the partner supports it but is not demanded.' },
      { value: 'Client', description: 'When acting as client, the server must support the indication.' },
      { value: 'Server', description: 'When acting as server, the client must signal support for the indication.' },
      { value: 'Both', description: 'The indication is demanded in both roles.' },
    ],
    defaults: [{ value: 'Optional', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'RenegotiationCertCheck',
    kind: 'enum',
    description: 'Whether the partner\'s certificate is checked to be the same one as in the first handshake when the session is renegotiated.',
    certainty: 'confirmed',
    values: onOff('A renegotiation presenting a different certificate fails.', 'The certificate is not compared.'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'CertificateLabel',
    kind: 'string',
    description: 'Label of the certificate (with its private key) this end presents; when omitted the key ring\'s default certificate is used.',
    certainty: 'confirmed',
    minLength: 1,
    maxLength: 32,
    boundsCertainty: 'recalled',
    repeatable: false,
    notes: ['Labels are case sensitive. The 32-character limit is recalled (the RACF label limit).'],
  },
  {
    name: 'ServerCertificateLabel',
    kind: 'string',
    description:
      'Label of a certificate a server may present; repeat the line to offer several certificates (for example RSA and ECDSA) so that one suitable for the client can be chosen.',
    certainty: 'usage',
    minLength: 1,
    maxLength: 32,
    boundsCertainty: 'recalled',
    repeatable: true,
    notes: ['Present in the z/OS 2.5 and 3.1 diagrams. How many labels may be coded is not confirmed.'],
  },
  {
    name: 'ClientAuthType',
    kind: 'enum',
    description: 'How strictly a server checks the client certificate it asked for; only used with HandshakeRole ServerWithClientAuth.',
    certainty: 'confirmed',
    values: [
      { value: 'PassThru', description: 'A client certificate is requested but not checked; the client may also send none.' },
      { value: 'Full', description: 'A certificate is optional, but if the client sends one it is validated against the key ring.' },
      { value: 'Required', description: 'The client must send a certificate and it must validate against the key ring.' },
      {
        value: 'SAFCheck',
        description: 'The client must send a valid certificate that is also associated with a user ID in the security product (SAF).',
      },
    ],
    defaults: [{ value: 'Required', certainty: 'confirmed' }],
    repeatable: false,
    notes: [
      'Ignored unless the handshake role is ServerWithClientAuth.',
      'Not available on TTLSConnectionAdvancedParms.',
      'Required and SAFCheck failures show up as AT-TLS return codes 5001 (no certificate) and 5002 (certificate not known to SAF).',
    ],
  },
  {
    name: 'SecondaryMap',
    kind: 'enum',
    description:
      'Lets secondary connections (such as an FTP data connection) from the same process and address pair share the policy of a primary connection mapped to this environment.',
    certainty: 'confirmed',
    values: SECONDARY_MAP_VALUES,
    repeatable: false,
    notes: [
      'The diagram shows no default; pasearch shows Off at group level.',
      'Meant for applications with a single primary connection per process; which level wins (group, environment, connection) is not confirmed.',
    ],
  },
  {
    name: 'TruncatedHMAC',
    kind: 'enum',
    description: 'Use of the RFC 6066 truncated HMAC extension, which shortens record MACs to 80 bits.',
    certainty: 'confirmed',
    values: negotiated('Truncated HMAC'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'CertValidationMode',
    kind: 'enum',
    description: 'Which RFC\'s rules System SSL applies when validating certificates.',
    certainty: 'confirmed',
    values: [
      { value: 'Any', description: 'A certificate is accepted if it validates under any of the supported rule sets.' },
      { value: 'RFC2459', description: 'Validation follows RFC 2459 only.' },
      { value: 'RFC3280', description: 'Validation follows RFC 3280 only.' },
      { value: 'RFC5280', description: 'Validation follows RFC 5280 only.' },
    ],
    defaults: [{ value: 'Any', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'ClientMaxSSLFragment',
    kind: 'enum',
    description: 'As a client, whether to ask the server for a smaller maximum record size (RFC 6066 max_fragment_length).',
    certainty: 'confirmed',
    values: negotiated('The smaller record size'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
    notes: ['With Required or Optional, ClientMaxSSLFragmentLength must be coded too.'],
  },
  {
    name: 'ClientMaxSSLFragmentLength',
    kind: 'enum',
    description: 'The maximum record size, in bytes, the client asks for.',
    certainty: 'confirmed',
    values: FRAGMENT_LENGTH_VALUES,
    repeatable: false,
    notes: ['Only with ClientMaxSSLFragment Required or Optional, and then needed.'],
  },
  {
    name: 'ServerMaxSSLFragment',
    kind: 'enum',
    description: 'As a server, whether to honour a client\'s request for a smaller maximum record size.',
    certainty: 'confirmed',
    values: negotiated('The client-requested record size'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'ClientHandshakeSNI',
    kind: 'enum',
    description: 'As a client, whether to send a server name (Server Name Indication, RFC 6066) in the handshake.',
    certainty: 'confirmed',
    values: negotiated('Server Name Indication'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
    notes: ['With Required or Optional, ClientHandshakeSNIMatch and ClientHandshakeSNIList may follow.'],
  },
  {
    name: 'ClientHandshakeSNIMatch',
    kind: 'enum',
    description: 'As a client, how strictly the server\'s answer to the name sent is treated.',
    certainty: 'confirmed',
    values: [
      { value: 'Required', description: 'The handshake is believed to fail unless the server accepts the name sent.' },
      { value: 'Optional', description: 'The handshake goes on even if the server does not accept the name.' },
    ],
    repeatable: false,
    notes: ['Only with ClientHandshakeSNI Required or Optional.'],
  },
  {
    name: 'ClientHandshakeSNIList',
    kind: 'string',
    description: 'The server name or names the client sends in the SNI extension.',
    certainty: 'recalled',
    repeatable: false,
    notes: ['Only with ClientHandshakeSNI Required or Optional.', 'The exact value syntax (separators, length) is not confirmed.'],
  },
  {
    name: 'ServerHandshakeSNI',
    kind: 'enum',
    description: 'As a server, whether to use the server name sent by the client (SNI) to choose the certificate to present.',
    certainty: 'confirmed',
    values: negotiated('Server Name Indication'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
    notes: ['With Required or Optional, ServerHandshakeSNIMatch and ServerHandshakeSNIList may follow.'],
  },
  {
    name: 'ServerHandshakeSNIMatch',
    kind: 'enum',
    description: 'As a server, what happens when the name sent by the client is not in ServerHandshakeSNIList.',
    certainty: 'confirmed',
    values: [
      { value: 'Required', description: 'The handshake is believed to fail when the name has no entry in the list.' },
      { value: 'Optional', description: 'The default certificate is believed to be used when the name has no entry.' },
    ],
    repeatable: false,
    notes: ['Only with ServerHandshakeSNI Required or Optional.'],
  },
  {
    name: 'ServerHandshakeSNIList',
    kind: 'string',
    description: 'Pairs of server names and certificate labels the server uses to pick its certificate from the name the client sends.',
    certainty: 'recalled',
    repeatable: false,
    notes: ['Only with ServerHandshakeSNI Required or Optional.', 'The exact value syntax is not confirmed.'],
  },
  {
    name: '3DesKeyCheck',
    kind: 'enum',
    description: 'Whether Triple DES keys whose three parts are not all different are rejected.',
    certainty: 'confirmed',
    values: onOff('Triple DES keys with repeated key parts are rejected.', 'Triple DES keys are not checked.'),
    defaults: [{ value: 'Off', certainty: 'confirmed' }],
    repeatable: false,
    since: '2.2',
    notes: ['First release approximate.', 'The keyword starts with a digit.'],
  },
  {
    name: 'ClientEDHGroupSize',
    kind: 'enum',
    description: 'As a client, the smallest ephemeral Diffie-Hellman group the server may use.',
    certainty: 'confirmed',
    values: [
      { value: 'Legacy', description: 'Traditional System SSL behaviour, which also accepts 1024-bit groups.' },
      { value: '2048', description: 'The server must use a group of at least 2048 bits.' },
    ],
    defaults: [{ value: 'Legacy', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'ServerEDHGroupSize',
    kind: 'enum',
    description: 'As a server, the size of the ephemeral Diffie-Hellman group used for DHE cipher suites.',
    certainty: 'confirmed',
    values: [
      { value: 'Legacy', description: 'Traditional System SSL behaviour (a 1024-bit group).' },
      { value: '2048', description: 'A 2048-bit group.' },
      { value: 'Match', description: 'The group size is believed to follow the size of the server certificate key.' },
    ],
    defaults: [{ value: 'Legacy', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'PeerMinCertVersion',
    kind: 'enum',
    description: 'Oldest X.509 version accepted for the partner\'s certificate.',
    certainty: 'confirmed',
    values: [
      { value: 'Any', description: 'Certificates of any X.509 version are accepted.' },
      { value: '3', description: 'Only X.509 version 3 certificates are accepted.' },
    ],
    defaults: [{ value: 'Any', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'PeerMinDHKeySize',
    kind: 'int',
    description: 'Smallest Diffie-Hellman key, in bits, accepted from the partner.',
    certainty: 'confirmed',
    min: 0,
    max: 2048,
    boundsCertainty: 'recalled',
    defaults: [{ value: '1024', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'PeerMinDsaKeySize',
    kind: 'int',
    description: 'Smallest DSA key, in bits, accepted in the partner\'s certificate.',
    certainty: 'confirmed',
    min: 0,
    max: 2048,
    boundsCertainty: 'recalled',
    defaults: [{ value: '1024', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'PeerMinECCKeySize',
    kind: 'int',
    description: 'Smallest elliptic-curve key, in bits, accepted from the partner.',
    certainty: 'confirmed',
    min: 0,
    max: 521,
    boundsCertainty: 'recalled',
    defaults: [{ value: '192', certainty: 'confirmed' }],
    repeatable: false,
  },
  {
    name: 'PeerMinRsaKeySize',
    kind: 'int',
    description: 'Smallest RSA key, in bits, accepted in the partner\'s certificate.',
    certainty: 'usage',
    min: 0,
    max: 4096,
    boundsCertainty: 'recalled',
    defaults: [{ value: '1024', certainty: 'usage', note: 'Shown by pasearch on z/OS 3.1.' }],
    repeatable: false,
  },
  {
    name: 'ServerScsv',
    kind: 'enum',
    description: 'As a server, whether to honour the TLS_FALLBACK_SCSV signal (RFC 7507) that exposes protocol downgrade attempts.',
    certainty: 'usage',
    values: onOff('A client that signals a fallback to a lower protocol than the server supports is refused.', 'The signal is ignored.'),
    defaults: [{ value: 'Off', certainty: 'usage', note: 'Shown by pasearch on z/OS 3.1.' }],
    repeatable: false,
  },
  {
    name: 'ClientExtendedMasterSecret',
    kind: 'enum',
    description: 'As a client, use of the RFC 7627 extended master secret, which binds the session keys to the whole handshake.',
    certainty: 'usage',
    values: [
      { value: 'On', description: 'Extended master secret is used when the server supports it.' },
      { value: 'Off', description: 'Extended master secret is not offered.' },
      { value: 'Required', description: 'The handshake fails unless the server supports extended master secret.' },
    ],
    defaults: [{ value: 'On', certainty: 'usage', note: 'Shown by pasearch on z/OS 3.1.' }],
    repeatable: false,
    since: '2.3',
    notes: ['First release approximate.', 'Only On is confirmed (as the default); Off and Required are recalled.'],
  },
  {
    name: 'ServerExtendedMasterSecret',
    kind: 'enum',
    description: 'As a server, use of the RFC 7627 extended master secret, which binds the session keys to the whole handshake.',
    certainty: 'usage',
    values: [
      { value: 'On', description: 'Extended master secret is used when the client supports it.' },
      { value: 'Off', description: 'Extended master secret is not accepted.' },
      { value: 'Required', description: 'The handshake fails unless the client supports extended master secret.' },
    ],
    defaults: [{ value: 'On', certainty: 'usage', note: 'Shown by pasearch on z/OS 3.1.' }],
    repeatable: false,
    notes: ['Only On is confirmed (as the default); Off and Required are recalled.'],
  },
  // Unconfirmed: other checkers list these for this statement; IBM's reference was not found to.
  {
    name: 'HostReferenceIdDNS',
    kind: 'string',
    description: 'A DNS host name the peer certificate is checked against (the host reference identifier).',
    certainty: 'unconfirmed',
    repeatable: false,
    notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
  },
  {
    name: 'HostReferenceIdCN',
    kind: 'string',
    description: 'A common name the peer certificate is checked against (the host reference identifier).',
    certainty: 'unconfirmed',
    repeatable: false,
    notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
  },
  {
    name: 'HostRefWildcardValidation',
    kind: 'enum',
    description: 'Whether a wildcard in the peer certificate may match the host reference identifier.',
    certainty: 'unconfirmed',
    values: [
      { value: 'On', description: 'A wildcard in the certificate may match.' },
      { value: 'Off', description: 'Wildcards in the certificate do not match.' },
    ],
    repeatable: false,
    notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
  },
];

export const TTLS_ENVIRONMENT_ADVANCED_PARMS: StatementSpec = {
  name: 'TTLSEnvironmentAdvancedParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'Advanced handshake settings of an AT-TLS environment: which SSL/TLS versions are allowed, timers, renegotiation, certificate choice and checking, and TLS extensions.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSEnvironmentAction'],
  refParams: ['TTLSEnvironmentAdvancedParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'Protocol keywords contain a dot (TLSv1.1, TLSv1.2, TLSv1.3) and are case-insensitive like all keywords (TLSV1.2 is the same).',
    'Numeric ranges of this statement are recalled, not confirmed.',
  ],
  parameters: ENV_ADVANCED_PARAMETERS,
};

// ---------------------------------------------------------------------------------------------
// TTLSConnectionAdvancedParms

const env = (name: string): ParameterSpec => byName(ENV_ADVANCED_PARAMETERS, name);

const CONN_RECALLED_NOTE =
  'Believed to be allowed at connection level; the only diagram seen (z/OS 2.1) is cut off after ClientMaxSSLFragment.';

export const TTLS_CONNECTION_ADVANCED_PARMS: StatementSpec = {
  name: 'TTLSConnectionAdvancedParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'Advanced settings for the connections of a connection action that must differ from the TTLSEnvironmentAdvancedParms of the same rule; anything not coded is inherited.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSConnectionAction'],
  refParams: ['TTLSConnectionAdvancedParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'No parameter has a default here: values not coded come from the environment level.',
    'The full parameter list for z/OS 2.2 and later was not available; parameters added after 2.1 are partly recalled.',
  ],
  parameters: [
    atConnection(env('SSLv2'), 'Allows or forbids SSL 2.0 for these connections.'),
    atConnection(env('SSLv3'), 'Allows or forbids SSL 3.0 for these connections.'),
    atConnection(env('TLSv1'), 'Allows or forbids TLS 1.0 for these connections.'),
    atConnection(env('TLSv1.1'), 'Allows or forbids TLS 1.1 for these connections.'),
    atConnection(env('TLSv1.2'), 'Allows or forbids TLS 1.2 for these connections.'),
    atConnection(env('TLSv1.3'), 'Allows or forbids TLS 1.3 for these connections.', {
      certainty: 'usage',
      since: '2.4',
      notes: ['Not in the z/OS 2.1 diagram; seen in generated policies and in pasearch output at connection level.'],
    }),
    atConnection(env('ApplicationControlled'), 'Whether the application starts TLS itself with SIOCTTLSCTL on these connections.'),
    atConnection(env('HandshakeTimeout'), 'Seconds of the handshake timer of these connections: the partner must start the handshake within the value on the listening side and within five times the value on the connecting side (return code 5004 otherwise).', {
      notes: env('HandshakeTimeout').notes,
    }),
    atConnection(env('ResetCipherTimer'), 'How long these connections run before AT-TLS asks for new session keys; 0 means never. IBM gives the unit as seconds in one book and minutes in another (see the notes).', {
      notes: env('ResetCipherTimer').notes,
    }),
    atConnection(env('CertificateLabel'), 'Label of the certificate these connections present instead of the environment\'s choice.'),
    atConnection(env('ServerCertificateLabel'), 'Label of a server certificate for these connections; repeat the line to offer several.', {
      notes: ['Shown under TTLSConnectionAdvancedParms by pasearch on z/OS 3.1.'],
    }),
    atConnection(env('SecondaryMap'), 'Whether secondary connections may share the policy of these (primary) connections.'),
    atConnection(env('TruncatedHMAC'), 'Use of the RFC 6066 truncated HMAC extension on these connections.'),
    atConnection(env('ClientMaxSSLFragment'), 'As a client, whether these connections ask for a smaller maximum record size.', {
      notes: ['With Required or Optional, ClientMaxSSLFragmentLength must be coded too.'],
    }),
    atConnection(env('ClientMaxSSLFragmentLength'), 'The maximum record size, in bytes, these connections ask for as a client.', {
      notes: ['Only with ClientMaxSSLFragment Required or Optional, and then needed.'],
    }),
    atConnection(env('ServerMaxSSLFragment'), 'As a server, whether these connections honour a client request for smaller records.', {
      certainty: 'recalled',
      notes: [CONN_RECALLED_NOTE],
    }),
    atConnection(env('ClientHandshakeSNI'), 'As a client, whether these connections send a server name (SNI).', {
      certainty: 'recalled',
      notes: [CONN_RECALLED_NOTE],
    }),
    atConnection(env('ServerHandshakeSNI'), 'As a server, whether these connections choose their certificate from the client\'s server name.', {
      certainty: 'recalled',
      notes: [CONN_RECALLED_NOTE],
    }),
    atConnection(env('ClientHandshakeSNIMatch'), 'As a client, how strictly the server\'s answer to the sent name is treated on these connections.', {
      certainty: 'recalled',
      notes: [CONN_RECALLED_NOTE, 'Only with ClientHandshakeSNI Required or Optional.'],
    }),
    atConnection(env('ServerHandshakeSNIMatch'), 'As a server, what these connections do when the client\'s name is not in the list.', {
      certainty: 'recalled',
      notes: [CONN_RECALLED_NOTE, 'Only with ServerHandshakeSNI Required or Optional.'],
    }),
    atConnection(env('ClientHandshakeSNIList'), 'The server name or names these connections send as a client.', {
      certainty: 'recalled',
      notes: ['Not confirmed at connection level; value syntax not confirmed.'],
    }),
    atConnection(env('ServerHandshakeSNIList'), 'Server names and certificate labels these connections choose from as a server.', {
      certainty: 'recalled',
      notes: ['Not confirmed at connection level; value syntax not confirmed.'],
    }),
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSKeyringParms

export const TTLS_KEYRING_PARMS: StatementSpec = {
  name: 'TTLSKeyringParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'Says where an environment finds its certificates and private keys: a SAF key ring, a key database file, or a PKCS #11 token.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSEnvironmentAction'],
  refParams: ['TTLSKeyringParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'Keyring should always be coded: a key ring block without it gives the environment no certificates.',
  ],
  parameters: [
    {
      name: 'Keyring',
      kind: 'string',
      description:
        'The certificate store: a SAF key ring as ringname or userid/ringname, a z/OS UNIX key database path, or a PKCS #11 token as *TOKEN*/tokenname (sets GSK_KEYRING_FILE).',
      certainty: 'confirmed',
      minLength: 1,
      maxLength: 1023,
      repeatable: false,
      notes: [
        'Treated as a key database when KeyringPw or KeyringStashFile is also coded.',
        'A SAF key ring is opened under the identity of the application that owns the socket; a ring owned by another user is written userid/ringname.',
        'Not marked required in the IBM text seen, but the statement is useless without it.',
      ],
    },
    {
      name: 'KeyringPw',
      kind: 'string',
      description:
        'Password of a key database file (sets GSK_KEYRING_PW); coding it tells AT-TLS that Keyring names a key database.',
      certainty: 'confirmed',
      minLength: 1,
      maxLength: 128,
      repeatable: false,
      notes: ['The password then sits in the policy file in the clear; a stash file keeps it out.'],
    },
    {
      name: 'KeyringStashFile',
      kind: 'string',
      description:
        'Path of the stash file holding the key database password; coding it tells AT-TLS that Keyring names a key database.',
      certainty: 'recalled',
      repeatable: false,
      notes: [
        'When both KeyringPw and KeyringStashFile are coded, KeyringPw is believed to be used.',
        'Maximum length not confirmed (probably 1023 like Keyring).',
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSCipherParms

export const TTLS_CIPHER_PARMS: StatementSpec = {
  name: 'TTLSCipherParms',
  category: 'parms',
  fileRole: 'policy',
  description: 'The cipher suites an environment or connection may use, in order of preference.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSEnvironmentAction', 'TTLSConnectionAction'],
  refParams: ['TTLSCipherParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'Cipher values contain no blanks; repeating a parameter line adds to its list.',
    'What happens when both V3CipherSuites and V3CipherSuites4Char are coded is not confirmed: prefer one of them.',
    'A connection-level cipher list is believed to replace the environment list rather than add to it.',
  ],
  parameters: [
    {
      name: 'V2CipherSuites',
      kind: 'cipher-v2',
      description:
        'SSL 2.0 cipher specs in order of preference, as one-character codes written together or as a single cipher constant name (sets GSK_V2_CIPHER_SPECS).',
      certainty: 'confirmed',
      repeatable: true,
      notes: [
        'Repeated lines are joined into one list (IBM), and at most 10 SSL V2 ciphers can be coded in all (reference notes).',
        'IBM\'s table writes the constant names with a TLS_ prefix (TLS_RC4_128_WITH_MD5); the SSL_ spelling other products use is accepted as the same cipher. The codes 1, 2, 3, 4, 6 and 7 and their names are recalled, not read from IBM\'s table.',
        'Only used when SSLv2 is enabled, which is not recommended.',
      ],
    },
    {
      name: 'V3CipherSuites',
      kind: 'cipher-v3',
      description:
        'SSL 3.0/TLS cipher suites in order of preference: either two-character hex codes written together (such as 352F) or one cipher suite constant name per line (sets GSK_V3_CIPHER_SPECS).',
      certainty: 'confirmed',
      repeatable: true,
      notes: [
        'Repeated lines add to the list; one constant name per line is the usual style in IBM answers and samples.',
        'Suites without a two-character code (ECDHE suites, TLS 1.3 suites) can only be given here by constant name; otherwise use V3CipherSuites4Char.',
      ],
    },
    {
      name: 'V3CipherSuites4Char',
      kind: 'cipher-v3-4char',
      description:
        'SSL 3.0/TLS cipher suites in order of preference as four-character hex codes written together, such as 1301C02F (sets GSK_V3_CIPHER_SPECS_EXPANDED).',
      certainty: 'confirmed',
      defaults: [
        {
          value: 'C030C02CC02FC02B',
          from: '3.2',
          certainty: 'usage',
          note: 'From z/OS 3.2 the System SSL default list, used when no V3 cipher list is coded, is these four ECDHE AES-GCM suites (IBM blog, 2025-11). Earlier defaults are not catalogued.',
        },
      ],
      repeatable: true,
      notes: [
        'Cipher constant names are not valid here; put them on V3CipherSuites.',
        'Needed for suites that have no two-character code, such as the ECDHE (C0xx) and TLS 1.3 (13xx) suites.',
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSSignatureParms

const SIGNATURE_PAIRS_3_1 = '0601060305010503040104030402030103030302020102030202';
const SIGNATURE_PAIRS_3_2 = '060106030501050304010403';

export const TTLS_SIGNATURE_PARMS: StatementSpec = {
  name: 'TTLSSignatureParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'Elliptic curve, TLS 1.3 key share and signature algorithm preferences of an environment or connection.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSEnvironmentAction', 'TTLSConnectionAction'],
  refParams: ['TTLSSignatureParmsRef'],
  since: '2.1',
  rules: [
    UNNAMED_INLINE_RULE,
    'Lists are 4-character codes written together without blanks (ClientECurves 00230024); repeating a line adds to the list.',
    'Curve and key share group codes are decimal IANA group numbers padded to four digits; signature pairs are hexadecimal.',
  ],
  parameters: [
    {
      name: 'ClientECurves',
      kind: 'curve-list',
      description:
        'Elliptic curves the client supports, in order of preference (sets GSK_CLIENT_ECURVE_LIST); for TLS 1.3 the list also guides the choice of key exchange group.',
      certainty: 'confirmed',
      values: [
        {
          value: 'Any',
          description: 'Lets System SSL use the Brainpool curves as well as the NIST curves; must be the only value.',
        },
      ],
      defaults: [
        {
          value: '00210023002400250019',
          certainty: 'usage',
          note: 'Effective default shown by pasearch on z/OS 3.1; the diagram only says default_client_ecurves.',
        },
      ],
      repeatable: true,
      notes: [
        'Takes either a list of 4-digit curve codes or the keyword Any; Any cannot be combined with curve codes.',
        'Only NIST-recommended curves may be listed by code; use Any to allow Brainpool curves.',
        'Repeated lines are joined into one list.',
      ],
    },
    {
      name: 'ClientKeyShareGroups',
      kind: 'group-list',
      description: 'Groups for which a TLS 1.3 client sends key shares in its first message, in order of preference.',
      certainty: 'confirmed',
      defaults: [{ value: '0023', certainty: 'usage', note: 'Effective default shown by pasearch on z/OS 3.1.' }],
      repeatable: true,
      since: '2.4',
    },
    {
      name: 'ServerKexECurves',
      kind: 'curve-list',
      description: 'Elliptic curves a server accepts for ECDHE key exchange, in order of preference.',
      certainty: 'confirmed',
      defaults: [
        { value: '00230024002500210019', certainty: 'confirmed', note: 'Shown in the z/OS 2.5 diagram and by pasearch on z/OS 3.1.' },
      ],
      repeatable: true,
      since: '2.4',
    },
    {
      name: 'ServerKeyShareGroups',
      kind: 'group-list',
      description: 'Key share groups a TLS 1.3 server accepts, in order of preference.',
      certainty: 'confirmed',
      defaults: [
        {
          value: '00230024002500290030',
          certainty: 'usage',
          note: 'Shown by pasearch on z/OS 3.1. The z/OS 2.5 diagram text reads 0021002300240025001900290030, which may be garbled.',
        },
      ],
      repeatable: true,
      since: '2.4',
    },
    {
      name: 'SignaturePairs',
      kind: 'sigalg-list',
      description: 'Signature algorithm pairs (hash and signature) this end advertises and accepts in the handshake, in order of preference.',
      certainty: 'confirmed',
      defaults: [
        { value: SIGNATURE_PAIRS_3_1, certainty: 'usage', note: 'Effective default shown by pasearch on z/OS 3.1.' },
        {
          value: SIGNATURE_PAIRS_3_2,
          from: '3.2',
          certainty: 'usage',
          note: 'z/OS 3.2 drops SHA-1, SHA-224 and DSA from the default lists (IBM blog, 2025-11); this value is the 3.1 list without them, not a listing seen in IBM text.',
        },
      ],
      repeatable: true,
    },
    {
      name: 'SignaturePairsCert',
      kind: 'sigalg-list',
      description:
        'Signature algorithm pairs accepted in certificates (the TLS 1.3 signature_algorithms_cert extension), when they should differ from SignaturePairs.',
      certainty: 'confirmed',
      repeatable: true,
      since: '2.4',
      notes: ['No default shown in the diagram.'],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSGskAdvancedParms

export const TTLS_GSK_ADVANCED_PARMS: StatementSpec = {
  name: 'TTLSGskAdvancedParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'System SSL settings of an environment that have no AT-TLS equivalent: session ID and session ticket caching and certificate revocation checking.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSEnvironmentAction'],
  refParams: ['TTLSGskAdvancedParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'Keywords keep the System SSL attribute spelling with underscores (GSK_...).',
    'Later System SSL attributes (for example a sysplex session ticket cache) are not confirmed as AT-TLS keywords.',
  ],
  parameters: [
    ...inlineOrRef('TTLSGskLdapParms', 'Ldap', 'telling System SSL which LDAP servers hold certificate revocation lists'),
    ...inlineOrRef('TTLSGskOcspParms', 'Ocsp', 'with OCSP revocation checking settings'),
    ...inlineOrRef('TTLSGskHttpCdpParms', 'HttpCdp', 'with settings for fetching revocation lists over HTTP'),
    {
      name: 'GSK_SYSPLEX_SIDCACHE',
      kind: 'enum',
      description: 'Whether a server environment shares its session ID cache across the sysplex through the GSKSRVR started task.',
      certainty: 'confirmed',
      values: onOff('Session IDs are cached sysplex-wide (GSKSRVR must be running).', 'Session IDs are cached in this environment only.'),
      repeatable: false,
      notes: [
        'No default marker in the diagram; System SSL itself defaults to Off.',
        'The z/OS 2.4 documentation says TLS 1.3 session tickets are not shared across the sysplex; later documentation also mentions sysplex caching of session tickets, through a setting not catalogued here.',
      ],
    },
    {
      name: 'GSK_V2_SESSION_TIMEOUT',
      kind: 'int',
      description: 'Seconds an SSL 2.0 session ID stays in the cache.',
      certainty: 'confirmed',
      min: 0,
      max: 100,
      boundsCertainty: 'recalled',
      repeatable: false,
    },
    {
      name: 'GSK_V2_SIDCACHE_SIZE',
      kind: 'int',
      description: 'Number of SSL 2.0 session IDs kept in the cache.',
      certainty: 'confirmed',
      min: 0,
      max: 32000,
      boundsCertainty: 'recalled',
      repeatable: false,
    },
    {
      name: 'GSK_V3_SESSION_TIMEOUT',
      kind: 'int',
      description: 'Seconds an SSL 3.0/TLS session ID stays in the cache for abbreviated handshakes.',
      certainty: 'confirmed',
      min: 0,
      max: 86400,
      boundsCertainty: 'recalled',
      defaults: [{ value: '86400', certainty: 'confirmed', note: 'One day.' }],
      repeatable: false,
    },
    {
      name: 'GSK_V3_SIDCACHE_SIZE',
      kind: 'int',
      description: 'Number of SSL 3.0/TLS session IDs kept in the cache; 0 turns caching off.',
      certainty: 'confirmed',
      min: 0,
      max: 64000,
      boundsCertainty: 'recalled',
      defaults: [{ value: '512', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'GSK_SESSION_TICKET_CLIENT_ENABLE',
      kind: 'enum',
      description: 'Whether a TLS 1.3 client keeps the session tickets it receives and uses them to resume sessions.',
      certainty: 'confirmed',
      values: onOff('Session tickets are accepted and used for resumption.', 'Session tickets are not used.'),
      defaults: [{ value: 'On', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.4',
    },
    {
      name: 'GSK_SESSION_TICKET_CLIENT_MAXSIZE',
      kind: 'int',
      description: 'Largest session ticket, in bytes, a TLS 1.3 client accepts.',
      certainty: 'confirmed',
      defaults: [{ value: '8192', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.4',
      notes: ['Range not confirmed.'],
    },
    {
      name: 'GSK_SESSION_TICKET_CLIENT_MAXCACHED',
      kind: 'int',
      description: 'How many session tickets a TLS 1.3 client keeps for resumption.',
      certainty: 'unconfirmed',
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
    },
    {
      name: 'GSK_SYSPLEX_SESSION_TICKET_CACHE',
      kind: 'enum',
      description: 'Whether TLS 1.3 session tickets are kept in a cache shared across the sysplex.',
      certainty: 'unconfirmed',
      values: onOff('Session tickets are shared across the sysplex.', 'Session tickets stay on this system.'),
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.', 'IBM describes a sysplex session ticket cache for System SSL (APAR OA63252, recalled); the AT-TLS keyword is not confirmed.'],
    },
    {
      name: 'GSK_SESSION_TICKET_SERVER_ENABLE',
      kind: 'enum',
      description: 'Whether a TLS 1.3 server issues session tickets so that clients can resume sessions.',
      certainty: 'confirmed',
      values: onOff('The server sends session tickets.', 'The server sends no session tickets.'),
      defaults: [{ value: 'On', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.4',
    },
    {
      name: 'GSK_SESSION_TICKET_SERVER_ALGORITHM',
      kind: 'enum',
      description: 'Cipher a TLS 1.3 server uses to encrypt the session tickets it issues.',
      certainty: 'confirmed',
      values: [
        { value: 'AESCBC128', description: 'AES in CBC mode with a 128-bit key.' },
        { value: 'AESCBC256', description: 'AES in CBC mode with a 256-bit key.' },
      ],
      defaults: [{ value: 'AESCBC128', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.4',
    },
    {
      name: 'GSK_SESSION_TICKET_SERVER_COUNT',
      kind: 'int',
      description: 'Number of session tickets a TLS 1.3 server sends after a full handshake.',
      certainty: 'confirmed',
      defaults: [{ value: '2', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.4',
      notes: ['Range not confirmed.'],
    },
    {
      name: 'GSK_SESSION_TICKET_SERVER_KEY_REFRESH',
      kind: 'int',
      description: 'Seconds between changes of the key a TLS 1.3 server uses to encrypt its session tickets.',
      certainty: 'confirmed',
      defaults: [{ value: '300', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.4',
      notes: ['Range not confirmed.'],
    },
    {
      name: 'GSK_SESSION_TICKET_SERVER_TIMEOUT',
      kind: 'int',
      description: 'Seconds a session ticket issued by a TLS 1.3 server can be used to resume a session.',
      certainty: 'confirmed',
      defaults: [{ value: '300', certainty: 'confirmed' }],
      repeatable: false,
      since: '2.4',
      notes: ['Range not confirmed.'],
    },
    {
      name: 'AIACDPPriority',
      kind: 'enum',
      description:
        'Order in which revocation sources named in a certificate are tried: the Authority Information Access (OCSP) extension or the CRL distribution points (sets GSK_AIA_CDP_PRIORITY).',
      certainty: 'confirmed',
      values: onOff(
        'Responders from the Authority Information Access extension are tried before CRL distribution points.',
        'CRL distribution points are tried before Authority Information Access responders.',
      ),
      repeatable: false,
      notes: ['No default marker in the diagram; System SSL itself is believed to default to On.'],
    },
    {
      name: 'MaxSrcRevExtLocValues',
      kind: 'int',
      description:
        'Upper limit on the number of revocation source locations taken from certificate extensions (sets GSK_MAX_SOURCE_REV_EXT_LOC_VALUES).',
      certainty: 'confirmed',
      repeatable: false,
      notes: ['Range and default not confirmed.'],
    },
    {
      name: 'MaxValidRevExtLocValues',
      kind: 'int',
      description:
        'Upper limit on the number of those revocation locations that are actually contacted (sets GSK_MAX_VALIDATED_REV_EXT_LOC_VALUES).',
      certainty: 'confirmed',
      repeatable: false,
      notes: ['Range and default not confirmed.'],
    },
    {
      name: 'RevocationSecurityLevel',
      kind: 'enum',
      description:
        'How strictly failures to get revocation information through OCSP or HTTP CRL distribution points are treated (sets GSK_REVOCATION_SECURITY_LEVEL).',
      certainty: 'confirmed',
      values: REVOCATION_LEVEL_VALUES,
      repeatable: false,
      notes: ['No default marker in the diagram; System SSL itself defaults to Medium.'],
    },
    {
      name: 'CrlSigAlgPairs',
      kind: 'sigalg-list',
      description: 'Signature algorithm pairs accepted on certificate revocation lists, in order of preference.',
      certainty: 'usage',
      repeatable: true,
      since: '3.2',
      notes: [
        'New in z/OS 3.2 (IBM blog "AT-TLS and System SSL Defaults in z/OS 3.2", 2025-11); the IBM reference page was not seen.',
        'That the line may be repeated is assumed by analogy with OcspResponseSigAlgPairs; the default list is not known.',
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSGskLdapParms

export const TTLS_GSK_LDAP_PARMS: StatementSpec = {
  name: 'TTLSGskLdapParms',
  category: 'parms',
  fileRole: 'policy',
  description: 'The LDAP servers from which System SSL fetches certificate revocation lists, and how it uses them.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSGskAdvancedParms'],
  refParams: ['TTLSGskLdapParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'At least one GSK_LDAP_SERVER is required.',
    'GSK_LDAP_USER and GSK_LDAP_USER_PW go together: code both or neither.',
    'The z/OS 2.1 text places this statement in TTLSEnvironmentAction, but later diagrams carry it in TTLSGskAdvancedParms; the catalogue follows the later diagrams.',
  ],
  parameters: [
    {
      name: 'GSK_LDAP_SERVER',
      kind: 'string',
      description: 'Host name of an LDAP server holding revocation lists, optionally followed by :port; repeat the line for more servers.',
      certainty: 'confirmed',
      repeatable: true,
      required: true,
      notes: ['Maximum length not confirmed.'],
    },
    {
      name: 'GSK_LDAP_USER',
      kind: 'string',
      description: 'Distinguished name used to bind to the LDAP server.',
      certainty: 'confirmed',
      repeatable: false,
      notes: ['Code together with GSK_LDAP_USER_PW (both or neither).'],
    },
    {
      name: 'GSK_LDAP_USER_PW',
      kind: 'string',
      description: 'Password for the GSK_LDAP_USER bind.',
      certainty: 'confirmed',
      repeatable: false,
      notes: ['Code together with GSK_LDAP_USER (both or neither).'],
    },
    {
      name: 'GSK_LDAP_SERVER_PORT',
      kind: 'int',
      description: 'LDAP server port used when GSK_LDAP_SERVER gives none.',
      certainty: 'confirmed',
      min: 1,
      max: 65535,
      repeatable: false,
      notes: ['System SSL is believed to default to 389.'],
    },
    {
      name: 'GSK_CRL_CACHE_TIMEOUT',
      kind: 'int',
      description: 'Hours a revocation list fetched from LDAP stays in the cache.',
      certainty: 'confirmed',
      repeatable: false,
      notes: ['System SSL is believed to allow 0-720 with a default of 24; not confirmed for AT-TLS.'],
    },
    {
      name: 'LDAPResponseTimeout',
      kind: 'int',
      description: 'Seconds to wait for an answer from the LDAP server (System SSL has GSK_LDAP_RESPONSE_TIMEOUT, default 15).',
      certainty: 'unconfirmed',
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
    },
    {
      name: 'CRLCacheSize',
      kind: 'int',
      description: 'How many revocation lists the cache holds (System SSL has GSK_CRL_CACHE_SIZE).',
      certainty: 'unconfirmed',
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
    },
    {
      name: 'CRLCacheEntryMaxsize',
      kind: 'int',
      description: 'Largest revocation list, in bytes, the cache keeps (System SSL has GSK_CRL_CACHE_ENTRY_MAXSIZE).',
      certainty: 'unconfirmed',
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
    },
    {
      name: 'CRLCacheExtended',
      kind: 'enum',
      description: 'Whether the extended revocation list cache is used.',
      certainty: 'unconfirmed',
      values: onOff('On.', 'Off.'),
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
    },
    {
      name: 'CRLCacheTempCRL',
      kind: 'enum',
      description: 'Whether a temporary entry is cached when no revocation list can be fetched.',
      certainty: 'unconfirmed',
      values: onOff('On.', 'Off.'),
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
    },
    {
      name: 'CRLCacheTempCRLTimeout',
      kind: 'int',
      description: 'Hours a temporary revocation list entry stays in the cache.',
      certainty: 'unconfirmed',
      repeatable: false,
      notes: ['Listed for z/OS 2.5 by a third-party checker (TTLSCHK v2); not found in the IBM AT-TLS reference. attls reports it as unconfirmed, never as an error.'],
    },
    {
      name: 'GSK_CRL_SECURITY_LEVEL',
      kind: 'enum',
      description: 'How strictly failures to get a revocation list from LDAP are treated.',
      certainty: 'confirmed',
      values: REVOCATION_LEVEL_VALUES,
      repeatable: false,
      notes: ['System SSL is believed to default to Medium.'],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSGskOcspParms

export const TTLS_GSK_OCSP_PARMS: StatementSpec = {
  name: 'TTLSGskOcspParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'How System SSL checks certificate revocation with OCSP responders, and whether a server staples OCSP responses into its handshake.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSGskAdvancedParms'],
  refParams: ['TTLSGskOcspParmsRef'],
  since: '2.1',
  rules: [
    UNNAMED_INLINE_RULE,
    'With OcspUrl coded and both OcspAiaEnable and OcspUrlPriority On, the OcspUrl responder is asked before the responders named in certificates.',
  ],
  parameters: [
    {
      name: 'OcspUrl',
      kind: 'string',
      description: 'HTTP URL of an OCSP responder to ask about every certificate, written http://host[:port][/path].',
      certainty: 'confirmed',
      maxLength: 2083,
      repeatable: false,
      notes: ['The host may be an IPv4 or IPv6 address or a domain name.'],
    },
    {
      name: 'OcspAiaEnable',
      kind: 'enum',
      description: 'Whether OCSP responders named in a certificate\'s Authority Information Access extension are asked.',
      certainty: 'confirmed',
      values: onOff('Responders from certificates are used.', 'Responders from certificates are ignored.'),
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'OcspProxyServerName',
      kind: 'string',
      description: 'Host name of an HTTP proxy through which OCSP requests are sent.',
      certainty: 'confirmed',
      repeatable: false,
      notes: ['Maximum length not confirmed.'],
    },
    {
      name: 'OcspProxyServerPort',
      kind: 'int',
      description: 'Port of the OCSP HTTP proxy.',
      certainty: 'confirmed',
      min: 1,
      max: 65535,
      defaults: [{ value: '80', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'OcspRetrieveViaGet',
      kind: 'enum',
      description: 'Whether OCSP requests are sent with HTTP GET instead of POST.',
      certainty: 'confirmed',
      values: onOff('Requests use HTTP GET.', 'Requests use HTTP POST.'),
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'OcspUrlPriority',
      kind: 'enum',
      description: 'When both OcspUrl and certificate-named responders apply, which is asked first.',
      certainty: 'confirmed',
      values: onOff('The OcspUrl responder is asked first.', 'Responders named in the certificate are asked first.'),
      defaults: [{ value: 'On', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'OcspRequestSigkeylabel',
      kind: 'string',
      description: 'Label of the certificate whose private key signs OCSP requests; requests are not signed when omitted.',
      certainty: 'confirmed',
      repeatable: false,
    },
    {
      name: 'OcspRequestSigalg',
      kind: 'sigalg-list',
      description: 'Signature algorithm pair used to sign OCSP requests: one 4-character code.',
      certainty: 'confirmed',
      defaults: [{ value: '0401', certainty: 'confirmed', note: 'SHA-256 with RSA.' }],
      repeatable: false,
      notes: ['Takes a single code, not a list.'],
    },
    {
      name: 'OcspResponseSigAlgPairs',
      kind: 'sigalg-list',
      description: 'Signature algorithm pairs accepted on OCSP responses, in order of preference.',
      certainty: 'confirmed',
      repeatable: true,
    },
    {
      name: 'OcspServerStapling',
      kind: 'enum',
      description: 'Whether a server fetches OCSP responses for its own certificates and sends them to clients in the handshake (OCSP stapling).',
      certainty: 'confirmed',
      values: [
        { value: 'Off', description: 'No stapling.' },
        { value: 'Any', description: 'Staples whatever status the client asks for, believed to include the issuing CAs where supported.' },
        { value: 'EndEntity', description: 'Staples the status of the server\'s own certificate only.' },
      ],
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'OcspClientCacheSize',
      kind: 'int',
      description: 'Number of OCSP responses kept in the cache; 0 is believed to turn caching off.',
      certainty: 'confirmed',
      defaults: [{ value: '256', certainty: 'confirmed' }],
      repeatable: false,
      notes: ['Range not confirmed (System SSL is believed to allow 0-32000).'],
    },
    {
      name: 'OcspCliCacheEntryMaxsize',
      kind: 'int',
      description: 'Largest OCSP response, in bytes, that is kept in the cache; 0 is believed to mean no limit.',
      certainty: 'confirmed',
      defaults: [{ value: '0', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'OcspNonceGenEnable',
      kind: 'enum',
      description: 'Whether a random nonce is added to OCSP requests to guard against replayed responses.',
      certainty: 'confirmed',
      values: onOff('Requests carry a nonce.', 'Requests carry no nonce.'),
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
    },
    {
      name: 'OcspNonceCheckEnable',
      kind: 'enum',
      description: 'Whether an OCSP response must return the nonce sent in the request.',
      certainty: 'confirmed',
      values: onOff('Responses without the matching nonce are rejected.', 'The nonce is not checked.'),
      defaults: [{ value: 'Off', certainty: 'confirmed' }],
      repeatable: false,
      notes: ['Only meaningful together with OcspNonceGenEnable On.'],
    },
    {
      name: 'OcspNonceSize',
      kind: 'int',
      description: 'Size of the OCSP request nonce in bytes.',
      certainty: 'confirmed',
      defaults: [{ value: '8', certainty: 'confirmed' }],
      repeatable: false,
      notes: ['Range not confirmed (System SSL is believed to allow 8-256).'],
    },
    {
      name: 'OcspResponseTimeout',
      kind: 'int',
      description: 'Seconds to wait for an answer from an OCSP responder.',
      certainty: 'confirmed',
      defaults: [{ value: '15', certainty: 'confirmed' }],
      repeatable: false,
      notes: ['Range not confirmed (System SSL is believed to allow 0-43200).'],
    },
    {
      name: 'OcspMaxResponseSize',
      kind: 'int',
      description: 'Largest OCSP response, in bytes, that is accepted.',
      certainty: 'confirmed',
      defaults: [{ value: '20480', certainty: 'confirmed' }],
      repeatable: false,
      notes: ['Range not confirmed.'],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// TTLSGskHttpCdpParms

export const TTLS_GSK_HTTP_CDP_PARMS: StatementSpec = {
  name: 'TTLSGskHttpCdpParms',
  category: 'parms',
  fileRole: 'policy',
  description:
    'How System SSL fetches certificate revocation lists over HTTP from the CRL distribution points named in certificates.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSGskAdvancedParms'],
  refParams: ['TTLSGskHttpCdpParmsRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'The IBM reference page for this statement was not available; names and defaults come from pasearch output of z/OS 3.1.',
  ],
  parameters: [
    {
      name: 'HttpCdpEnable',
      kind: 'enum',
      description: 'Whether revocation lists are fetched over HTTP from the URLs in certificates\' CRL distribution points extension.',
      certainty: 'usage',
      values: onOff('HTTP CRL distribution points are used.', 'HTTP CRL distribution points are ignored.'),
      defaults: [{ value: 'Off', certainty: 'usage' }],
      repeatable: false,
    },
    {
      name: 'HttpCdpProxyServerName',
      kind: 'string',
      description: 'Host name of an HTTP proxy through which revocation lists are fetched.',
      certainty: 'recalled',
      repeatable: false,
      notes: ['Name taken from a third-party checker; it follows the OcspProxyServerName pattern.'],
    },
    {
      name: 'HttpCdpProxyServerPort',
      kind: 'int',
      description: 'Port of the HTTP proxy used for revocation lists.',
      certainty: 'usage',
      min: 1,
      max: 65535,
      defaults: [{ value: '80', certainty: 'usage' }],
      repeatable: false,
    },
    {
      name: 'HttpCdpResponseTimeout',
      kind: 'int',
      description: 'Seconds to wait for an HTTP server to return a revocation list.',
      certainty: 'usage',
      defaults: [{ value: '15', certainty: 'usage' }],
      repeatable: false,
    },
    {
      name: 'HttpCdpMaxResponseSize',
      kind: 'int',
      description: 'Largest revocation list, in bytes, accepted from an HTTP server.',
      certainty: 'usage',
      defaults: [{ value: '204800', certainty: 'usage' }],
      repeatable: false,
    },
    {
      name: 'HttpCdpCacheSize',
      kind: 'int',
      description: 'Number of revocation lists fetched over HTTP kept in the cache.',
      certainty: 'usage',
      defaults: [{ value: '32', certainty: 'usage' }],
      repeatable: false,
    },
    {
      name: 'HttpCdpCacheEntryMaxsize',
      kind: 'int',
      description: 'Largest revocation list, in bytes, kept in the cache; 0 is believed to mean no limit.',
      certainty: 'usage',
      defaults: [{ value: '0', certainty: 'usage' }],
      repeatable: false,
    },
  ],
};
