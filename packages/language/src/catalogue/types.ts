// Shapes of the statement catalogue: what every keyword of a Policy Agent file means.

/** z/OS releases we know about, as "major.minor" strings ("2.4", "3.2"). */
export type Release = string;

/** Releases a user can target with --target-release. */
export const TARGET_RELEASES = ['2.4', '2.5', '3.1', '3.2'] as const;
export type TargetRelease = (typeof TARGET_RELEASES)[number];
export const DEFAULT_TARGET_RELEASE: TargetRelease = '3.1';

/**
 * How sure we are of a fact.
 * - `confirmed`: seen in IBM's reference text or syntax diagram.
 * - `usage`: seen in IBM samples, IBM answers, real pasearch output or IBM blogs, not in the reference page.
 * - `recalled`: remembered, never re-checked; the product must say so when it shows the fact.
 * - `unconfirmed`: listed by other checkers but not found in IBM's text for this place; the
 *   product says so, and never treats its absence or presence as an error.
 */
export type Certainty = 'confirmed' | 'usage' | 'recalled' | 'unconfirmed';

/** What kind of value a parameter takes. Validation, hover and completion switch on this. */
export type ValueKind =
  /** One of `values` (case-insensitive). */
  | 'enum'
  /** A decimal integer within `min`..`max` when given. */
  | 'int'
  /** Free text (labels, paths, host names); `maxLength` when given. Case-sensitive. */
  | 'string'
  /** The name of another statement of kind `refKind`. */
  | 'name-ref'
  /** A nested brace block of statement kind `inlineKind` (the keyword is followed by `{ ... }`). */
  | 'inline-block'
  /** `All`, an address, `address/prefixLength` or `address-address` (IPv4 or IPv6). */
  | 'ip-spec'
  /** A single IPv4 or IPv6 address. */
  | 'ip-address'
  /** `address/prefixLength`. */
  | 'ip-prefix'
  /** `address-address`. */
  | 'ip-range'
  /** A port `n`, or a range `n-m`, `n m` or `n:m`; 0 means every port. */
  | 'port-spec'
  /** A z/OS UNIX path or an MVS data set `//'HLQ.NAME(MEMBER)'`. */
  | 'file-ref'
  /** A job name or user ID, 1-8 characters, with an optional trailing `*` wildcard. */
  | 'job-pattern'
  /** A string of 0/1 characters of exactly `minLength`..`maxLength` characters. */
  | 'bitmask'
  /** SSL V2 cipher suites: a string of 1-character codes, or one cipher constant name. */
  | 'cipher-v2'
  /** SSL V3/TLS cipher suites: a string of 2-character hex codes, or one cipher constant name. */
  | 'cipher-v3'
  /** SSL V3/TLS cipher suites as a string of 4-character hex codes. */
  | 'cipher-v3-4char'
  /** Elliptic curves: a string of 4-digit decimal codes (or `Any` where `values` allows it). */
  | 'curve-list'
  /** TLS 1.3 key share groups: a string of 4-digit decimal codes. */
  | 'group-list'
  /** Signature algorithm pairs: a string of 4-character hex codes. */
  | 'sigalg-list'
  /** A time of day range or date-time period, kept as text (IpTimeCondition). */
  | 'time-spec';

/** A default value that applies from a given release on. */
export interface DefaultSpec {
  /** The value as Policy Agent would show it, e.g. "On", "10", "0023002400250029". */
  readonly value: string;
  /** First release where this default applies; absent = every release we know. */
  readonly from?: Release;
  readonly certainty: Certainty;
  /** Short note in our own words, e.g. why the default changed. */
  readonly note?: string;
}

/** A value of an enumerated parameter, with what it means. */
export interface EnumValueSpec {
  /** Catalogue spelling, e.g. "ServerWithClientAuth". */
  readonly value: string;
  /** One sentence in our own words: what choosing this value does. */
  readonly description: string;
}

/** One positional operand of a one-line configuration statement (TcpImage, TTLSConfig, ...). */
export interface OperandSpec {
  /** Display name, e.g. "tcpname", "path", "FLUSH|NOFLUSH". */
  readonly name: string;
  readonly kind: ValueKind | 'keyword';
  /** For `keyword` operands: the words accepted (case-insensitive). */
  readonly values?: readonly string[];
  readonly required?: boolean;
  readonly description: string;
  readonly certainty: Certainty;
  readonly default?: string;
  readonly maxLength?: number;
}

export interface ParameterSpec {
  /** Catalogue spelling: "TTLSEnabled", "TLSv1.2", "GSK_V3_SESSION_TIMEOUT". */
  readonly name: string;
  readonly kind: ValueKind;
  /** One or two sentences in our own words: what the parameter does. */
  readonly description: string;
  readonly certainty: Certainty;
  /** For `enum`: the accepted values with their meanings. */
  readonly values?: readonly EnumValueSpec[];
  /** For `int`: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** For `string`, `bitmask`, `job-pattern`: length bounds. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Certainty of the numeric or length bounds when it differs from `certainty`. */
  readonly boundsCertainty?: Certainty;
  /** Defaults, oldest first; the last one whose `from` is not after the target release applies. */
  readonly defaults?: readonly DefaultSpec[];
  /** True when the parameter may be coded more than once (values concatenate or entries add up). */
  readonly repeatable: boolean;
  /** Must always be present in its statement. */
  readonly required?: boolean;
  /** Parameters sharing a group are alternatives: at most one of them may be coded. */
  readonly exclusiveGroup?: string;
  /** For `name-ref`: the statement kind the name must refer to. */
  readonly refKind?: string;
  /** For `inline-block`: the statement kind of the nested block. */
  readonly inlineKind?: string;
  /** First z/OS release that has the parameter; absent = older than every release we target. */
  readonly since?: Release;
  /** Conditions in our own words ("only with ClientMaxSSLFragment Required or Optional"). */
  readonly notes?: readonly string[];
}

/** Where a statement kind lives. */
export type StatementCategory =
  | 'rule'
  | 'action'
  | 'parms'
  | 'condition'
  | 'config';

/** Which file a statement belongs in. */
export type FileRole = 'policy' | 'main' | 'image' | 'main-or-image';

export interface StatementSpec {
  /** Catalogue spelling: "TTLSRule", "TTLSKeyringParms", "TcpImage". */
  readonly name: string;
  readonly category: StatementCategory;
  readonly fileRole: FileRole;
  /** One or two sentences in our own words. */
  readonly description: string;
  readonly certainty: Certainty;
  /**
   * Block statements (`Keyword [name] { ... }`) versus one-line statements with positional
   * operands (`TcpImage TCPIP /etc/image.conf FLUSH`).
   */
  readonly shape: 'block' | 'line';
  /**
   * Naming of block statements:
   * - `required`: always named and always global (TTLSRule, the actions, IpAddrGroup, PortGroup);
   * - `optional-inline`: named when global, may be unnamed when written inline.
   */
  readonly naming?: 'required' | 'optional-inline';
  /** Maximum name length (32 for every AT-TLS statement). */
  readonly nameMaxLength?: number;
  /** True when the statement may be written at the top level of a file. */
  readonly global: boolean;
  /** Statement kinds that may contain this one inline (their parameter of kind inline-block). */
  readonly inlineIn: readonly string[];
  /** Names of `...Ref` parameters (anywhere) that point at this kind. */
  readonly refParams: readonly string[];
  /** Parameters of block statements, in the order IBM documents them. */
  readonly parameters: readonly ParameterSpec[];
  /** Positional operands of one-line statements. */
  readonly operands?: readonly OperandSpec[];
  /** Alternative spellings accepted by Policy Agent (TcpImage: PEPInstance). */
  readonly aliases?: readonly string[];
  /** Requirements in our own words, shown in hover. */
  readonly rules?: readonly string[];
  /**
   * Groups of parameters of which at least one must be coded (a TTLSEnvironmentAction needs
   * TTLSKeyringParms or TTLSKeyringParmsRef). Checked by the model as missing-required.
   */
  readonly requiredOneOf?: readonly (readonly string[])[];
  readonly since?: Release;
}

/** A cipher suite known to the catalogue. */
export interface CipherSuiteSpec {
  /** 4-character hex code, e.g. "C02F". */
  readonly code4: string;
  /** 2-character code when the suite has one. */
  readonly code2?: string;
  /** Constant name, e.g. "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256". */
  readonly name: string;
  /** TLS 1.3 suite (1301-1303). */
  readonly tls13?: boolean;
  readonly certainty: Certainty;
}

/** An SSL V2 cipher (1-character code). */
export interface CipherV2Spec {
  readonly code: string;
  readonly name: string;
  readonly certainty: Certainty;
}

/** A named 4-character code (curves, key share groups, signature pairs). */
export interface CodeSpec {
  readonly code: string;
  readonly name: string;
  readonly certainty: Certainty;
}

/** A statement Policy Agent knows that is not part of AT-TLS (IpSecConfig, QOSConfig, ...). */
export interface ForeignStatementSpec {
  readonly name: string;
  readonly description: string;
  readonly fileRole: FileRole;
  readonly shape: 'block' | 'line';
}
