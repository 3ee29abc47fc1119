// End-to-end test of "Standpoint: Import DNA Database…" in a real VS Code workbench
// (code-server + Debian Chromium + playwright-core; see test/e2e/README.md).
//
//   npm run test:e2e            (runs e2e.mjs, views.mjs, then this; installs the tools once, packages the .vsix)
//   node test/e2e/dna.mjs       (alone; STANDPOINT_E2E_SKIP_PACKAGE=1 reuses the .vsix)
//
// The DNA database is the one the unit tests build (server/test/support/dnaSamples.ts: original text, two coders,
// CR LF, characters outside the BMP). Through the real pickers (VS Code's own file dialog, typed into as a user
// does) it checks: a file that is not a DNA database is refused with DNA's reason; a folder with files the import
// would write asks first (Choose Another Folder, then Overwrite); the corpus is the CLI's, file for file; it is
// checked live (a hover on a sentence number); the summary goes to the Standpoint output and a notification gives
// the counts; and the corpus opens where docs/dna.md says: revealed when inside the workspace, in place from a
// window with no folder, in a new window otherwise, each showing the summary.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { positionOf, startWorkbench, packagedVsix, startRun, endRun } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMMAND = 'Standpoint: Import DNA Database…';
/** The counts of the rich sample (server/test/dnaCli.test.ts shows its summary line by line). */
const NOTICE = 'Imported levy.dna (DNA 3.0.11.5): 3 documents, 8 of 10 statements, 7 persons, 6 organisations, 2 concepts, 2 coders. 2 things could not be carried over: see the summary.';
const OSEI = 'Dr. Rafael Osei of the Lagos Trade Institute disagreed.';

const timings = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const run = startRun('dna');
const { log, check, runDir } = run;

// 1. The .vsix as a user gets it.
const vsix = packagedVsix(REPO, runDir);

// 2. The tests' DNA database, a file that is not one, and folders to import into.
const samples = path.join(REPO, 'node_modules', '.cache', 'standpoint-e2e', 'dnaSamples.cjs');
await build({ entryPoints: [path.join(REPO, 'server', 'test', 'support', 'dnaSamples.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: samples, logLevel: 'warning' });
const { richDatabase } = createRequire(import.meta.url)(samples);
const root = path.join(runDir, 'files');
fs.rmSync(root, { recursive: true, force: true });
const work = path.join(root, 'work');
const database = path.join(work, 'levy.dna');
fs.mkdirSync(path.join(work, 'taken'), { recursive: true });
fs.mkdirSync(path.join(work, 'corpus'));
fs.writeFileSync(database, (await richDatabase()).bytes());
fs.writeFileSync(path.join(work, 'notes.dna'), 'Not a database, just notes.\n');
const TAKEN_CODEBOOK = 'actors: {}\n';
fs.writeFileSync(path.join(work, 'taken', 'codebook.yaml'), TAKEN_CODEBOOK);
for (const name of ['fresh', 'other', 'by-cli']) fs.mkdirSync(path.join(root, name));
const cli = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'import', 'dna', database, '--output', path.join(root, 'by-cli'), '--force'], { encoding: 'utf8' });
if (cli.status !== 0) throw new Error(`standpoint import dna failed: ${cli.stderr}`);

function readTree(folder) {
  const files = {};
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else files[path.relative(folder, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(folder);
  return files;
}

let wb;
let failed = null;
try {
  let t = performance.now();
  wb = await startWorkbench({ folder: work, runDir, vsix, log });
  timings.workbenchStartMs = Math.round(performance.now() - t);
  const { page } = wb;

  /** Runs the command from the palette (the palette can list an extension's commands only a moment after start). */
  const runImport = async (on = page) => {
    if (on === page) {
      await wb.runCommand(COMMAND).catch(async () => {
        await sleep(1000);
        await wb.runCommand(COMMAND);
      });
      return;
    }
    await on.keyboard.press('F1');
    await on.locator('.quick-input-widget .quick-input-box input').fill(`>${COMMAND}`);
    await on.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: COMMAND }).first().click({ timeout: 15_000 });
  };

  /** VS Code's own open dialog (a quick input in the browser): waits for its title, types the path, presses its button. */
  const pick = async (title, fsPath, button, on = page) => {
    const widget = on.locator('.quick-input-widget').filter({ visible: true });
    await widget.locator('.quick-input-title').filter({ hasText: title }).waitFor({ timeout: 15_000 });
    const input = widget.locator('.quick-input-box input');
    const typed = () =>
      input.inputValue().then(
        (value) => value.replace(/[/\\]$/, '') === fsPath,
        () => false,
      );
    // The dialog fills in its starting folder once it has read it, and checks the typed path as it changes;
    // on a folder, its first press may only move into it. Press only while the input holds the path.
    for (let attempt = 0; attempt < 6; attempt++) {
      if (!(await typed())) await input.fill(fsPath);
      await sleep(500);
      if (!(await typed())) continue;
      await widget
        .locator('.monaco-button')
        .filter({ hasText: button })
        .first()
        .click({ timeout: 5000 })
        .catch(() => {});
      // Accepted: the dialog is gone (or the next one, with another title, took its place).
      const gone = on.waitForFunction(
        (t) => ![...document.querySelectorAll('.quick-input-widget')].some((w) => w.offsetParent !== null && w.querySelector('.quick-input-title')?.textContent?.includes(t)),
        title,
        { timeout: 2000 },
      );
      if (
        await gone.then(
          () => true,
          () => false,
        )
      )
        return;
    }
    throw new Error(`the dialog “${title}” did not accept ${fsPath}`);
  };

  const toast = (pattern, on = page, timeout = 30_000) =>
    on
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: pattern })
      .first()
      .waitFor({ timeout })
      .then(async () => (await on.locator('.notifications-toasts .notification-toast').filter({ hasText: pattern }).first().innerText()).replace(/\s+/g, ' ').trim());

  const closeToasts = async () => {
    await wb.runCommand('Notifications: Clear All Notifications');
    await page
      .locator('.notifications-toasts .notification-toast')
      .first()
      .waitFor({ state: 'hidden', timeout: 5000 })
      .catch(() => {});
  };

  /** The Standpoint output channel as VS Code logs it (the extension host's log folder). */
  const standpointLog = () =>
    wb
      .logFiles()
      .filter((file) => /standpoint\.standpoint[/\\]Standpoint\.log$/.test(file))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');

  // 3. A file that is not a DNA database: refused with the reason, nothing written.
  await runImport();
  await pick('Import a DNA Database', path.join(work, 'notes.dna'), 'Import');
  await pick('Folder for the Corpus from notes.dna', path.join(work, 'taken'), 'Import Here');
  const refused = await toast('Cannot import notes.dna');
  check(
    'a file that is not a DNA database is refused with the reason',
    refused.includes('Cannot import notes.dna: notes.dna is not a DNA database: DNA 3 databases are SQLite files, and this file is not one.'),
    refused,
  );
  check('and nothing is written', JSON.stringify(readTree(path.join(work, 'taken'))) === JSON.stringify({ 'codebook.yaml': TAKEN_CODEBOOK }));
  await wb.screenshot('01-not-a-dna-database');
  await closeToasts();

  // 4. A folder with files the import would write: asked first; Choose Another Folder picks again.
  await runImport();
  await pick('Import a DNA Database', database, 'Import');
  await pick('Folder for the Corpus from levy.dna', path.join(work, 'taken'), 'Import Here');
  const dialog = page.locator('.monaco-dialog-box').filter({ visible: true });
  await dialog.waitFor({ timeout: 30_000 });
  const question = (await dialog.innerText()).replace(/\s+/g, ' ');
  check(
    'a folder with files the import would write is asked about first',
    question.includes('“taken” already has files the import would write. Overwrite them?') && question.includes(`${path.join(work, 'taken')} has codebook.yaml.`),
    question,
  );
  const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map((b) => b.trim());
  check(
    'with Overwrite, Choose Another Folder and Cancel',
    ['Overwrite', 'Choose Another Folder', 'Cancel'].every((b) => buttons.includes(b)),
    buttons.join(' | '),
  );
  await wb.screenshot('02-overwrite-question');
  await dialog.locator('.monaco-button').filter({ hasText: 'Choose Another Folder' }).click();
  t = performance.now();
  await pick('Folder for the Corpus from levy.dna', path.join(work, 'corpus'), 'Import Here');
  const notice = await toast('Imported levy.dna');
  timings.importMs = Math.round(performance.now() - t);
  check('the import ends with a notification that gives the counts', notice.includes(NOTICE), notice);
  await wb.screenshot('03-imported');
  check('the corpus is what standpoint import dna writes, file for file', JSON.stringify(readTree(path.join(work, 'corpus'))) === JSON.stringify(readTree(path.join(root, 'by-cli'))));
  check('the folder that was asked about is untouched', fs.readFileSync(path.join(work, 'taken', 'codebook.yaml'), 'utf8') === TAKEN_CODEBOOK);
  let summary = '';
  for (let i = 0; i < 50 && !summary.includes(`Imported a DNA 3.0.11.5 database into ${path.join(work, 'corpus')}:`); i++, await sleep(100)) summary = standpointLog();
  check(
    'the summary is in the Standpoint output',
    summary.includes(`Imported a DNA 3.0.11.5 database into ${path.join(work, 'corpus')}:`) && summary.includes('  statements     8 of type "DNA Statement" imported, of 10 in the database'),
  );
  await closeToasts();

  // 5. Inside the workspace, the corpus is checked live: a hover shows the sentence an imported annotation points at.
  const annotationFile = 'corpus/annotations/brussels-weighs-a-carbon-levy.ana-ruiz.stance.yaml';
  await wb.openFile(annotationFile);
  // Its second annotation is Rafael Osei's statement (DNA statement 2), on sentence 5 of the article.
  const at = positionOf(await wb.editorText(), 'sentence: 5');
  await wb.goToLineCol(at.line, at.col + 'sentence: '.length);
  let hover = '';
  for (let attempt = 0; attempt < 20 && !hover.includes(OSEI); attempt++) {
    hover = await wb.hoverText({ timeout: 3000 }).catch(() => '');
    await page.keyboard.press('Escape');
    if (!hover.includes(OSEI)) await sleep(500);
  }
  check('an imported annotation is checked live: its sentence shows on hover', hover.includes(OSEI), hover.split('\n').slice(0, 2).join(' '));
  const problems = await wb.problemCounts();
  check('the imported corpus has no errors', problems.errors === 0, problems.label);
  await wb.screenshot('04-imported-hover');

  // 6. Overwrite: the same folder question, answered Overwrite, replaces the files (and leaves the others).
  fs.writeFileSync(path.join(work, 'taken', 'mine.md'), 'My notes.\n');
  await runImport();
  await pick('Import a DNA Database', database, 'Import');
  await pick('Folder for the Corpus from levy.dna', path.join(work, 'taken'), 'Import Here');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.locator('.monaco-button').filter({ hasText: 'Overwrite' }).click();
  await toast('Imported levy.dna');
  const overwritten = readTree(path.join(work, 'taken'));
  const { 'mine.md': mine, ...imported } = overwritten;
  check('Overwrite replaces the files and leaves the folder’s others', mine === 'My notes.\n' && JSON.stringify(imported) === JSON.stringify(readTree(path.join(root, 'by-cli'))));
  await closeToasts();

  // 7. From a window with no folder, the corpus opens in that window, which shows the summary.
  await page.goto(`${wb.origin}/?ew=true`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  await sleep(1000);
  await runImport();
  await pick('Import a DNA Database', database, 'Import');
  await pick('Folder for the Corpus from levy.dna', path.join(root, 'fresh'), 'Import Here');
  await page.waitForURL((url) => url.searchParams.get('folder')?.endsWith(`${path.sep}fresh`) ?? false, { timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  const handed = await toast('Imported levy.dna');
  check('from a window with no folder, the corpus opens in it and shows the summary', handed.includes(NOTICE), handed);
  const rows = await page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
  check(
    'its Explorer lists the corpus',
    ['annotations', 'articles', 'codebook.yaml'].every((name) => rows.some((row) => row.trim() === name)),
    rows.join(', '),
  );
  await wb.screenshot('05-opened-here');
  await closeToasts();

  // 8. From a window with another folder, the corpus opens in a new window, which shows the summary.
  const opened = wb.context.waitForEvent('page', { timeout: 60_000 });
  await runImport();
  await pick('Import a DNA Database', database, 'Import');
  await pick('Folder for the Corpus from levy.dna', path.join(root, 'other'), 'Import Here');
  const here = await toast('The corpus opens in a new window');
  check('from a window with another folder, this window says the corpus opens in a new one', here.includes(`${NOTICE} The corpus opens in a new window.`), here);
  const other = await opened;
  await other.waitForURL((url) => url.searchParams.get('folder')?.endsWith(`${path.sep}other`) ?? false, { timeout: 60_000 });
  await other.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const there = await toast('Imported levy.dna', other, 60_000);
  check('the new window opens the corpus and shows the summary', there.includes(NOTICE), there);
  await other.screenshot({ path: path.join(runDir, 'screenshots', '06-new-window.png') });
} catch (error) {
  failed = error;
  console.error(`[dna] ERROR: ${error.stack ?? error}`);
  if (wb?.page) await wb.screenshot('99-failure').catch(() => {});
} finally {
  await endRun(run, { wb, failed, timings });
}
