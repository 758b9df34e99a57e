// The codes the parser and the built-in checks report, with their metadata and message templates:
// the data a reader (and `attls rules --all`, the docs meta-test, the configuration) needs about
// each, kept in one place as lint rules keep theirs.
import type { Severity } from './diagnostic.js';

export type Category = 'correctness' | 'security' | 'reliability' | 'style';

/**
 * What Policy Agent does with a policy that has the finding: refuse to install it (it keeps the
 * policy it had), install it but ignore the statement, parameter or words concerned, or nothing.
 * Which problems count as refusing is inferred from IBM's documentation ("if errors are detected
 * during parsing, no new policies are installed"); unknown keywords are documented as ignored.
 * A code that rejects or ignores is an error (docs/severities.md), except for the messages where
 * what is ignored changes nothing, which `severities` lowers.
 */
export type PolicyAgentEffect = 'rejects' | 'ignores' | 'none';

export interface CodeInfo {
  /** Stable kebab-case id: the diagnostic code and the docs page name (docs/rules/<id>.md). */
  readonly id: string;
  readonly category: Category;
  /** The severity of its findings unless a configuration sets one; the highest any finding gets. */
  readonly defaultSeverity: Severity;
  /**
   * Lower default severities of some messages (by messageId): a duplicate definition that changes
   * nothing is less than one Policy Agent ignores. A configured severity applies to all alike.
   */
  readonly severities?: Readonly<Record<string, Severity>>;
  /** One sentence in our own words; also the summary of the docs page. */
  readonly description: string;
  /** Some findings carry a safe fix. */
  readonly fixable: boolean;
  /** Where the code comes from. */
  readonly source: 'parser' | 'model';
  readonly effect: PolicyAgentEffect;
  /** Message templates by messageId, with `{{name}}` placeholders (see formatMessage). */
  readonly messages: Readonly<Record<string, string>>;
}

/** Codes of the parser (syntax-* and brace-placement). */
export const SYNTAX_CODES: readonly CodeInfo[] = [
  {
    id: 'brace-placement',
    category: 'style',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'parser',
    effect: 'none',
    description: 'A brace shares its line with other text instead of standing on a line of its own.',
    messages: { alone: "Put '{{brace}}' on a line of its own, as Policy Agent's syntax diagrams require." },
  },
  {
    id: 'syntax-nesting-too-deep',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'parser',
    effect: 'rejects',
    description: 'Blocks are nested far deeper than any policy needs; the deeper braces are ignored.',
    messages: { deep: 'Blocks are nested more than {{max}} levels deep; deeper braces are ignored.' },
  },
  {
    id: 'syntax-orphan-block',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'parser',
    effect: 'rejects',
    description: 'A { } block has no statement keyword before it.',
    messages: { orphan: "This block has no statement keyword before it (such as 'TTLSRule name')." },
  },
  {
    id: 'syntax-unclosed-brace',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'parser',
    effect: 'rejects',
    description: 'A block is opened and never closed, so Policy Agent rejects the whole file.',
    messages: {
      statement: "The block of '{{keyword}}' opened here is never closed: a '}' is missing, and Policy Agent rejects the whole file.",
      block: "The block opened here is never closed: a '}' is missing.",
    },
  },
  {
    id: 'syntax-unexpected-brace',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'parser',
    effect: 'rejects',
    description: 'A closing brace closes no open block, so Policy Agent rejects the whole file.',
    messages: { stray: "This '}' closes no open block; Policy Agent rejects the whole file." },
  },
  {
    id: 'syntax-unexpected-token',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'parser',
    effect: 'rejects',
    description: 'The parser met text it cannot read at this place.',
    messages: { token: "Unexpected '{{image}}'.", end: 'Unexpected end of file.' },
  },
];

const IGNORED_PARAMETER = 'Policy Agent ignores unknown parameters and uses the default instead.';
const REJECTS_REFERENCE = 'Policy Agent rejects a reference to a missing statement.';

/** Codes of the built-in checks of the model (model/checks). */
export const MODEL_CODES: readonly CodeInfo[] = [
  {
    id: 'block-expected',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'A statement or inline parameter that needs a { } block is written without one.',
    messages: {
      statement: '{{keyword}} needs a { } block with its parameters.',
      inline: '{{keyword}} must be followed by a { } block here.',
      inlineOrRef: "{{keyword}} must be followed by a { } block here. To refer to a named {{kind}}, write '{{ref}} name'.",
    },
  },
  {
    id: 'block-unexpected',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'A parameter or one-line statement is followed by a { } block it cannot take.',
    messages: {
      lineStatement: '{{keyword}} is a one-line statement; it takes no { } block.',
      parameter: "'{{keyword}}' is a parameter that takes a value, not a { } block.",
    },
  },
  {
    id: 'conflicting-parameters',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'Two parameters that are alternatives to each other are coded in the same statement.',
    messages: { exclusive: '{{second}} and {{first}} are alternatives; code only one of them in {{statement}}.' },
  },
  {
    id: 'duplicate-definition',
    category: 'correctness',
    defaultSeverity: 'error',
    severities: { identical: 'info', identicalElsewhere: 'info', overridden: 'warning' },
    fixable: false,
    source: 'model',
    effect: 'ignores',
    description: 'Two statements of the same kind have the same name, so Policy Agent keeps only the last one.',
    messages: {
      ignored: "{{kind}} '{{name}}' is defined again later in this file; Policy Agent keeps only the last definition, so this one is ignored.",
      overridden: "{{kind}} '{{name}}' is defined again in {{file}}, which Policy Agent reads later; that definition wins and this one is ignored for this stack.",
      identical: "{{kind}} '{{name}}' is defined again later in this file; the definitions are identical, so nothing changes, but one of them should go.",
      identicalElsewhere: "{{kind}} '{{name}}' is defined again in {{file}}, which Policy Agent reads later; the definitions are identical, so nothing changes, but one of them should go.",
    },
  },
  {
    id: 'duplicate-parameter',
    category: 'correctness',
    defaultSeverity: 'error',
    severities: { sameValue: 'info' },
    fixable: false,
    source: 'model',
    effect: 'ignores',
    description: 'A parameter that takes one value is coded more than once in a statement.',
    messages: {
      repeated: '{{keyword}} is coded more than once in {{statement}}; only one value takes effect.',
      sameValue: '{{keyword}} is coded more than once in {{statement}} with the same value; only one line counts, so the others can go.',
      repeatedBlock: '{{keyword}} is written more than once in {{statement}}; only one block takes effect.',
    },
  },
  {
    id: 'internal-check-error',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'A built-in check failed on this policy; the other checks still ran.',
    messages: { failed: "The built-in check '{{check}}' failed on this policy: {{error}}. Please report it." },
  },
  {
    id: 'invalid-value',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'A value does not fit its parameter: not one of the allowed words, out of range, or badly formed.',
    messages: {
      operandFile: "'{{value}}' is not a z/OS UNIX path or a data set name such as //'HLQ.POLICY(MEMBER)'.",
      operandNumber: "'{{value}}' is not a number.",
      operandLength: "'{{value}}' is longer than {{max}} characters.",
      nameTooLong: "The name '{{name}}' is {{length}} characters long; names are limited to {{max}}.",
      enum: "'{{value}}' is not a value of {{keyword}}; use {{allowed|or}}.",
      notNumber: "'{{value}}' is not a whole number; {{keyword}} takes a number{{bounds}}.",
      range: '{{value}} is outside the range of {{keyword}}{{bounds}}.',
      tooLong: "'{{value}}' is {{length}} characters long; {{keyword}} allows at most {{max}}.",
      jobPattern: '{{keyword}}: {{reason}}.',
      address: '{{keyword}}: {{reason}}.',
      ipv6: '{{keyword}} {{value}}: {{reason}}.',
      port: '{{keyword}}: {{reason}}.',
      bitmask: '{{keyword}} takes a string of 0s and 1s{{length}}.',
      v2Cipher: '{{keyword}} takes 1-character SSL V2 cipher codes written together (such as 713) or one cipher name.',
      cipher: '{{keyword}}: {{reason}}; write 2-character codes together (such as 352F) or one cipher suite name.',
      codes: '{{keyword}}: {{reason}}.',
      file: "'{{value}}' is not a z/OS UNIX path (starting with /) or a data set name such as //'HLQ.NAME(MEMBER)'.",
      tooManyV2: '{{keyword}} lists {{count}} SSL V2 ciphers; at most {{max}} can be coded.',
      tooManyV2Lines: 'The {{keyword}} lines of this block list {{count}} SSL V2 ciphers together (repeated lines are joined into one list); at most {{max}} can be coded.',
    },
  },
  {
    id: 'misplaced-parameter',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'ignores',
    description: 'A known parameter is written in a statement where it is not valid.',
    messages: {
      topLevel: "'{{written}}' is a parameter and must be inside {{validIn|or}}; here it stands outside any statement.",
      wrongStatement: '{{keyword}} is not a parameter of {{statement}}; it belongs in {{validIn|or}}. Policy Agent ignores it here.',
    },
  },
  {
    id: 'misplaced-statement',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'A statement is nested where it cannot be, or a statement keyword is used as a parameter.',
    messages: {
      inlineOnly: '{{keyword}} can only be written inside {{validIn|or}}.',
      nested: '{{keyword}} cannot be nested in {{parentLabel}}. It can be written inline only in {{validIn|or}}, or at the top level.',
      nestedTop: '{{keyword}} cannot be nested in {{parentLabel}}. It belongs at the top level of the file.',
      missingBrace: "{{keyword}} cannot be nested in {{parentLabel}}.{{where}} Is a '}' missing before it? The block of {{parentLabel}} is never closed.",
      statementAsParameter: '{{keyword}} is a statement, not a parameter of {{parent}}.',
    },
  },
  {
    id: 'missing-required',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'A statement lacks a name or a parameter that Policy Agent requires.',
    messages: {
      name: '{{keyword}} needs a name: every {{keyword}} statement must be named.',
      nameTopLevel: '{{keyword}} needs a name: a top-level {{keyword}} statement must be named.',
      parameter: '{{label}} has no {{missing}}; Policy Agent rejects {{statement}} statements without it.',
      oneOf: '{{label}} needs one of {{options|or}}.',
      one: '{{label}} needs {{options|or}}.',
      condition:
        '{{label}} has no condition besides Direction; Policy Agent needs at least one of LocalAddr, RemoteAddr, LocalPortRange, RemotePortRange (or their Ref forms), Jobname or Userid.',
      environment: '{{label}} uses {{group}}, which has TTLSEnabled On, so it also needs a TTLSEnvironmentActionRef.',
    },
  },
  {
    id: 'missing-value',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'A parameter or statement is written without the value it needs.',
    messages: {
      operand: '{{keyword}} needs its {{operand}} operand.',
      none: '{{keyword}} has no value; Policy Agent rejects a parameter without one.',
    },
  },
  {
    id: 'no-rules',
    category: 'correctness',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'The policy has no TTLSRule, so it secures no connection.',
    messages: { none: 'This policy has no TTLSRule, so AT-TLS secures no connection with it.' },
  },
  {
    id: 'placeholder',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'A placeholder from a sample (such as <name>, ?name? or [name]) was left in the policy.',
    messages: {
      statement: "'{{text}}' is a placeholder from a sample; replace it with a real statement.",
      line: "'{{text}}' is a placeholder from a sample; replace it with real policy text.",
      name: "'{{text}}' is a placeholder from a sample; replace it with a real name.",
      parameter: "'{{text}}' is a placeholder from a sample; replace it with a real parameter.",
      ellipsis: "'{{text}}' stands for lines left out of a sample; Policy Agent would read it as an unknown parameter.",
      value: "'{{text}}' is a placeholder from a sample; replace it with a real value for {{keyword}}.",
    },
  },
  {
    id: 'questionable-value',
    category: 'correctness',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'A value whose acceptance by Policy Agent is not documented.',
    messages: {
      quoted: 'Whether Policy Agent accepts a quoted value with blanks is not documented; check that {{keyword}} "{{value}}" is read as one value.',
      range: '{{value}} is outside the range of {{keyword}}{{bounds}}. (The range is recalled, not confirmed from IBM documentation.)',
      wildcard: '{{reason}}.',
      portAll: "'All' is not a documented value of {{keyword}}; write 0 for every port.",
    },
  },
  {
    id: 'release-mismatch',
    category: 'correctness',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'A parameter needs a newer z/OS release than the target release.',
    messages: { tooNew: '{{keyword}} needs z/OS {{since}} or later; the target release is {{target}}.' },
  },
  {
    id: 'trailing-text',
    category: 'correctness',
    defaultSeverity: 'error',
    severities: { repeated: 'info' },
    fixable: true,
    source: 'model',
    effect: 'ignores',
    description: 'Words after a value or a name that Policy Agent silently ignores.',
    messages: {
      ignored: "'{{text}}' after {{after}} is ignored by Policy Agent.",
      repeated: "'{{text}}' after {{after}} is ignored by Policy Agent.",
    },
  },
  {
    id: 'undefined-reference',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'rejects',
    description: 'A ...Ref parameter names a statement that is not defined.',
    messages: {
      missing: `{{kind}} '{{name}}' is not defined{{otherKinds}}. ${REJECTS_REFERENCE}`,
      wrongKind: `{{kind}} '{{name}}' is not defined{{otherKinds}}. ${REJECTS_REFERENCE}`,
      didYouMean: `{{kind}} '{{name}}' is not defined{{otherKinds}}; did you mean {{suggestions|or}}? ${REJECTS_REFERENCE}`,
      keywordMissing: `{{kind}} '{{name}}' is not defined{{otherKinds}}; the unnamed statement '{{keyword}}' may be meant to be '{{kind}} {{name}}'. ${REJECTS_REFERENCE}`,
    },
  },
  {
    id: 'unconfirmed-parameter',
    category: 'correctness',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'A parameter that other checkers list for this statement but that IBM documentation does not confirm.',
    messages: {
      unconfirmed:
        '{{keyword}} is not confirmed for {{statement}}: IBM documentation does not list it here (other checkers do). If Policy Agent does not know it, it ignores the line and uses the default.',
    },
  },
  {
    id: 'unknown-cipher',
    category: 'correctness',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'A cipher, curve or group code that attls does not know.',
    messages: {
      v2Name: "'{{value}}' is not an SSL V2 cipher name known to attls. Check the spelling against the System SSL cipher table.",
      v2Codes: 'SSL V2 cipher codes not known to attls: {{codes|and}}. Check the spelling against the System SSL cipher table.',
      name: "'{{value}}' is not a cipher suite name known to attls. Check the spelling against the System SSL cipher table.",
      codes: 'Cipher codes not known to attls: {{codes|and}}. Check the spelling against the System SSL cipher table.',
      curves: 'Codes that are not a curve or group known to attls: {{codes|and}}. Check the spelling against the System SSL cipher table.',
    },
  },
  {
    id: 'unknown-parameter',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'ignores',
    description: 'A parameter keyword that Policy Agent does not know, so it ignores the line and uses the default.',
    messages: {
      didYouMean: `Unknown parameter '{{keyword}}' in {{statement}}; did you mean {{suggestions|or}}? ${IGNORED_PARAMETER}`,
      unknown: `Unknown parameter '{{keyword}}' in {{statement}}. ${IGNORED_PARAMETER}`,
    },
  },
  {
    id: 'unknown-statement',
    category: 'correctness',
    defaultSeverity: 'error',
    fixable: false,
    source: 'model',
    effect: 'ignores',
    description: 'A statement keyword that Policy Agent does not know.',
    messages: {
      didYouMean: "Unknown statement '{{keyword}}'; did you mean {{suggestions|or}}? Policy Agent does not know it.",
      unknown: "Unknown statement '{{keyword}}'. Policy Agent does not know it.",
      keywordMissing: "Unknown statement '{{keyword}}'; it looks like a {{kind}} named '{{name}}' with the keyword missing ('{{fixed}}').",
    },
  },
  {
    id: 'unused-definition',
    category: 'correctness',
    defaultSeverity: 'info',
    fixable: false,
    source: 'model',
    effect: 'none',
    description: 'A named statement that nothing references, so it has no effect.',
    messages: { unused: "{{kind}} '{{name}}' is never referenced, so it has no effect." },
  },
];

const BY_ID = new Map([...SYNTAX_CODES, ...MODEL_CODES].map((c) => [c.id, c]));

/** Metadata of a parser or built-in check code. */
export function codeInfo(id: string): CodeInfo | undefined {
  return BY_ID.get(id);
}

/** Codes whose findings make Policy Agent refuse the whole AT-TLS policy. */
export const REJECTED_BY_POLICY_AGENT: ReadonlySet<string> = new Set([...BY_ID.values()].filter((c) => c.effect === 'rejects').map((c) => c.id));

/** Codes whose findings Policy Agent installs but ignores the statement, parameter or words of. */
export const IGNORED_BY_POLICY_AGENT: ReadonlySet<string> = new Set([...BY_ID.values()].filter((c) => c.effect === 'ignores').map((c) => c.id));
