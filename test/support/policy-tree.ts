// The fixture tree test/fixtures/policy-set: a copy of a z/OS system with a main configuration
// file, two stacks, a common file and data set members. Shared by the language, CLI and server tests.
import { join } from 'node:path';
import { repoRoot } from './shared.js';

/** Where the tree is. */
export const POLICY_TREE = join(repoRoot, 'test', 'fixtures', 'policy-set');

/** The files of the tree, relative to it, in the order a lint of the main file lists them. */
export const POLICY_TREE_FILES: readonly string[] = [
  'etc/pagent.conf',
  'etc/pagent/tcpipa.image',
  'SYS1.TCPPARMS/IMAGEB',
  'etc/pagent/direct.ttls',
  'etc/pagent/common.ttls',
  'etc/pagent/tcpipa.ttls',
  'SYS1.TCPPARMS/TTLSB',
];
