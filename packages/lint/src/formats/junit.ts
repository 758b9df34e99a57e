// JUnit XML for CI test reports: one testcase per file, one failure per finding.
import type { LintResult } from '../lint.js';

function xml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJunit(results: readonly LintResult[]): string {
  const failures = results.reduce((n, r) => n + r.diagnostics.length, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="attls-lint" tests="${results.length}" failures="${failures}" errors="0">`);
  out.push(`  <testsuite name="attls-lint" tests="${results.length}" failures="${failures}" errors="0" skipped="0">`);
  for (const r of results) {
    if (r.diagnostics.length === 0) {
      out.push(`    <testcase classname="attls-lint" name="${xml(r.uri)}" file="${xml(r.uri)}"/>`);
      continue;
    }
    out.push(`    <testcase classname="attls-lint" name="${xml(r.uri)}" file="${xml(r.uri)}">`);
    for (const d of r.diagnostics) {
      const p = r.lineIndex.positionAt(d.span.start);
      const where = `${r.uri}:${p.line + 1}:${p.character + 1}`;
      out.push(`      <failure type="${xml(d.code)}" message="${xml(`${d.severity}: ${d.message}`)}">${xml(`${where} ${d.severity} ${d.code}: ${d.message}`)}</failure>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
