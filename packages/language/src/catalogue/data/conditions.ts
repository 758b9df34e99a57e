// Catalogue data: the condition statements shared with other Policy Agent policy types
// (IpAddr, IpAddrSet, IpAddrGroup, PortRange, PortGroup, IpTimeCondition).
// Facts come from shared/reference/statements.json and semantics.md section 2; the wording is ours.

import type { StatementSpec } from '../types.js';

const UNNAMED_INLINE_RULE =
  'A name is required when the statement is defined at the top level; an inline block may omit it and then gets a temporary system-generated name.';

const NO_MAPPED_IPV6 =
  'For AT-TLS, IPv4-mapped IPv6 addresses and addresses under the reserved prefix ::/96 are errors. IPv6 policy installs on a stack without IPv6 but is never enforced there.';

export const IP_ADDR: StatementSpec = {
  name: 'IpAddr',
  category: 'condition',
  fileRole: 'policy',
  description: 'A single IPv4 or IPv6 address that rules and address groups can use as an address condition.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['IpAddrGroup'],
  refParams: ['IpAddrRef', 'LocalAddrRef', 'RemoteAddrRef'],
  rules: [UNNAMED_INLINE_RULE, NO_MAPPED_IPV6],
  parameters: [
    {
      name: 'Addr',
      kind: 'ip-address',
      description: 'The IPv4 or IPv6 address.',
      certainty: 'confirmed',
      repeatable: false,
      required: true,
      notes: [NO_MAPPED_IPV6],
    },
  ],
};

export const IP_ADDR_SET: StatementSpec = {
  name: 'IpAddrSet',
  category: 'condition',
  fileRole: 'policy',
  description: 'A block of IP addresses, given as a prefix or as an inclusive range, for use as an address condition.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['IpAddrGroup'],
  refParams: ['IpAddrSetRef', 'LocalAddrSetRef', 'RemoteAddrSetRef'],
  requiredOneOf: [['Prefix', 'Range']],
  rules: [UNNAMED_INLINE_RULE, 'Exactly one of Prefix and Range must be coded.', NO_MAPPED_IPV6],
  parameters: [
    {
      name: 'Prefix',
      kind: 'ip-prefix',
      description:
        'Addresses sharing their leading bits with the given address, written address/prefixLength (0-32 for IPv4, 0-128 for IPv6).',
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: 'PrefixOrRange',
      notes: ['Code either Prefix or Range, not both.'],
    },
    {
      name: 'Range',
      kind: 'ip-range',
      description: 'All addresses from the first to the second, inclusive, written address-address without blanks.',
      certainty: 'confirmed',
      repeatable: false,
      exclusiveGroup: 'PrefixOrRange',
      notes: ['Code either Prefix or Range, not both.', 'Address ranges cannot use the colon or blank delimiters allowed for other ranges.'],
    },
  ],
};

export const IP_ADDR_GROUP: StatementSpec = {
  name: 'IpAddrGroup',
  category: 'condition',
  fileRole: 'policy',
  description:
    'A named list of addresses and address blocks; a rule that references it matches when the address falls into any member.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'required',
  nameMaxLength: 32,
  global: true,
  inlineIn: [],
  refParams: ['LocalAddrGroupRef', 'RemoteAddrGroupRef'],
  requiredOneOf: [['IpAddr', 'IpAddrRef', 'IpAddrSet', 'IpAddrSetRef']],
  rules: [
    'Must be defined at the top level with a name.',
    'Needs at least one member (IpAddr, IpAddrRef, IpAddrSet or IpAddrSetRef); members may be repeated and mixed.',
    'pasearch summarises the group as lowest-to-highest address, or All when it contains 0.0.0.0 or mixes IPv4 and IPv6; matching still uses the individual members.',
  ],
  parameters: [
    {
      name: 'IpAddr',
      kind: 'inline-block',
      description: 'An inline IpAddr block adding one address to the group.',
      certainty: 'confirmed',
      repeatable: true,
      inlineKind: 'IpAddr',
    },
    {
      name: 'IpAddrRef',
      kind: 'name-ref',
      description: 'Adds the address of a globally defined IpAddr statement to the group.',
      certainty: 'confirmed',
      repeatable: true,
      refKind: 'IpAddr',
    },
    {
      name: 'IpAddrSet',
      kind: 'inline-block',
      description: 'An inline IpAddrSet block adding a prefix or range to the group.',
      certainty: 'confirmed',
      repeatable: true,
      inlineKind: 'IpAddrSet',
    },
    {
      name: 'IpAddrSetRef',
      kind: 'name-ref',
      description: 'Adds the prefix or range of a globally defined IpAddrSet statement to the group.',
      certainty: 'confirmed',
      repeatable: true,
      refKind: 'IpAddrSet',
    },
  ],
};

export const PORT_RANGE: StatementSpec = {
  name: 'PortRange',
  category: 'condition',
  fileRole: 'policy',
  description: 'A port or inclusive port range that rules and port groups can use as a port condition.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['PortGroup'],
  refParams: ['PortRangeRef', 'LocalPortRangeRef', 'RemotePortRangeRef'],
  rules: [
    UNNAMED_INLINE_RULE + ' (Assumed by analogy; the IBM reference page was not seen.)',
    'Port must be coded.',
  ],
  parameters: [
    {
      name: 'Port',
      kind: 'port-spec',
      description: 'The port, or an inclusive range of ports; 0 stands for every port.',
      certainty: 'usage',
      min: 0,
      max: 65535,
      repeatable: false,
      required: true,
      notes: [
        'A single port (Port 21) is seen in IBM\'s Configuration Guide; for a range, Policy Agent\'s general syntax rules allow n-m, n:m or "n m".',
      ],
    },
  ],
};

export const PORT_GROUP: StatementSpec = {
  name: 'PortGroup',
  category: 'condition',
  fileRole: 'policy',
  description: 'A named list of ports and port ranges; a rule that references it matches when the port falls into any member.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'required',
  nameMaxLength: 32,
  global: true,
  inlineIn: [],
  refParams: ['LocalPortGroupRef', 'RemotePortGroupRef'],
  requiredOneOf: [['PortRange', 'PortRangeRef']],
  rules: [
    'Must be defined at the top level with a name.',
    'Needs at least one member (PortRange or PortRangeRef); members may be repeated and mixed.',
  ],
  parameters: [
    {
      name: 'PortRange',
      kind: 'inline-block',
      description: 'An inline PortRange block adding a port or range to the group.',
      certainty: 'usage',
      repeatable: true,
      inlineKind: 'PortRange',
    },
    {
      name: 'PortRangeRef',
      kind: 'name-ref',
      description: 'Adds the port or range of a globally defined PortRange statement to the group.',
      certainty: 'recalled',
      repeatable: true,
      refKind: 'PortRange',
      notes: ['The keyword spelling follows the usual ...Ref pattern but was not seen in IBM text.'],
    },
  ],
};

export const IP_TIME_CONDITION: StatementSpec = {
  name: 'IpTimeCondition',
  category: 'condition',
  fileRole: 'policy',
  description:
    'Limits a rule to certain dates, months, days and times of day. IBM text confirms the statement; its parameters are recalled, not verified.',
  certainty: 'confirmed',
  shape: 'block',
  naming: 'optional-inline',
  nameMaxLength: 32,
  global: true,
  inlineIn: ['TTLSRule'],
  refParams: ['IpTimeConditionRef'],
  rules: [
    UNNAMED_INLINE_RULE,
    'All coded time restrictions must hold at the same time for the rule to be in effect.',
    'Policy Agent needs a correct TZ environment variable for time conditions to be applied properly.',
    'The parameter list of this statement is recalled; the IBM reference page was not seen.',
  ],
  parameters: [
    {
      name: 'TimePeriod',
      kind: 'time-spec',
      description: 'First and last date and time at which the rule is in effect.',
      certainty: 'recalled',
      repeatable: false,
      notes: [
        'Format believed to be yyyymmdd[hhmmss]:yyyymmdd[hhmmss].',
        'semantics.md lists ConditionTimeRange (start:end) for the same purpose, from a third-party generator; which spelling Policy Agent accepts for AT-TLS is not confirmed.',
      ],
    },
    {
      name: 'MonthOfYearMask',
      kind: 'bitmask',
      description: 'Twelve 0/1 characters, January first; a 1 means the rule is in effect in that month.',
      certainty: 'recalled',
      minLength: 12,
      maxLength: 12,
      defaults: [{ value: '111111111111', certainty: 'recalled' }],
      repeatable: false,
    },
    {
      name: 'DayOfMonthMask',
      kind: 'bitmask',
      description:
        'Sixty-two 0/1 characters: 31 for the days counted from the start of the month, then 31 counted back from its end (the last day first). A day is in effect when its bit is 1 in either half.',
      certainty: 'recalled',
      notes: [
        'pasearch shows the mask as two lines, "First to Last" and "Last to First"; a day counts when either has it, as in the IETF policy MIB (RFC 4807). IBM\'s own page for IpTimeCondition was not read, so the format is recalled.',
        'So 1 followed by 61 zeros means only the 1st; 31 zeros, then 1 and 30 zeros means only the last day of each month.',
      ],
      minLength: 62,
      maxLength: 62,
      defaults: [{ value: '11111111111111111111111111111111111111111111111111111111111111', certainty: 'recalled' }],
      repeatable: false,
    },
    {
      name: 'DayOfWeekMask',
      kind: 'bitmask',
      description: 'Seven 0/1 characters, Sunday first; a 1 means the rule is in effect on that weekday.',
      certainty: 'recalled',
      minLength: 7,
      maxLength: 7,
      defaults: [{ value: '1111111', certainty: 'recalled' }],
      repeatable: false,
    },
    {
      name: 'TimeOfDayRange',
      kind: 'time-spec',
      description: 'Daily window in which the rule is in effect, written hh:mm-hh:mm.',
      certainty: 'recalled',
      repeatable: false,
      notes: ['pasearch shows 00:00 to 24:00 when no window is set.'],
    },
    {
      name: 'TimeZone',
      kind: 'enum',
      description: 'Whether the times of this condition are local time or UTC.',
      certainty: 'recalled',
      values: [
        { value: 'Local', description: 'Times are local time of the z/OS system (taken from TZ).' },
        { value: 'UTC', description: 'Times are Coordinated Universal Time.' },
      ],
      defaults: [{ value: 'Local', certainty: 'recalled' }],
      repeatable: false,
    },
  ],
};
