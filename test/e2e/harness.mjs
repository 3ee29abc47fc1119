// End-to-end harness: a real VS Code 1.100 workbench (code-server 4.100.3) on
// loopback, opened in Debian's Chromium and driven by playwright-core.
// Install the tools first: `bash test/e2e/install.sh` (they live outside the
// repository, in $STANDPOINT_E2E_HOME, default ~/.cache/standpoint-e2e).
//
//   import { startWorkbench } from './harness.mjs';
//   const wb = await startWorkbench({ folder, extensionFolders: [repoRoot], runDir });
//   try { await wb.openFile('a/b.stance.yaml'); await wb.waitForProblems((p) => p.total > 0); }
//   finally { await wb.stop(); }
//
// Selectors, keys and the shutdown order follow shared/e2e/README.md.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const E2E_HOME = process.env.STANDPOINT_E2E_HOME || path.join(os.homedir(), '.cache', 'standpoint-e2e');
export const TOOLS = path.join(E2E_HOME, 'tools');
export const CODE_SERVER_ENTRY = path.join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.STANDPOINT_E2E_CHROMIUM || '/usr/bin/chromium';

/** User settings for every run: quiet, deterministic workbench. */
export const DEFAULT_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  // The page title is the active file's full path: lets tests tell apart two files of one name.
  'window.title': '${activeEditorLong}${separator}${rootName}',
});

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The file path in the page title (VS Code writes paths under the home folder as ~/...). */
function titlePath(title) {
  const p = title.split(' - ')[0].trim();
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

function loadPlaywright() {
  const req = createRequire(path.join(TOOLS, 'package.json'));
  try {
    return req('playwright-core');
  } catch (e) {
    throw new Error(`playwright-core is not installed in ${TOOLS}: run \`bash test/e2e/install.sh\` first (${e.message})`, { cause: e });
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- processes --

/** pid -> { ppid, pgid, start } from /proc (no names are ever looked at). */
function processTable() {
  const table = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // f[0] = state, f[1] = ppid, f[2] = pgrp, f[19] = starttime
      if (f[0] === 'Z') continue;
      table.set(Number(name), { ppid: Number(f[1]), pgid: Number(f[2]), start: f[19] });
    } catch {
      /* gone */
    }
  }
  return table;
}

function descendants(table, roots) {
  const out = new Set(roots.filter((p) => table.has(p)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of table)
      if (!out.has(pid) && out.has(p.ppid)) {
        out.add(pid);
        grew = true;
      }
  }
  return out;
}

function alive(pid, start) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return f[0] !== 'Z' && (start === undefined || f[19] === start);
  } catch {
    return false;
  }
}

function groupAlive(pgid) {
  for (const p of processTable().values()) if (p.pgid === pgid) return true;
  return false;
}

// Processes to kill if this node process ends without stop() (crash, Ctrl+C).
const live = new Set();
let exitHooked = false;
function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const wb of live) wb.killNow();
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      process.exitCode = 128 + os.constants.signals[sig];
      process.exit();
    });
  }
}

// ---------------------------------------------------------------- workbench --

/**
 * Starts code-server on a free loopback port and opens `folder` in Chromium.
 * @param {object} o
 * @param {string} o.folder           workspace folder to open (absolute)
 * @param {string} o.runDir           where user-data, extensions, logs, screenshots go (created)
 * @param {string} [o.vsix]           a .vsix to install first
 * @param {(string|{path:string,name?:string,copy?:boolean})[]} [o.extensionFolders]
 *        unpacked extension folders; each is symlinked (or copied) as EXT/publisher.name-version
 * @param {object} [o.settings]       user settings on top of DEFAULT_SETTINGS
 * @param {(msg:string)=>void} [o.log]
 */
export async function startWorkbench(o) {
  const t0 = now();
  const log = o.log ?? ((m) => console.log(`[e2e] ${m}`));
  if (!o.folder || !path.isAbsolute(o.folder)) throw new Error('startWorkbench: `folder` must be an absolute path');
  if (!o.runDir) throw new Error('startWorkbench: `runDir` is required');
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed in ${TOOLS}: run \`bash test/e2e/install.sh\` first`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash test/e2e/install.sh\` first`);
  const { chromium } = loadPlaywright();

  const runDir = path.resolve(o.runDir);
  const dirs = {
    run: runDir,
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    screenshots: path.join(runDir, 'screenshots'),
    chromeProfile: path.join(runDir, 'chrome-profile'),
    xdgConfig: path.join(runDir, 'xdg', 'config'),
    xdgData: path.join(runDir, 'xdg', 'data'),
    xdgCache: path.join(runDir, 'xdg', 'cache'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...(o.settings ?? {}) }, null, 2));
  const configFile = path.join(runDir, 'code-server-config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // when run from a VS Code terminal
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;

  // Extensions.
  if (o.vsix) {
    const r = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--install-extension', path.resolve(o.vsix), '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], {
      env,
      encoding: 'utf8',
    });
    fs.writeFileSync(path.join(runDir, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) throw new Error(`installing ${o.vsix} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
  for (const spec of o.extensionFolders ?? []) {
    const { path: src, name, copy } = typeof spec === 'string' ? { path: spec } : spec;
    const abs = path.resolve(src);
    const pkg = JSON.parse(fs.readFileSync(path.join(abs, 'package.json'), 'utf8'));
    const id = name ?? `${pkg.publisher}.${pkg.name}-${pkg.version}`;
    const dest = path.join(dirs.extensions, id);
    fs.rmSync(dest, { recursive: true, force: true });
    if (copy) {
      fs.cpSync(abs, dest, { recursive: true, filter: (s) => !/[/\\](\.git|node_modules)$/.test(s) });
    } else {
      fs.symlinkSync(abs, dest, 'dir');
    }
  }

  const consoleLog = fs.createWriteStream(path.join(runDir, 'browser-console.log'));

  // code-server.
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const csLogPath = path.join(runDir, 'code-server.log');
  const csLog = fs.openSync(csLogPath, 'a');
  const args = [
    CODE_SERVER_ENTRY,
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    o.folder,
  ];
  const cs = spawn(process.execPath, args, { env, cwd: runDir, detached: true, stdio: ['ignore', csLog, csLog] });
  fs.closeSync(csLog);
  let csExit = null;
  const csExited = new Promise((r) =>
    cs.once('exit', (code, signal) => {
      csExit = { code, signal };
      r(csExit);
    }),
  );
  const tSpawn = now();

  const wb = {
    runDir,
    dirs,
    port,
    origin,
    pid: cs.pid,
    timings: {},
    browserPids: new Map(), // pid -> starttime
    context: null,
    page: null,
    killNow() {
      // synchronous last resort
      for (const [pid, start] of this.browserPids)
        if (alive(pid, start))
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
      try {
        process.kill(-cs.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    },
  };
  hookExit();
  live.add(wb);

  const fail = async (err) => {
    try {
      await stopAll();
    } catch {
      /* keep the first error */
    }
    const tail = fs.existsSync(csLogPath) ? fs.readFileSync(csLogPath, 'utf8').split('\n').slice(-30).join('\n') : '';
    err.message += `\n  run dir: ${runDir}\n  code-server.log (tail):\n${tail}`;
    throw err;
  };

  // Readiness: GET /healthz answers 200.
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (csExit) throw new Error(`code-server exited early (${JSON.stringify(csExit)})`);
      try {
        const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) break;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error('code-server /healthz did not answer 200 within 30 s');
      await sleep(100);
    }
  } catch (e) {
    return fail(e);
  }
  wb.timings.healthzMs = Math.round(now() - tSpawn);

  // Browser.
  try {
    const before = new Set(processTable().keys());
    wb.context = await chromium.launchPersistentContext(dirs.chromeProfile, {
      executablePath: CHROMIUM,
      headless: true,
      args: BROWSER_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    const table = processTable();
    for (const pid of descendants(table, [process.pid])) {
      const p = table.get(pid);
      if (!before.has(pid) && p.pgid !== cs.pid) wb.browserPids.set(pid, p.start);
    }
    await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    wb.page = wb.context.pages()[0] ?? (await wb.context.newPage());
    wb.page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    wb.page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    const url = `${origin}/?${new URLSearchParams({ folder: o.folder })}`;
    await wb.page.goto(url, { waitUntil: 'domcontentloaded' });
    const page = wb.page;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => {
        const host = document.getElementById('status.host');
        return !host || !/Opening Remote/i.test(host.innerText);
      },
      null,
      { timeout: 60_000 },
    );
  } catch (e) {
    return fail(e);
  }
  wb.timings.workbenchReadyMs = Math.round(now() - t0);
  log(`workbench ready on ${origin} in ${wb.timings.workbenchReadyMs} ms (healthz after ${wb.timings.healthzMs} ms)`);

  const page = wb.page;

  async function stopAll() {
    const t = now();
    live.delete(wb);
    // Everything the browser launch created, as it is now (children re-parent once it is gone).
    const table = processTable();
    const browserNow = new Map(wb.browserPids);
    for (const pid of descendants(table, [...wb.browserPids.keys()])) {
      if (!browserNow.has(pid)) browserNow.set(pid, table.get(pid).start);
    }
    if (wb.context) {
      await Promise.race([wb.context.close().catch(() => {}), sleep(10_000)]);
    }
    for (const [pid, start] of browserNow)
      if (alive(pid, start))
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
    // code-server keeps extension hosts (and the language server) for a reconnection grace
    // period, and leaves its file watchers on a plain SIGTERM: end the whole group.
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && (!csExit || groupAlive(cs.pid))) await sleep(50);
    if (!csExit || groupAlive(cs.pid)) {
      try {
        process.kill(-cs.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await Promise.race([csExited, sleep(2000)]);
    }
    consoleLog.end();
    fs.rmSync(dirs.chromeProfile, { recursive: true, force: true });
    wb.timings.stopMs = Math.round(now() - t);
  }

  // ---------------------------------------------------------------- helpers --

  const sel = {
    activeTab: '.editor-group-container.active .tabs-container .tab.active',
    quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
    problems: '[id="status.problems"]',
    selection: '[id="status.editor.selection"]',
    hover: '.monaco-hover:not(.workbench-hover)',
  };

  async function activeTabTitle() {
    const el = page.locator(`${sel.activeTab} .label-name`);
    if ((await el.count()) === 0) return null;
    return (await el.first().textContent())?.trim() ?? null;
  }

  /** The active editor's file path (from the page title, see DEFAULT_SETTINGS['window.title']). */
  async function activeFilePath() {
    return titlePath(await page.title());
  }

  async function cursorPosition() {
    const el = page.locator(sel.selection);
    if ((await el.count()) === 0) return null;
    const text = (await el.first().innerText()).trim();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    return m ? { line: Number(m[1]), col: Number(m[2]), text } : { line: null, col: null, text };
  }

  async function focusEditor() {
    const tab = page.locator(sel.activeTab).first();
    await tab.waitFor({ timeout: 10_000 });
    await tab.click();
    await page.mouse.move(200, 12); // off the tab (its tooltip would cover the editor) to the empty title bar
    await page
      .locator('.editor-group-container.active .monaco-editor textarea, .editor-group-container.active .monaco-editor .native-edit-context')
      .first()
      .waitFor({ state: 'attached', timeout: 5000 })
      .catch(() => {});
  }

  async function closeQuickInput() {
    if (await page.locator('.quick-input-widget').filter({ visible: true }).count()) {
      await page.keyboard.press('Escape');
      await page
        .locator('.quick-input-widget')
        .filter({ visible: true })
        .waitFor({ state: 'hidden', timeout: 5000 })
        .catch(() => {});
    }
  }

  /** Opens a file by its path relative to the workspace folder, with Quick Open. */
  async function openFile(relPath, { timeout = 20_000, attempts = 3 } = {}) {
    // Quick Open sometimes shows no row for a path typed too early (its file search is
    // still warming up): give each attempt a share of the time, then close and retype.
    let lastError;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await openFileOnce(relPath, Math.round(timeout / attempts));
      } catch (error) {
        lastError = error;
        log(`openFile(${relPath}): attempt ${attempt} of ${attempts} found no row; retrying`);
      }
    }
    throw lastError;
  }

  async function openFileOnce(relPath, timeout) {
    const t = now();
    const rel = relPath.split(path.sep).join('/');
    const base = path.posix.basename(rel);
    const dir = path.posix.dirname(rel);
    const want = path.join(o.folder, rel);
    await closeQuickInput();
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(rel);
    await clickQuickInputRow(
      async (name, description) => {
        if (name !== base) return false;
        const desc = await description();
        return dir === '.' ? desc === '' : desc === dir || desc.endsWith(`/${dir}`) || desc.endsWith(dir);
      },
      timeout,
      `openFile(${rel}): no Quick Open row for it within ${timeout} ms`,
    );
    const until = Date.now() + 10_000;
    while (titlePath(await page.title()) !== want) {
      if (Date.now() > until) throw new Error(`openFile(${rel}): the active file is ${titlePath(await page.title())}, not ${want}`);
      await sleep(50);
    }
    await page.locator(`${sel.activeTab}`).first().waitFor();
    wb.timings[`open:${rel}`] = Math.round(now() - t);
  }

  /**
   * Clicks the first Quick Input row that `matches(name, description)` (description read on demand),
   * waiting for it up to `timeout` ms; throws `failure` after that.
   */
  async function clickQuickInputRow(matches, timeout, failure) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const rows = page.locator(sel.quickInputRows);
      const n = await rows.count();
      for (let i = 0; i < n; i++) {
        const row = rows.nth(i);
        const name = (
          await row
            .locator('.label-name')
            .first()
            .textContent({ timeout: 500 })
            .catch(() => '')
        )?.trim();
        const description = async () =>
          (
            await row
              .locator('.label-description')
              .first()
              .textContent({ timeout: 500 })
              .catch(() => '')
          )?.trim() ?? '';
        if (await matches(name, description)) {
          // The list re-renders as results arrive: a row found a moment ago may be gone; look again.
          if (
            await row.click({ timeout: 1000 }).then(
              () => true,
              () => false,
            )
          )
            return;
          break;
        }
      }
      if (Date.now() > deadline) {
        await closeQuickInput();
        throw new Error(failure);
      }
      await sleep(100);
    }
  }

  function parseProblems(label) {
    const counts = { errors: 0, warnings: 0, infos: 0, total: 0, label };
    for (const [, k, v] of label.matchAll(/(\w+): (\d+)/g)) {
      const key = k.toLowerCase();
      counts[key] = Number(v);
      counts.total += Number(v);
    }
    return counts;
  }

  async function problemCounts() {
    const el = page.locator(sel.problems);
    if ((await el.count()) === 0) return parseProblems('');
    return parseProblems((await el.first().getAttribute('aria-label')) ?? '');
  }

  /** Polls the status bar's problems item until predicate({errors, warnings, infos, total, label}) holds. */
  async function waitForProblems(predicate, { timeout = 30_000 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await problemCounts();
      if (predicate(last)) return last;
      if (Date.now() > deadline) throw new Error(`waitForProblems: not met within ${timeout} ms; last: ${JSON.stringify(last.label)}`);
      await sleep(100);
    }
  }

  async function openProblemsPanel() {
    if (!(await page.locator('.markers-panel').filter({ visible: true }).count())) {
      await page.keyboard.press('Control+Shift+M');
    }
    await page.locator('.markers-panel').filter({ visible: true }).waitFor({ timeout: 10_000 });
    await page
      .locator('.markers-panel .monaco-list-row')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
  }

  /**
   * All rows of the Problems panel: { index, level (1 file, 2 marker), label (aria-label), code, text }.
   * The list is virtualised: it is scrolled with real mouse-wheel events and rows are de-duplicated by data-index.
   */
  async function problemsPanelRows({ maxRows = 5000 } = {}) {
    await openProblemsPanel();
    const list = page.locator('.markers-panel .monaco-list').first();
    const box = await list.boundingBox();
    if (!box) throw new Error('problemsPanelRows: the Problems list has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 40));
    for (let i = 0; i < 50; i++) {
      // to the top
      const first = await page.locator('.markers-panel .monaco-list-row[data-index="0"]').count();
      if (first) break;
      await page.mouse.wheel(0, -2000);
      await sleep(50);
    }
    const rows = new Map();
    let stale = 0;
    while (stale < 3 && rows.size < maxRows) {
      const batch = await page.$$eval('.markers-panel .monaco-list-row', (els) =>
        els.map((el) => ({
          index: Number(el.getAttribute('data-index')),
          level: Number(el.getAttribute('aria-level')),
          label: el.getAttribute('aria-label') ?? '',
          code: el.querySelector('.marker-code')?.textContent?.trim() ?? null,
          text: el.innerText.replace(/\s+/g, ' ').trim(),
        })),
      );
      const size = rows.size;
      for (const r of batch) if (!rows.has(r.index)) rows.set(r.index, r);
      stale = rows.size === size ? stale + 1 : 0;
      await page.mouse.wheel(0, Math.max(100, box.height - 44));
      await sleep(80);
    }
    for (let i = 0; i < 50 && !(await page.locator('.markers-panel .monaco-list-row[data-index="0"]').count()); i++) {
      await page.mouse.wheel(0, -2000); // back to the top
      await sleep(50);
    }
    return [...rows.values()].sort((a, b) => a.index - b.index);
  }

  /**
   * Moves the cursor with Ctrl+G and checks the status bar shows it. An edit that lands meanwhile (the
   * server's follow edits, a sentence number growing a digit) can push the cursor on by a character, so
   * a position that is off is tried again, up to three times, before it fails.
   */
  async function goToLineCol(line, col = 1) {
    let pos;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await closeQuickInput();
      await focusEditor();
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`:${line}:${col}`); // Ctrl+G opens the quick input with its `:` prefix
      await page.keyboard.press('Enter');
      const deadline = Date.now() + (attempt === 3 ? 10_000 : 3_000);
      for (;;) {
        pos = await cursorPosition();
        if (pos?.line === line && pos?.col === col && !/selected/.test(pos.text)) return pos;
        if (Date.now() > deadline) break;
        await sleep(50);
      }
    }
    throw new Error(`goToLineCol(${line}, ${col}): status bar says ${pos?.text}`);
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text ('' if none showed). */
  async function hoverText({ timeout = 10_000 } = {}) {
    const hover = page.locator(sel.hover).filter({ visible: true });
    if (await hover.count()) {
      await page.keyboard.press('Escape');
      await sleep(100);
    }
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const deadline = Date.now() + timeout;
    let last = '';
    let stableSince = 0;
    for (;;) {
      let text = '';
      if (await hover.count())
        text = (
          await hover
            .first()
            .innerText()
            .catch(() => '')
        ).trim();
      if (text && !/^Loading\.\.\.$/m.test(text)) {
        if (text === last) {
          if (now() - stableSince > 300) return text;
        } else {
          last = text;
          stableSince = now();
        }
      }
      if (Date.now() > deadline) return last;
      await sleep(50);
    }
  }

  /** Presses F12 and waits for the active file or the cursor to move. Returns where it landed. */
  async function goToDefinition({ timeout = 10_000 } = {}) {
    await page.keyboard.press('Escape');
    const before = { file: await activeFilePath(), pos: (await cursorPosition())?.text };
    await page.keyboard.press('F12');
    const deadline = Date.now() + timeout;
    for (;;) {
      const file = await activeFilePath();
      const pos = await cursorPosition();
      if (file !== before.file || pos?.text !== before.pos) {
        await sleep(200); // let the reveal settle
        return { file: await activeFilePath(), tab: await activeTabTitle(), position: await cursorPosition() };
      }
      if (Date.now() > deadline) throw new Error(`goToDefinition: nothing moved within ${timeout} ms (at ${before.file} ${before.pos})`);
      await sleep(50);
    }
  }

  async function readClipboard() {
    return page.evaluate(() => navigator.clipboard.readText());
  }

  async function writeClipboard(text) {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  }

  /** The whole text of the active editor (Ctrl+A, Ctrl+C); the cursor is put back. */
  async function editorText() {
    await focusEditor();
    const pos = await cursorPosition();
    await writeClipboard('\u0000');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    let text;
    for (let i = 0; i < 50; i++) {
      text = await readClipboard();
      if (text !== '\u0000') break;
      await sleep(50);
    }
    await page.keyboard.press('Escape'); // drop the selection
    // Putting the cursor back is a courtesy to the caller: a file the server is editing meanwhile may
    // no longer have that line and column, and the text read is right either way.
    if (pos?.line) await goToLineCol(pos.line, pos.col).catch(() => undefined);
    return text;
  }

  /** The text of the cursor's line (Ctrl+C with nothing selected copies the line). */
  async function lineText() {
    await writeClipboard('\u0000');
    await page.keyboard.press('Control+C');
    let text;
    for (let i = 0; i < 50; i++) {
      text = await readClipboard();
      if (text !== '\u0000') break;
      await sleep(50);
    }
    return text.replace(/\r?\n$/, '');
  }

  /** Runs a command from the palette (F1) by its label, e.g. 'View: Toggle Output'. */
  async function runCommand(label, { timeout = 10_000 } = {}) {
    await closeQuickInput();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${label}`);
    await clickQuickInputRow(async (name) => name === label, timeout, `runCommand(${label}): no such command in the palette`);
  }

  async function screenshot(name, { jpeg = false } = {}) {
    const file = path.join(dirs.screenshots, `${name.replace(/[^\w.-]+/g, '_')}.${jpeg ? 'jpg' : 'png'}`);
    await page.screenshot(jpeg ? { path: file, type: 'jpeg', quality: 70 } : { path: file });
    return file;
  }

  /** Log files written by the server and extension hosts (output channels included). */
  function logFiles() {
    const out = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.log')) out.push(p);
      }
    };
    for (const d of [path.join(dirs.userData, 'logs'), path.join(dirs.xdgData, 'code-server', 'coder-logs')]) if (fs.existsSync(d)) walk(d);
    for (const f of ['code-server.log', 'browser-console.log']) if (fs.existsSync(path.join(runDir, f))) out.push(path.join(runDir, f));
    return [...new Set(out)];
  }

  async function notifications() {
    return page.$$eval('.notifications-toasts .notification-toast', (els) => els.map((e) => e.innerText.trim()));
  }

  Object.assign(wb, {
    page,
    openFile,
    focusEditor,
    waitForProblems,
    problemCounts,
    problemsPanelRows,
    openProblemsPanel,
    goToLineCol,
    hoverText,
    goToDefinition,
    activeTabTitle,
    activeFilePath,
    cursorPosition,
    editorText,
    lineText,
    runCommand,
    screenshot,
    logFiles,
    notifications,
    readClipboard,
    writeClipboard,
    stop: stopAll,
  });
  return wb;
}

/**
 * Packages an extension folder into a .vsix with vsce 3.9.2 (no dependencies: the extension
 * must be bundled). Returns the .vsix path.
 */
export function packageVsix(extensionDir, outFile) {
  const vsce = path.join(TOOLS, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!fs.existsSync(vsce)) throw new Error(`vsce is not installed in ${TOOLS}: run \`bash test/e2e/install.sh\` first`);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const r = spawnSync(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies',
      '--skip-license',
      '--allow-missing-repository',
      '--baseContentUrl',
      'http://127.0.0.1/',
      '--baseImagesUrl',
      'http://127.0.0.1/',
      '-o',
      path.resolve(outFile),
    ],
    { cwd: extensionDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (r.status !== 0) throw new Error(`vsce package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return path.resolve(outFile);
}

/** 1-based { line, col } of the n-th (0-based) occurrence of `needle` in `text`, or null. */
export function positionOf(text, needle, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return null;
  }
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/**
 * What every end-to-end script starts with: its run folder (under E2E_HOME/runs, or
 * $STANDPOINT_E2E_RUN_DIR/<subfolder>), a log that prints seconds since the start, and
 * `check`, which records a result and stops the run at the first failure.
 */
export function startRun(name, { subfolder = name } = {}) {
  const t0 = performance.now();
  const log = (m) => console.log(`[${name} ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${m}`);
  const checks = [];
  const check = (title, ok, detail = '') => {
    checks.push({ name: title, ok: !!ok, detail });
    log(`${ok ? 'PASS' : 'FAIL'} ${title}${detail ? ` — ${detail}` : ''}`);
    if (!ok) throw new Error(`check failed: ${title}${detail ? ` — ${detail}` : ''}`);
  };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const runDir = path.resolve(process.env.STANDPOINT_E2E_RUN_DIR ? path.join(process.env.STANDPOINT_E2E_RUN_DIR, subfolder) : path.join(E2E_HOME, 'runs', `${name}-${stamp}`));
  fs.mkdirSync(runDir, { recursive: true });
  log(`run folder ${runDir}`);
  return { name, t0, log, checks, check, runDir };
}

/**
 * The .vsix as a user gets it: `npm run package` in the repository (its log in the run folder),
 * unless STANDPOINT_E2E_SKIP_PACKAGE=1 reuses the one there. Exits the script when there is none.
 */
export function packagedVsix(repo, runDir) {
  const { version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const vsix = path.join(repo, `standpoint-${version}.vsix`);
  if (process.env.STANDPOINT_E2E_SKIP_PACKAGE !== '1') {
    const result = spawnSync('npm', ['run', 'package'], { cwd: repo, encoding: 'utf8' });
    fs.writeFileSync(path.join(runDir, 'package.log'), `${result.stdout}\n${result.stderr}`);
    if (result.status !== 0) {
      console.error(result.stdout, result.stderr);
      process.exit(1);
    }
  }
  if (!fs.existsSync(vsix)) {
    console.error(`${vsix} is missing: run npm run package`);
    process.exit(1);
  }
  return vsix;
}

/**
 * What every end-to-end script ends with: when it failed, the notifications and the log files to
 * read; the workbench stopped; result.json in the run folder; with STANDPOINT_E2E_SCREENSHOTS=docs
 * and no failure, the README's screenshots copied into docs/screenshots; the summary line and the
 * exit code.
 */
export async function endRun(run, { wb, failed, timings, docs }) {
  const { name, t0, log, checks, runDir } = run;
  if (wb) {
    if (failed) {
      const notes = await wb.notifications().catch(() => []);
      if (notes.length) console.error(`[${name}] notifications:\n  ${notes.join('\n  ')}`);
      console.error(
        `[${name}] logs:\n  ${wb
          .logFiles()
          .filter((f) => /standpoint|exthost|console/i.test(f))
          .join('\n  ')}`,
      );
    }
    await wb.stop();
  }
  timings.totalMs = Math.round(performance.now() - t0);
  fs.writeFileSync(path.join(runDir, 'result.json'), JSON.stringify({ timings, checks, failed: failed ? String(failed) : null }, null, 2));
  if (!failed && docs && process.env.STANDPOINT_E2E_SCREENSHOTS === 'docs') {
    const target = path.join(docs.repo, 'docs', 'screenshots');
    fs.mkdirSync(target, { recursive: true });
    for (const file of docs.names) fs.copyFileSync(path.join(runDir, 'screenshots', file), path.join(target, file));
    log(`screenshots copied to ${target}`);
  }
  log(`timings: ${JSON.stringify(timings)}`);
  log(`${failed ? 'FAILED' : 'OK'}: ${checks.filter((c) => c.ok).length}/${checks.length} checks; screenshots in ${path.join(runDir, 'screenshots')}`);
  process.exitCode = failed ? 1 : 0;
}
