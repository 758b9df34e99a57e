// explainCode: one return code -> what it means, how sure we are, the usual causes, where to look.
import type { Certainty } from '@attls/language';
import { FOCUS_DESCRIPTIONS, rangeOf, returnCodeInfo, type PolicyFocus, type RangeKind } from './codes.js';

export interface CodeExplanation {
  readonly code: number;
  /** Which documented range the code is in, and who issues it. */
  readonly range: {
    readonly kind: RangeKind;
    readonly from?: number;
    readonly to?: number;
    readonly title: string;
    readonly documentedIn: string;
  };
  /** True when our table has an entry for this exact code. */
  readonly known: boolean;
  readonly meaning: string;
  readonly certainty: Certainty;
  /** Where the meaning comes from; for uncertain entries, why. */
  readonly source: string;
  readonly causes: readonly string[];
  /** Where to look in the policy: a focus name and what it means. */
  readonly lookAt: readonly { readonly focus: PolicyFocus; readonly description: string }[];
  /** What to check outside the policy. */
  readonly checks: readonly string[];
  /** The real error is reported by the partner (look at the other end's log). */
  readonly partnerSide: boolean;
  /** An earlier environment error is the real cause (RC 5006). */
  readonly followsEnvironmentError: boolean;
}

/** Explains one return code. Never throws: codes we have no entry for get their range's meaning. */
export function explainCode(code: number): CodeExplanation {
  const range = rangeOf(code);
  const rangeInfo = {
    kind: range.kind,
    ...(range.kind === 'outside' ? {} : { from: range.from, to: range.to }),
    title: range.title,
    documentedIn: range.documentedIn,
  };
  const info = returnCodeInfo(code);
  if (info) {
    return {
      code,
      range: rangeInfo,
      known: true,
      meaning: info.meaning,
      certainty: info.certainty,
      source: info.source,
      causes: info.causes,
      lookAt: info.policy.map((focus) => ({ focus, description: FOCUS_DESCRIPTIONS[focus] })),
      checks: info.checks,
      partnerSide: info.partnerSide ?? false,
      followsEnvironmentError: info.followsEnvironmentError ?? false,
    };
  }
  const known = range.kind === 'success' || range.kind === 'attls-internal';
  const notInTable = known ? '' : ` Code ${code} is not in our table: see ${range.documentedIn}.`;
  const lookAt: PolicyFocus[] = range.kind === 'attls-user' ? ['rule', 'environment-action'] : [];
  return {
    code,
    range: rangeInfo,
    known,
    meaning: `${range.meaning}${notInTable}`,
    certainty: range.certainty,
    source: known ? 'The range as IBM documents it' : 'Only the range is known; the meaning of this code is not in our table',
    causes: [],
    lookAt: lookAt.map((focus) => ({ focus, description: FOCUS_DESCRIPTIONS[focus] })),
    checks:
      range.kind === 'attls-internal'
        ? ['Keep the message, the syslog lines around it and an AT-TLS trace, and open a case with IBM service.']
        : range.kind === 'success'
          ? []
          : [`Look the code up in ${range.documentedIn}.`],
    partnerSide: false,
    followsEnvironmentError: false,
  };
}

/** Words saying how uncertain a meaning is, or undefined when it is confirmed. */
export function uncertainty(certainty: Certainty): string | undefined {
  switch (certainty) {
    case 'confirmed':
      return undefined;
    case 'usage':
      return 'seen in IBM material quoting the manual, not checked against the manual itself';
    case 'recalled':
      return 'unconfirmed: not found in the z/OS documentation we read';
  }
}
