// `npm run demo`: shows attls on the bundled example policy. Findings are the point of the demo,
// so the demo itself succeeds unless a command could not run at all (exit status 2).
import { spawnSync } from 'node:child_process';

const steps = [
  { title: 'Lint the example policy', args: ['lint', 'examples/'] },
  {
    title: 'Which rule does an inbound TN3270 connection get, and with which settings?',
    args: ['match', 'examples/sysa-attls.ttls', '--direction', 'inbound', '--local-port', '992', '--remote-addr', '203.0.113.25', '--jobname', 'TN3270A'],
  },
  {
    title: 'Why the shadowed MonitorLegacy never applies: its connections go to MonitorExempt',
    args: ['match', 'examples/sysa-attls.ttls', '--direction', 'outbound', '--remote-port', '9005', '--jobname', 'MONAGT01'],
  },
  { title: 'Connection cases as tests, and the rule no case reaches', args: ['test', 'examples/sysa-cases.yaml'] },
  { title: 'Guarantees over every connection: one holds, one fails with a connection that breaks it', args: ['test', 'examples/sysa-properties.yaml'] },
];

let failed = false;
for (const step of steps) {
  process.stdout.write(`\n=== ${step.title}: attls ${step.args.join(' ')}\n\n`);
  const r = spawnSync(process.execPath, ['packages/cli/bin/attls.js', ...step.args], { stdio: 'inherit' });
  if (r.status === 2 || r.status === null) failed = true;
}
process.exitCode = failed ? 1 : 0;
