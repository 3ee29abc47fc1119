// Smoke test of the real Standpoint extension in a real VS Code workbench.
//
//   bash test/e2e/install.sh && node test/e2e/smoke.mjs
//
// Builds the extension (npm run build), installs the repository root as an unpacked
// extension (symlink EXT/standpoint.standpoint-0.1.0 -> repo), opens a temporary copy of
// example/ and checks diagnostics (status bar + Problems panel), hovers and F12.
// Run folder: $STANDPOINT_E2E_RUN_DIR, default $STANDPOINT_E2E_HOME/runs/smoke-<time>
// (screenshots/, code-server.log, browser-console.log, user-data/logs/, timings.json).
// STANDPOINT_E2E_SKIP_BUILD=1 skips `npm run build`; STANDPOINT_E2E_VSIX=1 installs a .vsix packaged
// with vsce instead of the unpacked folder.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2E_HOME, packageVsix, positionOf, startWorkbench } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const KEEP_RUNS = Number(process.env.STANDPOINT_E2E_KEEP_RUNS ?? 10);

const t0 = performance.now();
const timings = {};
const mark = (name, since) => {
  timings[name] = Math.round(performance.now() - since);
  return timings[name];
};
const log = (m) => console.log(`[smoke ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${m}`);
const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok: !!ok, detail });
  log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
  if (!ok) throw new Error(`check failed: ${name}${detail ? ` — ${detail}` : ''}`);
}

// Run folder (outside the repository); old smoke runs are pruned.
const runsDir = path.join(E2E_HOME, 'runs');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const runDir = path.resolve(process.env.STANDPOINT_E2E_RUN_DIR || path.join(runsDir, `smoke-${stamp}`));
fs.mkdirSync(runDir, { recursive: true });
if (!process.env.STANDPOINT_E2E_RUN_DIR && fs.existsSync(runsDir)) {
  const old = fs
    .readdirSync(runsDir)
    .filter((n) => n.startsWith('smoke-'))
    .sort();
  for (const n of old.slice(0, Math.max(0, old.length - KEEP_RUNS))) fs.rmSync(path.join(runsDir, n), { recursive: true, force: true });
}
log(`run dir ${runDir}`);

// 1. Build.
if (process.env.STANDPOINT_E2E_SKIP_BUILD !== '1') {
  const t = performance.now();
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8' });
  fs.writeFileSync(path.join(runDir, 'build.log'), `${r.stdout}\n${r.stderr}`);
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    console.error(`npm run build failed (${r.status}); log: ${path.join(runDir, 'build.log')}`);
    process.exit(1);
  }
  log(`npm run build: ${mark('buildMs', t)} ms`);
}
for (const f of ['package.json', 'dist/extension.js', 'dist/server.js']) {
  if (!fs.existsSync(path.join(REPO, f))) {
    console.error(`missing ${f}: build first`);
    process.exit(1);
  }
}

// 2. A temporary copy of the example corpus as the workspace folder.
const folder = path.join(runDir, 'workspace', 'example');
fs.rmSync(folder, { recursive: true, force: true });
fs.cpSync(path.join(REPO, 'example'), folder, { recursive: true });

let wb;
let failed = null;
try {
  const tStart = performance.now();
  // STANDPOINT_E2E_VSIX=1: package with vsce and install the .vsix instead of the unpacked folder.
  const ext = process.env.STANDPOINT_E2E_VSIX === '1' ? { vsix: packageVsix(REPO, path.join(runDir, 'standpoint.vsix')) } : { extensionFolders: [REPO] };
  if (ext.vsix) log(`packaged ${ext.vsix} in ${mark('vsixMs', tStart)} ms`);
  wb = await startWorkbench({ folder, runDir, ...ext, log });
  mark('workbenchStartMs', tStart);

  // 3. Diagnostics of the broken annotations.
  let t = performance.now();
  await wb.openFile('broken/riyadh-talks.stance.yaml');
  const tOpened = performance.now();
  mark('openBrokenMs', t);
  check('opened broken/riyadh-talks.stance.yaml', (await wb.activeFilePath()) === path.join(folder, 'broken', 'riyadh-talks.stance.yaml'), await wb.activeTabTitle());
  const langMode = await wb.page
    .locator('[id="status.editor.mode"]')
    .first()
    .innerText()
    .catch(() => '?');
  log(`language mode of the file: ${langMode.trim()}`);
  let counts;
  try {
    counts = await wb.waitForProblems((c) => c.total > 0, { timeout: 30_000 });
  } catch (e) {
    await wb.screenshot('01-no-problems');
    throw e;
  }
  mark('firstDiagnosticsAfterOpenMs', tOpened);
  check('status bar problem count is non-zero', counts.total > 0, `${counts.label} (${timings.firstDiagnosticsAfterOpenMs} ms after open)`);
  await wb.page
    .locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => {});
  const squiggles = await wb.page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').count();
  log(`squiggles rendered in the editor: ${squiggles}`);
  await wb.screenshot('01-broken-diagnostics');

  // Give the counts a moment to settle (workspace diagnostics arrive in batches), then read the panel.
  await new Promise((r) => setTimeout(r, 1000));
  t = performance.now();
  const rows = await wb.problemsPanelRows();
  mark('problemsPanelMs', t);
  const markers = rows.filter((r) => r.level === 2);
  const files = rows.filter((r) => r.level === 1).map((r) => r.label);
  const codes = [...new Set(markers.map((r) => r.code).filter(Boolean))].sort();
  fs.writeFileSync(path.join(runDir, 'problems.json'), JSON.stringify({ counts: await wb.problemCounts(), rows }, null, 2));
  log(`Problems panel: ${files.length} files, ${markers.length} markers; codes: ${codes.join(' ')}`);
  for (const f of files) log(`  ${f}`);
  check(
    'Problems panel shows sentence-out-of-range',
    markers.some((r) => (r.code ?? '').includes('sentence-out-of-range')),
    markers.find((r) => (r.code ?? '').includes('sentence-out-of-range'))?.label ?? '',
  );
  check('Problems panel rows carry Standpoint codes', codes.length >= 3, `${codes.length} distinct codes`);
  await wb.screenshot('02-problems-panel');

  // 4. Hover on the 99 of `sentence: 99`.
  const brokenText = await wb.editorText();
  const at99 = positionOf(brokenText, 'sentence: 99');
  check('found `sentence: 99` in the editor text', !!at99, JSON.stringify(at99));
  t = performance.now();
  await wb.goToLineCol(at99.line, at99.col + 'sentence: '.length);
  const hover99 = await wb.hoverText();
  mark('hover99Ms', t);
  log(`hover on 99:\n    ${hover99.replace(/\n+/g, '\n    ')}`);
  check('hover on `sentence: 99` shows text', hover99.length > 0 && /sentence/i.test(hover99), hover99.split('\n')[0]);
  // Besides the marker (message, `standpoint(code)`, View Problem, quick fixes) the server's own hover shows.
  const ownHover = hover99.split('\n').filter((l) => l.trim() && !/standpoint\(|View Problem|quick fix/i.test(l));
  check("hover on `sentence: 99` has the server's hover besides the marker", ownHover.length > 0, ownHover.join(' / '));
  await wb.screenshot('03-hover-99');
  await wb.page.keyboard.press('Escape');

  // 5. Hover and F12 on a valid sentence number in the clean annotations.
  await wb.openFile('annotations/riyadh-talks.ana.stance.yaml');
  check('opened annotations/riyadh-talks.ana.stance.yaml', (await wb.activeFilePath()) === path.join(folder, 'annotations', 'riyadh-talks.ana.stance.yaml'));
  const cleanText = await wb.editorText();
  const at4 = positionOf(cleanText, 'sentence: 4');
  check('found `sentence: 4` in the editor text', !!at4, JSON.stringify(at4));
  t = performance.now();
  await wb.goToLineCol(at4.line, at4.col + 'sentence: '.length);
  const hover4 = await wb.hoverText();
  mark('hover4Ms', t);
  log(`hover on 4:\n    ${hover4.replace(/\n+/g, '\n    ')}`);
  check('hover on `sentence: 4` shows the sentence', /sat down at the same table/.test(hover4), hover4.split('\n')[0]);
  await wb.screenshot('04-hover-4');

  t = performance.now();
  const landed = await wb.goToDefinition();
  mark('definitionMs', t);
  const targetLine = await wb.lineText();
  await wb.screenshot('05-definition');
  log(`F12 landed in ${landed.file} at ${landed.position?.text}: ${targetLine.slice(0, 100)}`);
  check('F12 opens riyadh-talks.txt', landed.tab === 'riyadh-talks.txt', `${landed.tab} ${landed.position?.text}`);
  check('F12 lands on sentence 4', /For the first time since Russia/.test(targetLine), targetLine.slice(0, 60));
} catch (e) {
  failed = e;
  console.error(`[smoke] ERROR: ${e.stack ?? e}`);
  if (wb?.page) await wb.screenshot('99-failure').catch(() => {});
} finally {
  if (wb) {
    if (failed) {
      const notes = await wb.notifications().catch(() => []);
      if (notes.length) console.error(`[smoke] notifications:\n  ${notes.join('\n  ')}`);
    }
    const logs = wb.logFiles();
    await wb.stop();
    log(`stopped in ${wb.timings.stopMs} ms`);
    Object.assign(timings, { healthzMs: wb.timings.healthzMs, workbenchReadyMs: wb.timings.workbenchReadyMs, stopMs: wb.timings.stopMs });
    if (failed) {
      const ours = logs.filter((f) => /standpoint|exthost|remoteexthost|remoteagent/i.test(f));
      console.error(`[smoke] logs worth reading:\n  ${ours.join('\n  ')}`);
    }
  }
  timings.totalMs = Math.round(performance.now() - t0);
  fs.writeFileSync(path.join(runDir, 'timings.json'), JSON.stringify({ timings, checks, failed: failed ? String(failed) : null }, null, 2));
  log(`timings: ${JSON.stringify(timings)}`);
  log(`${failed ? 'FAILED' : 'OK'}: ${checks.filter((c) => c.ok).length} checks passed; screenshots in ${path.join(runDir, 'screenshots')}`);
  process.exitCode = failed ? 1 : 0;
}
