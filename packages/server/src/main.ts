// Process entry of attls-language-server: `--stdio`, `--node-ipc` or `--socket=<port>`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { evaluateRules, matchConnection } from '@attls/service';
import { nodeFiles } from './files.js';
import { SERVER_NAME, SERVER_VERSION, startServer } from './server.js';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (argv.includes('--help') || argv.includes('-h') || !argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  process.stdout.write(`Usage: ${SERVER_NAME} --stdio | --node-ipc | --socket=<port>

Language server for z/OS AT-TLS policy files (Language Server Protocol).
Settings (section "attls"): targetRelease (2.4, 2.5, 3.1, 3.2), rules ({ "<code>": "off" | "error" | "warning" | "info" | "hint" }).
`);
  if (!argv.includes('--help') && !argv.includes('-h')) process.exitCode = 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  // Never die on a stray exception: log it and keep serving.
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
  startServer(connection, { files: nodeFiles, evaluator: evaluateRules, matcher: matchConnection });
  connection.listen();
}
