// Version of attls-lint, shown in SARIF output (tool.driver.version); kept equal to package.json.
export const LINT_VERSION = '0.1.0';
