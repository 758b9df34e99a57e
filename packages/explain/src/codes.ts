// The return-code table, in our own words: what each AT-TLS or System SSL code means, what usually
// causes it, where to look in the policy and what to check outside it. The facts come from
// shared/reference/return-codes.json and semantics.md sections 5 and 9, and from the stories in the seeds;
// every entry says how sure we are of its meaning.
import type { Certainty } from '@attls/language';

/**
 * Places in a policy a return code points at. The log explainer turns each into the concrete
 * statement, parameter, value, file and line of the policy it is given.
 */
export type PolicyFocus =
  /** The TTLSRule that mapped the connection. */
  | 'rule'
  /** The TTLSEnvironmentAction of the connection (the System SSL environment). */
  | 'environment-action'
  /** TTLSKeyringParms Keyring: ring name and owner, or key database file. */
  | 'keyring'
  /** KeyringPw / KeyringStashFile, for a key database file. */
  | 'keyring-password'
  /** CertificateLabel / ServerCertificateLabel, or the ring's default certificate. */
  | 'certificate-label'
  /** HandshakeRole (connection action over environment action). */
  | 'handshake-role'
  /** ClientAuthType of the environment advanced parms. */
  | 'client-auth'
  /** TTLSCipherParms (connection level replaces environment level). */
  | 'ciphers'
  /** SSLv2 ... TLSv1.3 switches (connection level over environment level over default). */
  | 'protocols'
  /** HandshakeTimeout. */
  | 'handshake-timeout'
  /** ApplicationControlled. */
  | 'application-controlled'
  /** Renegotiation settings. */
  | 'renegotiation'
  /** CertValidationMode and revocation checking parms. */
  | 'cert-validation'
  /** FIPS140 on the group action. */
  | 'fips'
  /** EnvironmentUserInstance: raise it to make AT-TLS reopen the key ring. */
  | 'instance';

/** How a place is described when no policy is given (or the place is not found in it). */
export const FOCUS_DESCRIPTIONS: Readonly<Record<PolicyFocus, string>> = {
  rule: 'the TTLSRule named in the message (RULE), which mapped the connection',
  'environment-action': 'the TTLSEnvironmentAction of the rule (second name after ACTIONS in EZD1281I)',
  keyring:
    "TTLSKeyringParms Keyring in the environment action: the ring name and its owner (the part before '/'); a ring without an owner belongs to the user ID the connection runs under",
  'keyring-password': 'KeyringPw or KeyringStashFile, needed when Keyring names a key database file rather than a SAF key ring',
  'certificate-label':
    'CertificateLabel or ServerCertificateLabel (connection or environment advanced parms); without one, the default certificate of the key ring is used',
  'handshake-role':
    'HandshakeRole (a connection action overrides the environment action): one end must be Client, the other Server or ServerWithClientAuth',
  'client-auth': 'ClientAuthType in TTLSEnvironmentAdvancedParms (default Required); it only applies with HandshakeRole ServerWithClientAuth',
  ciphers:
    'TTLSCipherParms V3CipherSuites / V3CipherSuites4Char (a list at connection level replaces the environment list); both ends need one suite in common',
  protocols: 'SSLv3, TLSv1, TLSv1.1, TLSv1.2 and TLSv1.3 in the advanced parms (connection level over environment level over the release default)',
  'handshake-timeout':
    'HandshakeTimeout in the advanced parms (default 10 seconds): the partner must start the handshake within it on the listening side, and within five times it on the side that opened the connection',
  'application-controlled': 'ApplicationControlled in the advanced parms: with On, the application starts TLS itself',
  renegotiation: 'Renegotiation and RenegotiationIndicator in TTLSEnvironmentAdvancedParms',
  'cert-validation': 'CertValidationMode in TTLSEnvironmentAdvancedParms, and revocation checking (TTLSGskLdapParms, TTLSGskOcspParms, TTLSGskHttpCdpParms)',
  fips: 'FIPS140 on the TTLSGroupAction',
  instance:
    'EnvironmentUserInstance on the TTLSEnvironmentAction: raise it after changing a key ring in RACF, so AT-TLS reopens the ring on the next policy refresh',
};

export interface ReturnCodeInfo {
  readonly code: number;
  /** What the code means, in one or two sentences of our own. */
  readonly meaning: string;
  /** How sure we are of the meaning. */
  readonly certainty: Certainty;
  /** Where the meaning comes from; for uncertain entries, why it is uncertain. */
  readonly source: string;
  /** What usually leads to it, most likely first. */
  readonly causes: readonly string[];
  /** Where to look in the policy, most relevant first. */
  readonly policy: readonly PolicyFocus[];
  /** What to check outside the policy: the security product, the certificate, the partner. */
  readonly checks: readonly string[];
  /** True when the code reports what the partner did, so the real error is in the partner's log. */
  readonly partnerSide?: boolean;
  /** True when the code says an earlier environment error is the real cause (5006). */
  readonly followsEnvironmentError?: boolean;
}

// Reusable sentences ------------------------------------------------------------------------------

const RING_LIST = "List the ring and what is connected to it: RACDCERT ID(owner) LISTRING(ring).";
const RING_REFRESH =
  'After changing a key ring in RACF, refresh (SETROPTS RACLIST(DIGTCERT) REFRESH) and make AT-TLS reopen it: raise EnvironmentUserInstance and refresh the policy, or restart the application.';
const PARTNER_LOG = "Look at the partner's own log or trace: it records why it gave up.";
const INTERNAL = 'Not usually caused by the policy. If it repeats, take a System SSL trace (GSKSRVR) and report it to IBM service.';
const IBM_SSL = 'z/OS Cryptographic Services System SSL Programming, SSL function return codes';
const IBM_ATTLS = 'z/OS Communications Server IP Diagnosis Guide, AT-TLS return codes';
const GSKIT_ONLY =
  'Meaning recalled from GSKit documentation of other platforms; not found in the z/OS System SSL manual pages we read. Treat it as a hint.';
const MEMORY_ONLY = 'Remembered, not found in any IBM page we read. Treat it as a hint.';
// Only the name: each source says in its own sentence what the session quotes and what we have
// not checked, so that the parts read as one sentence when they are put together.
const SEED_003 = 'SHARE 2014 session 14869 (IBM)';

/** Every return code we explain individually. */
export const RETURN_CODES: readonly ReturnCodeInfo[] = [
  // System SSL: general ---------------------------------------------------------------------------
  {
    code: 1,
    meaning: 'System SSL was handed a handle (environment or connection) it does not recognise.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['An environment or connection that was already closed or refreshed', 'An internal AT-TLS or System SSL problem'],
    policy: [],
    checks: [INTERNAL],
  },
  {
    code: 3,
    meaning: 'System SSL hit an internal error.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['A System SSL or cryptographic service problem'],
    policy: [],
    checks: [INTERNAL],
  },
  {
    code: 4,
    meaning: 'System SSL could not get the storage it needed.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['The TCP/IP or application address space is short of storage (REGION, MEMLIMIT)', 'Very many AT-TLS environments or connections at once'],
    policy: [],
    checks: ['Check the storage limits of the TCP/IP stack and the application.', INTERNAL],
  },
  {
    code: 5,
    meaning: 'A System SSL handle was used in a state where that call is not allowed.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['Calls made in an unexpected order, for instance by an application-controlled connection'],
    policy: ['application-controlled'],
    checks: ['With ApplicationControlled On, check the order of the SIOCTTLSCTL requests the application makes.', INTERNAL],
  },
  {
    code: 6,
    meaning: 'The certificate label that was asked for is not in the key ring, key database or token.',
    certainty: 'confirmed',
    source: `${IBM_SSL}; also quoted in ${SEED_003}`,
    causes: [
      'The certificate is not connected to the key ring (SHARE 2014: the FTP server certificate had been left off the server ring)',
      'CertificateLabel names a label that is spelt differently from the one in RACF (labels are case sensitive)',
      'No label is coded and the ring has no certificate marked as DEFAULT',
    ],
    policy: ['certificate-label', 'keyring', 'instance'],
    checks: [RING_LIST, 'Compare the label in the policy with the label RACF shows, character for character.', RING_REFRESH],
  },
  {
    code: 7,
    meaning: 'No certificate is available to use: the key ring or database holds nothing usable for this end.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: [
      'The ring is empty, or its certificates are not trusted or have no private key',
      'A server (or a client asked for a certificate) has no personal certificate on its ring',
    ],
    policy: ['keyring', 'certificate-label', 'handshake-role'],
    checks: [RING_LIST, 'A server needs a personal (or site) certificate with its private key on the ring, marked DEFAULT or named by label.'],
  },
  {
    code: 8,
    meaning: 'A certificate failed validation.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: [
      "The CA certificate that signed the partner's certificate is missing from this end's key ring",
      'A certificate in the chain is expired, not yet valid, not trusted or revoked',
    ],
    policy: ['keyring', 'cert-validation', 'client-auth'],
    checks: [RING_LIST, "Check that the ring holds the root (and intermediate) CA certificates of the partner's certificate, marked TRUST."],
  },
  {
    code: 9,
    meaning: 'A cryptographic operation failed.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['ICSF is not active while the key or the cipher needs it', 'The key type or size does not suit the chosen cipher', 'FIPS 140 mode rules out the key or algorithm'],
    policy: ['ciphers', 'fips', 'certificate-label'],
    checks: ['Check that ICSF is started and that the certificate key is usable by it.'],
  },
  {
    code: 10,
    meaning: 'A certificate or other encoded structure could not be decoded (ASN.1 processing error).',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['A damaged or unusual certificate on the ring or sent by the partner'],
    policy: ['keyring'],
    checks: ['Look at the certificates involved (RACDCERT LIST) and at what the partner sends.'],
  },
  {
    code: 11,
    meaning: 'An error occurred while talking to the LDAP server used for certificate revocation lists.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['The LDAP server in TTLSGskLdapParms is wrong, down or unreachable'],
    policy: ['cert-validation'],
    checks: ['Check the LDAP server name, port and credentials, and that it answers.'],
  },
  {
    code: 12,
    meaning: 'System SSL met an error it did not expect.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['An internal problem'],
    policy: [],
    checks: [INTERNAL],
  },
  {
    code: 13,
    meaning: 'A structure passed to System SSL was smaller than it needs.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['An internal or programming problem, not a policy setting'],
    policy: [],
    checks: [INTERNAL],
  },
  {
    code: 14,
    meaning: 'A required cipher-suite structure was not supplied to System SSL.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['An internal or programming problem, not a policy setting'],
    policy: [],
    checks: [INTERNAL],
  },
  // System SSL: key database and key ring --------------------------------------------------------
  {
    code: 102,
    meaning: 'The key ring (or key database file) was opened, but reading its contents failed.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: [
      'The user ID lacks access to read the ring or the certificates on it',
      'A damaged key database file, or one written by an incompatible tool',
    ],
    policy: ['keyring', 'keyring-password'],
    checks: [RING_LIST, 'Check the access of the user ID the connection runs under to the ring (RDATALIB or FACILITY IRR.DIGTCERT.LISTRING).'],
  },
  {
    code: 103,
    meaning: 'A record in the key database file has a format System SSL does not accept.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['The file named by Keyring is not a System SSL key database, or it is damaged'],
    policy: ['keyring'],
    checks: ['Check that Keyring names the intended key database (gskkyman) file.'],
  },
  {
    code: 106,
    meaning: 'The password for the key database is wrong.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['KeyringPw is wrong, or the stash file belongs to another database'],
    policy: ['keyring-password', 'keyring'],
    checks: ['Recreate the stash file for this database, or correct KeyringPw.'],
  },
  {
    code: 109,
    meaning: 'The key ring or database holds no certificate authority (CA) certificates.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ["The CA certificates needed to check the partner's certificate are not connected to the ring"],
    policy: ['keyring'],
    checks: [RING_LIST, "Connect the partner's root CA certificate (CERTAUTH, TRUST) to the ring."],
  },
  {
    code: 201,
    meaning: 'A key database file needs a password, and none was given.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['Keyring names a key database file but neither KeyringPw nor KeyringStashFile is coded'],
    policy: ['keyring-password', 'keyring'],
    checks: ['Code KeyringStashFile (or KeyringPw) with the key database, or use a SAF key ring instead.'],
  },
  {
    code: 202,
    meaning:
      'The key database or key ring could not be opened. In AT-TLS this happens when the environment is set up, and usually means the ring does not exist under that owner or the user ID may not read it.',
    certainty: 'confirmed',
    source: `${IBM_SSL}; AT-TLS "Environment Init" note in ${IBM_ATTLS}; story in ${SEED_003}`,
    causes: [
      "The owner part of Keyring (before '/') is misspelt, so the ring is looked for under the wrong user (SHARE 2014: FTPP written instead of FTPD)",
      'The ring name is misspelt (ring names are case sensitive)',
      "The user ID the connection runs under is not allowed to read the ring, especially another user's ring",
      'A ring without an owner part is looked for under the user ID of the connection, which has no such ring',
    ],
    policy: ['keyring', 'environment-action', 'instance'],
    checks: [
      RING_LIST,
      "The user ID the connection runs under (USERID in EZD1281I or EZD1286I) needs READ access to the ring: a RDATALIB profile owner.ring.LST, or FACILITY IRR.DIGTCERT.LISTRING. Look for ICH408I messages naming that user.",
      RING_REFRESH,
    ],
  },
  {
    code: 203,
    meaning: 'System SSL could not create a temporary key pair.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['A cryptographic service problem (ICSF), or a cipher that needs a temporary key the system cannot make'],
    policy: ['ciphers', 'fips'],
    checks: ['Check that ICSF is active.'],
  },
  {
    code: 204,
    meaning: 'The password of the key database file has expired.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['The key database was created with a password expiry date that has passed'],
    policy: ['keyring', 'keyring-password'],
    checks: ['Change the database password with gskkyman and recreate the stash file.'],
  },
  {
    code: 302,
    meaning: 'The request is not allowed while the connection is active.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['An application-controlled connection asked for something that only works before or after the secure session'],
    policy: ['application-controlled'],
    checks: ['Check the order of the SIOCTTLSCTL requests the application makes.'],
  },
  // System SSL: handshake -----------------------------------------------------------------------
  {
    code: 401,
    meaning: 'A certificate is outside its validity dates: it has expired, or it is not valid yet.',
    certainty: 'confirmed',
    source: `${IBM_SSL}; story in ${SEED_003}`,
    causes: [
      'The certificate this end presents has expired (SHARE 2014: the FTP server certificate ended in 2011)',
      'The certificate the partner presents has expired or starts in the future',
      'The system clock of one end is wrong',
    ],
    policy: ['certificate-label', 'keyring'],
    checks: [
      'Show the certificate and its Start Date / End Date: RACDCERT ID(owner) LIST(LABEL(label)).',
      'Renew the certificate (a new request and certificate, keeping or replacing the key pair), mark it TRUST, then refresh the ring.',
      RING_REFRESH,
    ],
  },
  {
    code: 402,
    meaning: 'The two ends have no cipher suite in common, so no secure session could be agreed (AT-TLS "Connection Init").',
    certainty: 'confirmed',
    source: `${IBM_SSL}; ${IBM_ATTLS}`,
    causes: [
      "The V3CipherSuites lists of the two ends do not overlap",
      'The protocol versions enabled leave no common suite (TLS 1.3 suites only work with TLSv1.3 On)',
      "The certificate's key type does not fit the suites (an ECDSA certificate with only RSA suites, or the reverse)",
      'FIPS 140 mode or missing ICSF removes suites from the list',
    ],
    policy: ['ciphers', 'protocols', 'certificate-label', 'fips'],
    checks: ["Compare this end's cipher list with what the partner offers or accepts.", 'A cipher list at connection level replaces the environment list entirely.'],
  },
  {
    code: 403,
    meaning: 'The partner sent no certificate although one was required.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: [
      'As a server with ServerWithClientAuth: the client has no certificate configured',
      'As a client: the server presented no certificate',
    ],
    policy: ['handshake-role', 'client-auth'],
    checks: ["Check the partner's certificate set-up.", 'If client certificates are optional for this service, ClientAuthType Full or PassThru avoids the failure.'],
  },
  {
    code: 405,
    meaning: 'A certificate is in a format System SSL does not support.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['An unusual certificate version, key type or encoding on the ring or from the partner'],
    policy: ['keyring', 'certificate-label'],
    checks: ['Look at the certificates involved (RACDCERT LIST) and at what the partner sends.'],
  },
  {
    code: 406,
    meaning:
      'Reading from or writing to the socket failed during the TLS exchange; usually the partner closed or reset the connection.',
    certainty: 'usage',
    source: `${SEED_003} quotes the IP Diagnosis Guide for this code ("Connection Init": an I/O error on the socket). We have not checked the guide itself, and the z/OS System SSL wording is not confirmed.`,
    causes: [
      'The partner failed and reset the connection (SHARE 2014: the client saw 406 while the server failed with 202 and 5006)',
      'A firewall or the network dropped the connection',
    ],
    policy: ['rule'],
    checks: [PARTNER_LOG],
    partnerSide: true,
  },
  {
    code: 407,
    meaning: 'The certificate label given does not exist in the key ring or database.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['CertificateLabel or ServerCertificateLabel is misspelt, or the certificate is not connected to this ring'],
    policy: ['certificate-label', 'keyring'],
    checks: [RING_LIST, 'Labels are case sensitive.'],
  },
  {
    code: 408,
    meaning: 'The password given for the key database file does not match it.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['KeyringPw or the stash file does not match the key database'],
    policy: ['keyring-password'],
    checks: ['Recreate the stash file, or correct KeyringPw.'],
  },
  {
    code: 409,
    meaning: 'A key length is not allowed for export.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['Old export-grade cipher suites or short keys'],
    policy: ['ciphers'],
    checks: ['Remove export-grade suites from the cipher list.'],
  },
  {
    code: 410,
    meaning: 'A TLS message from the partner was malformed.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['The partner is not speaking TLS on this port, or speaks a version this end does not expect'],
    policy: ['protocols', 'handshake-role'],
    checks: ['Check that the partner really uses TLS on this port.'],
  },
  {
    code: 411,
    meaning: 'A message authentication code did not verify: the data was altered or the keys differ.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['Data changed on the way (a middlebox), or a partner bug'],
    policy: [],
    checks: ['Look for devices between the two ends that touch the TLS stream.'],
  },
  {
    code: 412,
    meaning: 'The TLS/SSL protocol version or the certificate type is not supported.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: [
      'The two ends have no protocol version in common (for instance only TLSv1.3 on one end and only TLSv1.2 on the other)',
      'The certificate type cannot be used with the protocol or cipher chosen',
    ],
    policy: ['protocols', 'ciphers', 'certificate-label'],
    checks: ['Compare the protocol versions enabled on both ends.'],
  },
  {
    code: 413,
    meaning: 'A certificate signature does not verify.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['The CA certificate on the ring is not the one that signed the certificate (for instance an old CA with the same name)'],
    policy: ['keyring'],
    checks: [RING_LIST],
  },
  {
    code: 414,
    meaning: 'A certificate is not valid.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['A certificate in the chain is untrusted, malformed or does not fit its use'],
    policy: ['keyring', 'cert-validation'],
    checks: [RING_LIST],
  },
  {
    code: 415,
    meaning: 'The partner broke the rules of the TLS protocol.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['An incompatible or faulty TLS implementation on the partner', 'A renegotiation or extension the two ends disagree on'],
    policy: ['protocols', 'renegotiation'],
    checks: [PARTNER_LOG],
  },
  {
    code: 416,
    meaning: 'Permission was denied.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ["The user ID may not use a certificate's private key or a key ring resource"],
    policy: ['keyring', 'certificate-label'],
    checks: ['Look for ICH408I messages for the user ID the connection runs under.'],
  },
  {
    code: 417,
    meaning: 'A self-signed certificate could not be validated: it is not known as trusted on this end.',
    certainty: 'recalled',
    source: `${GSKIT_ONLY} Seen with a z/OS client talking to a Linux mail server in Colin Paice's blog (seed 004).`,
    causes: [
      "The partner presents a self-signed certificate (or one signed by a private CA) that is not on this end's key ring",
      'The certificate is on the ring but not marked TRUST',
    ],
    policy: ['keyring', 'cert-validation'],
    checks: [RING_LIST, "Connect the partner's self-signed certificate, or its CA, to this end's ring as a trusted CERTAUTH certificate."],
  },
  {
    code: 418,
    meaning: 'No read function was available to System SSL (meaning on z/OS not confirmed).',
    certainty: 'recalled',
    source: `${GSKIT_ONLY} The name comes from IBM i.`,
    causes: ['An internal or application-controlled set-up problem'],
    policy: ['application-controlled'],
    checks: [INTERNAL],
  },
  {
    code: 419,
    meaning: 'No write function was available to System SSL (meaning on z/OS not confirmed).',
    certainty: 'recalled',
    source: `${GSKIT_ONLY} The name comes from IBM i.`,
    causes: ['An internal or application-controlled set-up problem'],
    policy: ['application-controlled'],
    checks: [INTERNAL],
  },
  {
    code: 420,
    meaning: 'The partner closed the socket during the TLS exchange.',
    certainty: 'usage',
    source: 'Wording seen in real GSKit log output; not confirmed in the z/OS manuals',
    causes: ['The partner rejected something in the handshake (certificate, cipher, protocol) and hung up', 'The partner is not using TLS'],
    policy: ['rule'],
    checks: [PARTNER_LOG],
    partnerSide: true,
  },
  {
    code: 421,
    meaning: 'An SSL V2 cipher specification is not valid.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['V2CipherSuites holds a value System SSL does not accept'],
    policy: ['ciphers'],
    checks: ['SSL V2 is obsolete: remove V2CipherSuites and keep SSLv2 Off.'],
  },
  {
    code: 422,
    meaning: 'An SSL V3/TLS cipher specification is not valid.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['V3CipherSuites or V3CipherSuites4Char holds a suite this System SSL level does not accept'],
    policy: ['ciphers'],
    checks: ['Run attls lint on the policy: it flags unknown cipher suites.'],
  },
  {
    code: 425,
    meaning: 'Creating a System SSL handle failed (meaning on z/OS not confirmed).',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['Storage shortage or an internal problem'],
    policy: [],
    checks: [INTERNAL],
  },
  {
    code: 427,
    meaning: 'The LDAP server used for revocation checking is not available.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['The LDAP server in TTLSGskLdapParms is down or unreachable'],
    policy: ['cert-validation'],
    checks: ['Check the LDAP server and the network path to it.'],
  },
  {
    code: 428,
    meaning: 'The certificate to be used has no private key that this end can use.',
    certainty: 'confirmed',
    source: `${IBM_SSL}; story in ${SEED_003}`,
    causes: [
      'The certificate is owned by a different user ID from the one the server runs under (SHARE 2014: owned by FTPD while the server ran as TCPIP)',
      'The certificate was connected to the ring without its private key, or as a CA certificate instead of PERSONAL',
      'The private key is in ICSF and ICSF is not active',
    ],
    policy: ['certificate-label', 'keyring', 'instance'],
    checks: [
      RING_LIST,
      'Check how the certificate is connected: it must be a PERSONAL connection, and the certificate must belong to the user ID the application runs under unless it is a SITE certificate.',
      RING_REFRESH,
    ],
  },
  {
    code: 429,
    meaning: 'The data received does not start like a valid SSL/TLS record (SSL V2 header not valid).',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['The partner sends clear text (no TLS) on this port', 'The partner uses an old or unexpected protocol version'],
    policy: ['handshake-role', 'protocols'],
    checks: ['Check that the partner is configured for TLS on this port.'],
  },
  {
    code: 431,
    meaning: 'A certificate has been revoked.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['The CA has revoked the certificate presented'],
    policy: ['cert-validation'],
    checks: ['Check the certificate against the CA revocation list and replace it.'],
  },
  {
    code: 432,
    meaning: 'The partner asked to renegotiate the session, and renegotiation is not allowed.',
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: ['Renegotiation is disabled on this end while the partner renegotiates'],
    policy: ['renegotiation'],
    checks: ['Decide whether renegotiation should be allowed for this service.'],
  },
  {
    code: 433,
    meaning: 'A key is larger than export rules allow.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['Export-grade cipher suites combined with a large key'],
    policy: ['ciphers'],
    checks: ['Remove export-grade suites from the cipher list.'],
  },
  {
    code: 434,
    meaning: "The certificate's key does not fit the cipher suite chosen.",
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['An RSA certificate with only ECDSA suites enabled, or an ECDSA certificate with only RSA suites'],
    policy: ['ciphers', 'certificate-label'],
    checks: ["Match the cipher list to the certificate's key type, or offer certificates of both types (ServerCertificateLabel)."],
  },
  {
    code: 435,
    meaning: "The certificate authority that signed the partner's certificate is unknown here.",
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ["The partner's root or intermediate CA certificate is not on this end's key ring"],
    policy: ['keyring'],
    checks: [RING_LIST, "Connect the partner's CA certificates (CERTAUTH, TRUST) to the ring."],
  },
  {
    code: 436,
    meaning: 'A certificate revocation list could not be processed.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['The CRL source returned something unusable, or is unreachable'],
    policy: ['cert-validation'],
    checks: ['Check the revocation settings and the CRL source.'],
  },
  {
    code: 437,
    meaning: 'The partner closed the secure connection (close notification).',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['The partner ended the session, normally or after its own error'],
    policy: [],
    checks: [PARTNER_LOG],
    partnerSide: true,
  },
  {
    code: 438,
    meaning: 'The partner reported an internal error and ended the handshake with an alert: the real problem is on the other end.',
    certainty: 'usage',
    source: `${SEED_003} quotes the System SSL manual for this code. We have not checked the manual itself.`,
    causes: ['The partner could not complete its part (SHARE 2014: the server failed with RC 6 and later 428 while the client saw 438)'],
    policy: [],
    checks: [PARTNER_LOG],
    partnerSide: true,
  },
  {
    code: 439,
    meaning: 'The partner sent an alert this end does not recognise.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['A partner TLS implementation using a newer or non-standard alert'],
    policy: [],
    checks: [PARTNER_LOG],
    partnerSide: true,
  },
  {
    code: 440,
    meaning: "A certificate's key-usage settings do not allow the use it is being put to.",
    certainty: 'confirmed',
    source: IBM_SSL,
    causes: [
      'A certificate without the key usage needed for a TLS server or client (digital signature, key encipherment)',
      'A CA certificate used as a personal certificate, or the reverse',
    ],
    policy: ['certificate-label'],
    checks: ['Look at the Key Usage of the certificate (RACDCERT LIST) and reissue it with the right usage.'],
  },
  {
    code: 442,
    meaning: 'More than one certificate carries the label asked for.',
    certainty: 'recalled',
    source: MEMORY_ONLY,
    causes: ['Two certificates with the same label are on the ring'],
    policy: ['certificate-label', 'keyring'],
    checks: [RING_LIST],
  },
  {
    code: 443,
    meaning: 'More than one certificate on the ring is marked as the default.',
    certainty: 'recalled',
    source: MEMORY_ONLY,
    causes: ['Two certificates connected with DEFAULT'],
    policy: ['keyring', 'certificate-label'],
    checks: [RING_LIST],
  },
  {
    code: 501,
    meaning: 'A buffer size passed to System SSL is not valid.',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['An application or internal problem'],
    policy: [],
    checks: [INTERNAL],
  },
  {
    code: 502,
    meaning: 'The socket request would block (the operation must be retried).',
    certainty: 'recalled',
    source: GSKIT_ONLY,
    causes: ['Non-blocking socket use; normally handled without an error'],
    policy: ['application-controlled'],
    checks: [INTERNAL],
  },
  // AT-TLS: user-correctable ---------------------------------------------------------------------
  {
    code: 5001,
    meaning: 'The server requires a client certificate (ClientAuthType Required or SAFCheck), and the client sent none.',
    certainty: 'confirmed',
    source: IBM_ATTLS,
    causes: ['The client has no certificate configured, or none signed by a CA this server trusts', 'Client certificates were not meant to be mandatory for this service'],
    policy: ['client-auth', 'handshake-role', 'keyring'],
    checks: ["Configure a client certificate on the partner, signed by a CA on this server's ring.", 'If certificates are optional for this service, use ClientAuthType Full or PassThru.'],
  },
  {
    code: 5002,
    meaning: 'With ClientAuthType SAFCheck, the client certificate is not known to the security product (it maps to no user ID).',
    certainty: 'confirmed',
    source: IBM_ATTLS,
    causes: ['The client certificate was never added to RACF (RACDCERT ADD) or mapped to a user (RACDCERT MAP)'],
    policy: ['client-auth'],
    checks: ['Add the client certificate to RACF, or define a certificate name filter that maps it to a user ID; then refresh DIGTCERT and DIGTNMAP.'],
  },
  {
    code: 5003,
    meaning: 'Clear text arrived from the partner where TLS data was expected, so the connection was ended.',
    certainty: 'confirmed',
    source: IBM_ATTLS,
    causes: [
      'The partner is not using TLS on this connection',
      'With ApplicationControlled On, the application started the handshake before it had read all the clear text sent before it',
    ],
    policy: ['rule', 'application-controlled', 'handshake-role'],
    checks: ['Check that the partner is configured for TLS on this port.'],
  },
  {
    code: 5004,
    meaning:
      'The handshake did not start in time: no TLS data came from the partner within the start interval of the handshake timer, so the connection was reset. The start interval is HandshakeTimeout on the listening (accepting) side and five times HandshakeTimeout on the side that opened the connection.',
    certainty: 'confirmed',
    source: `${IBM_ATTLS}; the start interval on each side and that only start-interval timeouts give this code: z/OS Communications Server IP Configuration Guide, "AT-TLS handshake timer"`,
    causes: [
      'Both ends wait for the other to start: both have HandshakeRole Server (or ServerWithClientAuth)',
      'The partner is not using TLS on this connection',
      'The partner or the network is slow, and HandshakeTimeout is short (on the listening side the partner gets the value itself, not five times it)',
    ],
    policy: ['handshake-role', 'handshake-timeout', 'rule'],
    checks: ['Check the HandshakeRole of the partner: exactly one end must be the TLS client.', 'Check that the partner is configured for TLS on this port.'],
  },
  {
    code: 5006,
    meaning:
      'This connection was mapped to an environment action (TTLSEnvironmentAction) whose System SSL environment could not be set up; an earlier environment error says why.',
    certainty: 'usage',
    source: `${SEED_003} quotes the IP Diagnosis Guide for this code. We have not checked the guide itself, and the part of the AT-TLS return code table our reference covers does not list it.`,
    causes: ['An environment error just before it, most often RC 202 (key ring cannot be opened) at "Environment Master Init"'],
    policy: ['environment-action', 'keyring', 'instance'],
    checks: [
      'Look for an environment error just before this line (EZD1286I/EZD1287I with an event such as Environment Master Init, usually RC 202) and fix that one.',
      RING_REFRESH,
    ],
    followsEnvironmentError: true,
  },
  {
    code: 5018,
    meaning:
      'AT-TLS could not map the connection to its policy ("Policy Mapping" is the name IBM gives this code); what exactly fails is not described in the material we read.',
    certainty: 'usage',
    source:
      'Named "Policy Mapping" in the text of IBM APAR PH68292, as our reference notes record it (reference/semantics.md, section 9). The AT-TLS return code table itself was not read for this code, and no cause or action is confirmed.',
    causes: ['Not documented in what we read: check APAR PH68292 and whether its fix is applied to your system'],
    policy: ['rule', 'environment-action'],
    checks: ['Look up APAR PH68292 for your release and check whether its PTF is applied.', 'Keep the EZD1286I/EZD1287I message and the syslog lines around it in case IBM service is needed.'],
  },
];

/** A range of return codes and what it tells before the exact code is looked up. */
export type RangeKind = 'success' | 'system-ssl' | 'attls-user' | 'attls-internal' | 'outside';

export interface CodeRange {
  readonly kind: RangeKind;
  readonly from: number;
  readonly to: number;
  /** Who issues codes in this range, in a few words. */
  readonly title: string;
  /** What a code in this range means when we have no entry for it. */
  readonly meaning: string;
  /** Where IBM documents the codes of this range. */
  readonly documentedIn: string;
  readonly certainty: Certainty;
}

export const CODE_RANGES: readonly CodeRange[] = [
  {
    kind: 'success',
    from: 0,
    to: 0,
    title: 'success',
    meaning: 'No error: the step completed.',
    documentedIn: 'z/OS Communications Server IP Diagnosis Guide, AT-TLS return codes',
    certainty: 'confirmed',
  },
  {
    kind: 'system-ssl',
    from: 1,
    to: 4999,
    title: 'System SSL return code',
    meaning: 'A System SSL function failed; AT-TLS passes its return code on unchanged.',
    documentedIn: 'z/OS Cryptographic Services System SSL Programming, "SSL function return codes"',
    certainty: 'confirmed',
  },
  {
    kind: 'attls-user',
    from: 5001,
    to: 5999,
    title: 'AT-TLS error you can correct',
    meaning: 'AT-TLS itself found a problem that a change of configuration or of the partner can fix.',
    documentedIn: 'z/OS Communications Server IP Diagnosis Guide, "AT-TLS return codes"',
    certainty: 'confirmed',
  },
  {
    kind: 'attls-internal',
    from: 6001,
    to: 6999,
    title: 'AT-TLS internal error',
    meaning: 'An internal AT-TLS error: not a policy mistake. Keep the message and the syslog lines around it and contact IBM service.',
    documentedIn: 'z/OS Communications Server IP Diagnosis Guide, "AT-TLS return codes"',
    certainty: 'confirmed',
  },
];

/** Codes outside every documented range (5000, 6000, 7000 and above). */
export const OUTSIDE_RANGE: CodeRange = {
  kind: 'outside',
  from: -1,
  to: -1,
  title: 'outside the documented ranges',
  meaning: 'Neither System SSL (below 5000) nor AT-TLS (5001-5999, 6001-6999) documents codes here; check that the number was copied correctly.',
  documentedIn: 'z/OS Communications Server IP Diagnosis Guide, "AT-TLS return codes" (describes the ranges)',
  certainty: 'confirmed',
};

const BY_CODE = new Map(RETURN_CODES.map((e) => [e.code, e]));

/** Our entry for a code, if we have one. */
export function returnCodeInfo(code: number): ReturnCodeInfo | undefined {
  return BY_CODE.get(code);
}

/** The documented range a code falls in. */
export function rangeOf(code: number): CodeRange {
  return CODE_RANGES.find((r) => code >= r.from && code <= r.to) ?? OUTSIDE_RANGE;
}
