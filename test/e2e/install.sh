#!/usr/bin/env bash
# Installs a real VS Code workbench (code-server 4.100.3) + Debian's Chromium +
# playwright-core for the end-to-end tests, OUTSIDE the repository.
#
#   bash test/e2e/install.sh
#
# Where: $STANDPOINT_E2E_HOME (default $HOME/.cache/standpoint-e2e)/tools.
# Idempotent: a stamp file makes a second run a no-op (well under a second).
# Steps and reasons: ../../../shared/e2e/README.md ("Installing a real VS Code here").
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
VSCE_VERSION=3.9.2
STAMP_VERSION="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION @vscode/vsce@$VSCE_VERSION node@$(node --version 2>/dev/null || echo none) v1"

E2E_HOME="${STANDPOINT_E2E_HOME:-$HOME/.cache/standpoint-e2e}"
TOOLS="$E2E_HOME/tools"
STAMP="$TOOLS/.installed"
CS="$TOOLS/node_modules/code-server"
VSC="$CS/lib/vscode"

T0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
die() { echo "e2e install: FAILED: $*" >&2; exit 1; }
step_start=""
step() { step_start=$(date +%s.%N); echo "e2e install: $* ..."; }
done_step() { echo "e2e install:   done in $(elapsed "$step_start") s"; }
trap 'rc=$?; if [ $rc -ne 0 ]; then echo "e2e install: FAILED (exit $rc) after $(elapsed "$T0") s; see above. Re-running resumes (every step is idempotent)." >&2; fi' EXIT

# --- fast path -----------------------------------------------------------------
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_VERSION" ] \
   && [ -x /usr/bin/chromium ] && command -v rg >/dev/null \
   && [ -f "$CS/out/node/entry.js" ] && [ -f "$TOOLS/node_modules/playwright-core/package.json" ]; then
  echo "e2e install: already installed in $TOOLS ($STAMP_VERSION); nothing to do ($(elapsed "$T0") s)"
  exit 0
fi

command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || die "node >= 20 is needed (have $(node --version))"

# --- 1. apt packages ---------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO=sudo
  else
    SUDO=
  fi
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  done_step
else
  echo "e2e install: apt packages present (chromium, ripgrep, libkrb5-dev, make, g++, python3)"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after apt-get"

# --- 2. npm packages in the cache folder ---------------------------------------
mkdir -p "$TOOLS"
exec 9>"$E2E_HOME/.install.lock"
if command -v flock >/dev/null; then flock 9; fi
cd "$TOOLS"
[ -f package.json ] || echo '{ "name": "standpoint-e2e-tools", "private": true }' > package.json

# node-gyp must use the system headers (no download); npx must not prompt.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export npm_config_yes=true
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# code-server --version etc. would otherwise write ~/.config/code-server.
export XDG_CONFIG_HOME="$E2E_HOME/xdg-config" XDG_DATA_HOME="$E2E_HOME/xdg-data" XDG_CACHE_HOME="$E2E_HOME/xdg-cache"

step "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION @vscode/vsce@$VSCE_VERSION"
npm install --ignore-scripts --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" "@vscode/vsce@$VSCE_VERSION" \
  || die "npm install of the e2e tools failed"
done_step

# --- 3. argon2 (imported at startup even with --auth none) ---------------------
step "npm rebuild argon2 (builds from source)"
npm rebuild argon2 --loglevel=error >"$TOOLS/rebuild-argon2.log" 2>&1 \
  || { tail -30 "$TOOLS/rebuild-argon2.log" >&2; die "npm rebuild argon2 failed (log: $TOOLS/rebuild-argon2.log)"; }
done_step

# --- 4. VS Code's own runtime dependencies ---------------------------------------
step "npm install --omit=dev in lib/vscode"
(cd "$VSC" && npm install --omit=dev --ignore-scripts --loglevel=error) || die "npm install in $VSC failed"
done_step

# --- 5. ripgrep from Debian (its postinstall would download from GitHub) --------
mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
ln -sfn "$(command -v rg)" "$VSC/node_modules/@vscode/ripgrep/bin/rg"

# --- 6. native modules of lib/vscode (kerberos, node-pty, spdlog, ...) -----------
step "npm rebuild --foreground-scripts in lib/vscode (native modules)"
(cd "$VSC" && npm rebuild --foreground-scripts) >"$TOOLS/rebuild-vscode.log" 2>&1 \
  || { tail -40 "$TOOLS/rebuild-vscode.log" >&2; die "npm rebuild in $VSC failed (log: $TOOLS/rebuild-vscode.log)"; }
done_step

# --- 7. the symlinks that code-server's postinstall.sh makes --------------------
ln -sfn node_modules "$VSC/node_modules.asar"
ln -sfn code-linux.sh "$VSC/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VSC/bin/helpers/browser.sh"

# --- 8. built-in extensions' dependencies (typescript) --------------------------
step "npm install --omit=dev in lib/vscode/extensions"
(cd "$VSC/extensions" && npm install --omit=dev --loglevel=error) >"$TOOLS/install-extensions.log" 2>&1 \
  || { tail -30 "$TOOLS/install-extensions.log" >&2; die "npm install in $VSC/extensions failed (log: $TOOLS/install-extensions.log)"; }
done_step

# --- 9. smoke check --------------------------------------------------------------
step "smoke check"
v=$(node "$CS/out/node/entry.js" --version 2>&1) || die "code-server --version failed: $v"
echo "e2e install:   code-server $(echo "$v" | grep -E '^[0-9]+\.[0-9]+' | head -1)"
(cd "$VSC" && node -e '
  for (const m of ["kerberos", "node-pty", "@vscode/spdlog", "native-watchdog", "@parcel/watcher"]) require(m);
  require(require.resolve("argon2", { paths: [process.argv[1]] }));
' "$TOOLS/node_modules/code-server") || die "a native module does not load"
node -e 'require(process.argv[1])' "$TOOLS/node_modules/playwright-core" || die "playwright-core does not load"
"$VSC/node_modules/@vscode/ripgrep/bin/rg" --version | head -1 | sed 's/^/e2e install:   /'
/usr/bin/chromium --version 2>/dev/null | head -1 | sed 's/^/e2e install:   /' || die "chromium --version failed"
done_step

echo "$STAMP_VERSION" > "$STAMP"
echo "e2e install: installed in $TOOLS in $(elapsed "$T0") s ($(du -sh "$TOOLS" 2>/dev/null | cut -f1))"
