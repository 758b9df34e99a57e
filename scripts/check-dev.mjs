// Runs before the build that `npm ci` starts (the prepare script): the build needs TypeScript and
// esbuild, which are dev dependencies. Without them (npm ci --omit=dev, NODE_ENV=production) it
// stops with one line that says why and what to do, instead of a shell's "tsc: not found".
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const missing = ['typescript', 'esbuild'].filter((name) => {
  try {
    require.resolve(`${name}/package.json`);
    return false;
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  process.stderr.write(
    `attls: cannot build: ${missing.join(' and ')} (dev dependencies) are not installed; run \`npm ci\` with the dev dependencies, or install the packed CLI, which needs none (README, "Installing")\n`,
  );
  process.exit(1);
}
