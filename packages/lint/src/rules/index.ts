// The rule registry: every rule, sorted by id. A meta-test keeps it, the docs and `attls rules` in step.
import type { Rule } from '../rule.js';
import orderByName from './order-by-name.js';
import ruleOverlap from './rule-overlap.js';
import shadowedRule from './shadowed-rule.js';

export const RULES: readonly Rule[] = [orderByName, ruleOverlap, shadowedRule];
