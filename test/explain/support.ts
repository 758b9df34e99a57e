// Fixture access and a policy model builder for the explain tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parse, type PolicyModel } from '@attls/language';
import { repoRoot } from '../support/shared.js';

/** Folder of the explain fixtures (log lines and policies copied from seeds 003 and 004). */
export const fixtures: string = join(repoRoot, 'test', 'explain', 'fixtures');

export function fixture(name: string): string {
  return readFileSync(join(fixtures, name), 'utf8');
}

/** The model of fixture policies, each file named by its fixture name. */
export function policy(...names: string[]): PolicyModel {
  return buildModel(names.map((n) => ({ uri: n, parse: parse(fixture(n)) })));
}
