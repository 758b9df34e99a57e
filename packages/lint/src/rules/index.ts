// The rule registry: every rule, sorted by id. A meta-test keeps it, the docs and `attls rules` in step.
import type { Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];
