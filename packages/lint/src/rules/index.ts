// The rule registry: every rule, sorted by id. A meta-test keeps it, the docs and `attls rules` in step.
import type { Rule } from '../rule.js';
import applicationControlledNote from './application-controlled-note.js';
import catchAllRule from './catch-all-rule.js';
import certValidationLegacy from './cert-validation-legacy.js';
import cipherListIgnored from './cipher-list-ignored.js';
import clientAuthTypeIgnored from './client-auth-type-ignored.js';
import clientAuthUnverified from './client-auth-unverified.js';
import connectionRoleMismatch from './connection-role-mismatch.js';
import ctraceClearText from './ctrace-clear-text.js';
import dependentParameter from './dependent-parameter.js';
import disabledGroupActions from './disabled-group-actions.js';
import duplicateCipher from './duplicate-cipher.js';
import fipsIncompatible from './fips-incompatible.js';
import handshakeRoleDirection from './handshake-role-direction.js';
import handshakeTimeoutZero from './handshake-timeout-zero.js';
import insecureRenegotiation from './insecure-renegotiation.js';
import instanceHint from './instance-hint.js';
import jobnameLowercase from './jobname-lowercase.js';
import keyringFormat from './keyring-format.js';
import keyringMissing from './keyring-missing.js';
import keyringOwnerMismatch from './keyring-owner-mismatch.js';
import keyringPasswordInPolicy from './keyring-password-in-policy.js';
import keyringSpelling from './keyring-spelling.js';
import keywordCase from './keyword-case.js';
import mixedCipherLists from './mixed-cipher-lists.js';
import noModernProtocol from './no-modern-protocol.js';
import noUsableCipher from './no-usable-cipher.js';
import orderByName from './order-by-name.js';
import priorityGaps from './priority-gaps.js';
import requireMinProtocol from './require-min-protocol.js';
import requireSecured from './require-secured.js';
import roleIrrelevantSetting from './role-irrelevant-setting.js';
import ruleOverlap from './rule-overlap.js';
import ruleWithoutPriority from './rule-without-priority.js';
import secondaryMapDisabledGroup from './secondary-map-disabled-group.js';
import shadowedRule from './shadowed-rule.js';
import tls13Ciphers from './tls13-ciphers.js';
import tooManyGroups from './too-many-groups.js';
import traceTooVerbose from './trace-too-verbose.js';
import valueCase from './value-case.js';
import weakCipher from './weak-cipher.js';
import weakKeySize from './weak-key-size.js';
import weakProtocol from './weak-protocol.js';
import weakSignatureAlgorithm from './weak-signature-algorithm.js';

export const RULES: readonly Rule[] = [
  applicationControlledNote,
  catchAllRule,
  certValidationLegacy,
  cipherListIgnored,
  clientAuthTypeIgnored,
  clientAuthUnverified,
  connectionRoleMismatch,
  ctraceClearText,
  dependentParameter,
  disabledGroupActions,
  duplicateCipher,
  fipsIncompatible,
  handshakeRoleDirection,
  handshakeTimeoutZero,
  insecureRenegotiation,
  instanceHint,
  jobnameLowercase,
  keyringFormat,
  keyringMissing,
  keyringOwnerMismatch,
  keyringPasswordInPolicy,
  keyringSpelling,
  keywordCase,
  mixedCipherLists,
  noModernProtocol,
  noUsableCipher,
  orderByName,
  priorityGaps,
  requireMinProtocol,
  requireSecured,
  roleIrrelevantSetting,
  ruleOverlap,
  ruleWithoutPriority,
  secondaryMapDisabledGroup,
  shadowedRule,
  tls13Ciphers,
  tooManyGroups,
  traceTooVerbose,
  valueCase,
  weakCipher,
  weakKeySize,
  weakProtocol,
  weakSignatureAlgorithm,
];
