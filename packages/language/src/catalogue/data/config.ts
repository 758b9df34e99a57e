// Catalogue data: one-line Policy Agent configuration statements that lead to AT-TLS policy
// (TTLSConfig, CommonTTLSConfig, TcpImage/PEPInstance, LogLevel, Codepage), and the Policy Agent
// statements of other policy types that may appear in the same main and image files.
// Facts come from shared/reference/statements.json, semantics.md and IBM Configuration Guide pages
// seen through the search tool; the wording is ours.

import type { ForeignStatementSpec, StatementSpec } from '../types.js';

const FLUSH_OPERAND_VALUES = ['FLUSH', 'NOFLUSH'] as const;
const PURGE_OPERAND_VALUES = ['PURGE', 'NOPURGE'] as const;

export const TTLS_CONFIG: StatementSpec = {
  name: 'TTLSConfig',
  category: 'config',
  fileRole: 'image',
  description:
    'Names the AT-TLS policy file of one TCP/IP stack. It is what gives the stack AT-TLS policy and belongs in the image configuration file named on TcpImage.',
  certainty: 'confirmed',
  shape: 'line',
  global: true,
  inlineIn: [],
  refParams: [],
  parameters: [],
  operands: [
    {
      name: 'path',
      kind: 'file-ref',
      required: false,
      description:
        "The stack's AT-TLS policy file: a z/OS UNIX path or an MVS data set written //'HLQ.NAME(MEMBER)'. Without it only the CommonTTLSConfig policies are installed for the stack.",
      certainty: 'confirmed',
    },
    {
      name: 'FLUSH|NOFLUSH',
      kind: 'keyword',
      values: FLUSH_OPERAND_VALUES,
      required: false,
      description:
        'FLUSH deletes and reinstalls all AT-TLS policies at start-up and on MODIFY REFRESH; NOFLUSH only updates changed policies, so deleted ones stay installed. The default is not confirmed (believed to come from TcpImage).',
      certainty: 'confirmed',
    },
    {
      name: 'PURGE|NOPURGE',
      kind: 'keyword',
      values: PURGE_OPERAND_VALUES,
      required: false,
      description:
        'PURGE removes the AT-TLS policies from the stack when Policy Agent ends normally; NOPURGE leaves them installed. The default is not confirmed.',
      certainty: 'confirmed',
    },
  ],
  rules: [
    'Needed for a stack to get AT-TLS policy.',
    'Belongs in an image configuration file. In the main configuration file it is ignored unless the main and image files are the same file, which IBM samples do use.',
    'If it is coded more than once in an image file, the last one counts.',
    'Any error while parsing the AT-TLS policy files means no new AT-TLS policy is installed.',
    'The policy file is checked for changes at the refresh interval of the image file that names it.',
    'FLUSH/NOFLUSH and PURGE/NOPURGE coded here override the TcpImage values for AT-TLS.',
    'On a policy client that gets AT-TLS policy from a policy server (PolicyServer statement), TTLSConfig is ignored.',
  ],
};

export const COMMON_TTLS_CONFIG: StatementSpec = {
  name: 'CommonTTLSConfig',
  category: 'config',
  fileRole: 'main',
  description:
    'Names an AT-TLS policy file shared by every stack; its statements are read before, and combined with, each stack\'s own TTLSConfig file.',
  certainty: 'confirmed',
  shape: 'line',
  global: true,
  inlineIn: [],
  refParams: [],
  parameters: [],
  operands: [
    {
      name: 'path',
      kind: 'file-ref',
      required: true,
      description: "The common AT-TLS policy file: a z/OS UNIX path or an MVS data set written //'HLQ.NAME(MEMBER)'.",
      certainty: 'usage',
    },
  ],
  rules: [
    'Optional; belongs in the main configuration file.',
    'The common file is processed first, as if its text came at the start of each stack-specific file.',
    'Statements in either file may refer to statements in the other.',
    'When both files define a statement of the same type and name, the later one (normally the stack-specific one) is used.',
    'Whether FLUSH/PURGE operands are accepted here is not confirmed.',
  ],
};

export const TCP_IMAGE: StatementSpec = {
  name: 'TcpImage',
  category: 'config',
  fileRole: 'main',
  description:
    'Tells Policy Agent to serve a TCP/IP stack and names that stack\'s image configuration file (which then holds TTLSConfig).',
  certainty: 'confirmed',
  shape: 'line',
  aliases: ['PEPInstance'],
  global: true,
  inlineIn: [],
  refParams: [],
  parameters: [],
  operands: [
    {
      name: 'tcpname',
      kind: 'string',
      required: true,
      maxLength: 8,
      description: 'Job name of the TCP/IP stack. The 8-character limit is recalled.',
      certainty: 'usage',
    },
    {
      name: 'path',
      kind: 'file-ref',
      required: false,
      description:
        'The image configuration file of the stack. It must be a file containing TTLSConfig, not the AT-TLS policy file itself; without it the main file\'s policies apply to the stack.',
      certainty: 'usage',
    },
    {
      name: 'FLUSH|NOFLUSH',
      kind: 'keyword',
      values: FLUSH_OPERAND_VALUES,
      required: false,
      description:
        'Whether the stack\'s policies are deleted and reinstalled (FLUSH) or only updated (NOFLUSH) at start-up and refresh. The default is not confirmed.',
      certainty: 'confirmed',
    },
    {
      name: 'PURGE|NOPURGE',
      kind: 'keyword',
      values: PURGE_OPERAND_VALUES,
      required: false,
      description:
        'Whether the stack\'s policies are removed (PURGE) or kept (NOPURGE) when Policy Agent ends normally. The default is not confirmed.',
      certainty: 'confirmed',
    },
    {
      name: 'refresh_interval',
      kind: 'int',
      required: false,
      description:
        'Seconds between checks of the configuration files for changes (for example 3600). The default is believed to be 1800 seconds but is not confirmed.',
      certainty: 'usage',
    },
  ],
  rules: [
    'TcpImage and PEPInstance are two spellings of the same statement.',
    'Pointing TcpImage directly at the AT-TLS policy file is a common mistake: Policy Agent then installs no AT-TLS policy and says nothing about it.',
    'For AT-TLS, FLUSH/NOFLUSH and PURGE/NOPURGE coded on TTLSConfig override the values here.',
    'Without any TcpImage statement, policies go to the default TCP/IP stack.',
  ],
};

export const LOG_LEVEL: StatementSpec = {
  name: 'LogLevel',
  category: 'config',
  fileRole: 'main',
  description: 'How much Policy Agent writes to its log, as a sum of message class values. Not an AT-TLS statement.',
  certainty: 'usage',
  shape: 'line',
  global: true,
  inlineIn: [],
  refParams: [],
  parameters: [],
  operands: [
    {
      name: 'n',
      kind: 'int',
      required: true,
      default: '31',
      description:
        'Sum of: 1 system errors, 2 object errors, 4 protocol errors, 8 warnings, 16 events, 32 actions, 64 information, 128 accounting, 256 trace.',
      certainty: 'usage',
    },
  ],
  rules: ['Listed so that main configuration files can be checked completely.'],
};

export const CODEPAGE: StatementSpec = {
  name: 'Codepage',
  category: 'config',
  fileRole: 'main',
  description: 'The EBCDIC code page Policy Agent uses to read every configuration and policy file. Not an AT-TLS statement.',
  certainty: 'confirmed',
  shape: 'line',
  global: true,
  inlineIn: [],
  refParams: [],
  parameters: [],
  operands: [
    {
      name: 'codepage',
      kind: 'string',
      required: true,
      default: 'IBM-1047',
      description: 'Name of the EBCDIC code page, such as IBM-1047 (the default).',
      certainty: 'usage',
    },
  ],
  rules: ['Applies to the main file and to every file it leads to; without it the files are read as IBM-1047.'],
};

/**
 * Policy Agent statements of other policy types (IP security, QoS, IDS, routing, policy server and
 * client) that may share main and image files with the AT-TLS statements. The parser skips them
 * instead of reporting them as unknown. Descriptions say how sure we are of each name.
 */
export const FOREIGN_STATEMENTS: ForeignStatementSpec[] = [
  {
    name: 'CommonIpSecConfig',
    fileRole: 'main',
    shape: 'line',
    description: 'Names the IP security policy file shared by all stacks. Name confirmed in IBM Configuration Guide examples.',
  },
  {
    name: 'IpSecConfig',
    fileRole: 'image',
    shape: 'line',
    description: 'Names the stack-specific IP security policy file. Name confirmed in IBM Configuration Guide examples.',
  },
  {
    name: 'QOSConfig',
    fileRole: 'image',
    shape: 'line',
    description: 'Names the stack-specific Quality of Service policy file. Name recalled, by analogy with TTLSConfig and IpSecConfig.',
  },
  {
    name: 'IDSConfig',
    fileRole: 'image',
    shape: 'line',
    description: 'Names the stack-specific Intrusion Detection Services policy file. Name recalled, by analogy with TTLSConfig and IpSecConfig.',
  },
  {
    name: 'RoutingConfig',
    fileRole: 'image',
    shape: 'line',
    description: 'Names the stack-specific policy-based routing file. Name recalled, by analogy with TTLSConfig and IpSecConfig.',
  },
  {
    name: 'PolicyServer',
    fileRole: 'image',
    shape: 'block',
    description:
      'Makes the stack a policy client that gets its policies (for example IPSec or AT-TLS) from a remote policy server. Name and block form confirmed in IBM Configuration Guide examples.',
  },
  {
    name: 'ServerConnection',
    fileRole: 'main',
    shape: 'block',
    description:
      'On a policy client, describes the connection to the policy server. Name and block form confirmed in IBM Configuration Guide examples.',
  },
  {
    name: 'DynamicConfigPolicyLoad',
    fileRole: 'main',
    shape: 'block',
    description:
      'On a policy server, names the policy files sent to matching policy clients. Name and block form confirmed in IBM Configuration Guide examples.',
  },
  {
    name: 'ServicesConnection',
    fileRole: 'main',
    shape: 'block',
    description:
      'On a policy server, describes how policy clients connect to it. Name confirmed in IBM message text (EZD1579I); the block form is recalled.',
  },
  {
    name: 'PolicyPerformanceCollection',
    fileRole: 'main-or-image',
    shape: 'line',
    description: 'Controls collection of QoS policy performance data. Name, form and file recalled, not confirmed.',
  },
  {
    name: 'ReadFromDirectory',
    fileRole: 'main-or-image',
    shape: 'block',
    description:
      'Tells Policy Agent to read policies from an LDAP server. Name confirmed in the IBM Configuration Guide; block form and file recalled.',
  },
  {
    name: 'PolicyRule',
    fileRole: 'image',
    shape: 'block',
    description: 'A QoS policy rule, believed to be allowed directly in an image file. Recalled, not confirmed.',
  },
  {
    name: 'PolicyAction',
    fileRole: 'image',
    shape: 'block',
    description: 'A QoS policy action, believed to be allowed directly in an image file. Recalled, not confirmed.',
  },
];
