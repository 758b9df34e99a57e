// dependent-parameter: parameters that only work together with another setting in the same
// block -- a length without the fragment negotiation it belongs to, an SNI list without SNI, a
// middlebox mode without TLS 1.3, an LDAP user without its password.
import { spanOf, type StatementInfo } from '@attls/language';
import { defineRule } from '../rule.js';
import { defaultSetting, is, statementsOf } from '../policy.js';

interface Dependency {
  readonly keyword: string;
  /** Only when the keyword has one of these values (any value when absent). */
  readonly when?: readonly string[];
  readonly needs: string;
  /** The needed parameter must have one of these values (present with any value when absent). */
  readonly values?: readonly string[];
  /** The needed parameter defaults from the environment defaults when not coded. */
  readonly defaulted?: boolean;
}

const ENV_DEPENDENCIES: readonly Dependency[] = [
  { keyword: 'ClientMaxSSLFragmentLength', needs: 'ClientMaxSSLFragment', values: ['Required', 'Optional'] },
  { keyword: 'ClientMaxSSLFragment', when: ['Required', 'Optional'], needs: 'ClientMaxSSLFragmentLength' },
  { keyword: 'ClientHandshakeSNIMatch', needs: 'ClientHandshakeSNI', values: ['Required', 'Optional'] },
  { keyword: 'ClientHandshakeSNIList', needs: 'ClientHandshakeSNI', values: ['Required', 'Optional'] },
  { keyword: 'ServerHandshakeSNIMatch', needs: 'ServerHandshakeSNI', values: ['Required', 'Optional'] },
  { keyword: 'ServerHandshakeSNIList', needs: 'ServerHandshakeSNI', values: ['Required', 'Optional'] },
  { keyword: 'MiddleBoxCompatMode', when: ['On'], needs: 'TLSv1.3', values: ['On'], defaulted: true },
];

const LDAP_DEPENDENCIES: readonly Dependency[] = [
  { keyword: 'GSK_LDAP_USER', needs: 'GSK_LDAP_USER_PW' },
  { keyword: 'GSK_LDAP_USER_PW', needs: 'GSK_LDAP_USER' },
];

export default defineRule({
  meta: {
    id: 'dependent-parameter',
    category: 'correctness',
    defaultSeverity: 'warning',
    description: 'Flag parameters that have no effect, or are incomplete, without the setting they depend on in the same block.',
    fixable: false,
    certainty: 'confirmed',
    messages: {
      noEffect: '{{keyword}} has no effect unless {{needs}} is {{values}} in the same block (here it is {{actual}}).',
      missing: '{{keyword}} {{value}} also needs {{needs}} in the same block.',
    },
  },
  check(ctx) {
    const { model } = ctx;
    const checkBlock = (block: StatementInfo, deps: readonly Dependency[]): void => {
      for (const dep of deps) {
        const p = block.param(dep.keyword);
        const w = p?.values[0];
        if (!p || !w) continue;
        if (dep.when && !dep.when.some((v) => is(w.text, v))) continue;
        const other = block.param(dep.needs);
        let actual = other?.values[0]?.text;
        if (actual === undefined && dep.defaulted) actual = defaultSetting(model, dep.needs).value;
        if (!dep.values) {
          if (!other) ctx.report({ uri: block.doc.uri, span: spanOf(p.keyword), messageId: 'missing', data: { keyword: dep.keyword, value: w.text, needs: dep.needs } });
          continue;
        }
        if (actual !== undefined && dep.values.some((v) => is(actual, v))) continue;
        ctx.report({
          uri: block.doc.uri,
          span: spanOf(p.keyword),
          messageId: 'noEffect',
          data: { keyword: dep.keyword, needs: dep.needs, values: dep.values.join(' or '), actual: actual === undefined ? 'not coded' : other ? actual : `${actual} by default` },
          related: other ? [{ message: `${dep.needs} is set here`, span: spanOf(other.node) }] : undefined,
          tags: [1],
        });
      }
    };
    for (const b of statementsOf(model, 'TTLSEnvironmentAdvancedParms')) checkBlock(b, ENV_DEPENDENCIES);
    for (const b of statementsOf(model, 'TTLSGskLdapParms')) checkBlock(b, LDAP_DEPENDENCIES);
  },
});
