// End-to-end test of the packaged extension in a real VS Code workbench
// (code-server + Debian Chromium + playwright-core; see test/e2e/README.md).
//
//   npm run test:e2e            (installs the tools once, packages the .vsix, runs this)
//
// It installs standpoint-<version>.vsix, opens a copy of example/ and checks what a user
// sees: the broken sample's problems in the Problems panel (every diagnostic code), the
// language mode, a hover on a sentence number showing the sentence, F12 opening the
// article with the cursor at the start of the sentence, and Annotate Sentence inserting
// an annotation. Screenshots go to the run folder; with STANDPOINT_E2E_SCREENSHOTS=docs
// the README's screenshots in docs/screenshots/ are refreshed from this run.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { positionOf, startWorkbench, packagedVsix, startRun, endRun } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Expectations written by hand from the example files (not computed by Standpoint).
const ALL_CODES = [
  'actor-not-mentioned',
  'article-not-found',
  'codebook-not-found',
  'conflicting-stance',
  'duplicate-alias',
  'duplicate-annotation',
  'document-mismatch',
  'duplicate-id',
  'outside-workspace',
  'quote-ambiguous',
  'quote-not-found',
  'quote-sentence-mismatch',
  'schema',
  'sentence-out-of-range',
  'unknown-actor',
  'unknown-affiliation',
  'unknown-stance',
  'unknown-target',
  'unused-entry',
  'yaml-syntax',
];
const SENTENCE_4 = 'For the first time since Russia’s full-scale invasion of Ukraine three years ago, senior U.S. and Russian officials sat down at the same table on Tuesday.';
const SENTENCE_5_START = { line: 4, col: 157 }; // "The setting was a gilded hall in Riyadh, …" (1-based)
const SENTENCE_9 = 'The Saudi foreign minister, Prince Faisal bin Farhan, welcomed both delegations before stepping back to let them talk for more than four hours.';
const SENTENCE_9_START = { line: 5, col: 290 };

const DOCS_NAMES = new Set();
/** A screenshot for the run folder; `forDocs` marks the ones the README shows (refreshed with STANDPOINT_E2E_SCREENSHOTS=docs). */
async function shoot(name, forDocs = false) {
  await wb.screenshot(name);
  if (forDocs) DOCS_NAMES.add(`${name}.png`);
}

const timings = {};

const run = startRun('e2e', { subfolder: '' });
const { log, check, runDir } = run;

// 1. Package the extension as a user gets it.
let t = performance.now();
const vsix = packagedVsix(REPO, runDir);
timings.packageMs = Math.round(performance.now() - t);
log(`packaged ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB) in ${timings.packageMs} ms`);

// 2. A copy of the example corpus.
const folder = path.join(runDir, 'workspace', 'example');
fs.rmSync(folder, { recursive: true, force: true });
fs.cpSync(path.join(REPO, 'example'), folder, { recursive: true });

/** The pid of the running Standpoint language server (other than `not`), waiting for one to appear. */
async function waitForServerPid(not, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Only this run's server: other workbenches (a second e2e run on the machine) have their own.
    const found = spawnSync('pgrep', ['-f', `${runDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/extensions/standpoint[^ ]*/dist/server\\.js`], { encoding: 'utf8' })
      .stdout.split('\n')
      .map(Number)
      .filter((n) => n > 0 && n !== not);
    if (found.length) return found[0];
    if (Date.now() > deadline) throw new Error('no language server process');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let wb;
let failed = null;
try {
  t = performance.now();
  wb = await startWorkbench({ folder, runDir, vsix, log, settings: { 'editor.inlayHints.enabled': 'on', 'editor.wordWrap': 'on' } });
  timings.workbenchStartMs = Math.round(performance.now() - t);

  // 3. The broken sample: problems in the status bar and the Problems panel.
  await wb.openFile('broken/riyadh-talks.stance.yaml');
  check('opened broken/riyadh-talks.stance.yaml', (await wb.activeFilePath()) === path.join(folder, 'broken', 'riyadh-talks.stance.yaml'));
  const mode = (await wb.page.locator('[id="status.editor.mode"]').first().innerText()).trim();
  check('the file is in the Standpoint Annotations language mode', mode === 'Standpoint Annotations', mode);
  t = performance.now();
  await wb.waitForProblems((c) => c.errors >= 12, { timeout: 30_000 });
  timings.diagnosticsMs = Math.round(performance.now() - t);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await wb.screenshot('01-broken-annotations');
  const rows = await wb.problemsPanelRows();
  const codes = [
    ...new Set(
      rows
        .filter((r) => r.level === 2)
        .map((r) => (r.code ?? '').replace(/^standpoint\(|\)$/g, ''))
        .filter(Boolean),
    ),
  ].sort();
  fs.writeFileSync(path.join(runDir, 'problems.json'), JSON.stringify(rows, null, 2));
  // VS Code lists no Hint-severity problem in the panel; unused-entry (a hint) is checked in the editor below.
  const missing = ALL_CODES.filter((code) => code !== 'unused-entry' && !codes.some((c) => c.includes(code)));
  check('the Problems panel shows every diagnostic code of example/broken (hints aside)', missing.length === 0, missing.length ? `missing: ${missing.join(', ')}` : `${codes.length} codes`);
  await shoot('02-problems-panel', true);

  await wb.openFile('broken/codebook.yaml');
  const unused = positionOf(await wb.editorText(), 'sanctions-relief:');
  await wb.goToLineCol(unused.line, unused.col);
  const faded = wb.page.locator('.monaco-editor .squiggly-inline-unnecessary');
  await faded.first().waitFor({ timeout: 10_000 });
  check('the unused codebook entry (unused-entry hint) is shown faded in the editor', (await faded.count()) >= 1);
  await wb.screenshot('02b-unused-entry');

  // 4. Hover on a sentence number shows the sentence; F12 goes to its start.
  await wb.openFile('annotations/riyadh-talks.ana.stance.yaml');
  const annotations = await wb.editorText();
  const at4 = positionOf(annotations, 'sentence: 4');
  await wb.goToLineCol(at4.line, at4.col + 'sentence: '.length);
  t = performance.now();
  const hover = await wb.hoverText();
  timings.hoverMs = Math.round(performance.now() - t);
  check('hover on `sentence: 4` shows the sentence', hover.replace(/\s+/g, ' ').includes(SENTENCE_4), hover.split('\n')[0]);
  check('hover says which sentence of how many', /Sentence 4 of 52/.test(hover));
  await shoot('03-hover-sentence', true);
  await wb.page.keyboard.press('Escape');

  t = performance.now();
  const landed = await wb.goToDefinition();
  timings.definitionMs = Math.round(performance.now() - t);
  await shoot('04-definition', true);
  check('F12 opens the article', landed.tab === 'riyadh-talks.txt', landed.tab);
  check('F12 puts the cursor at the start of the sentence', landed.position?.text === 'Ln 4, Col 1', landed.position?.text);
  check('the line under the cursor is the sentence', (await wb.lineText()).startsWith(SENTENCE_4));

  // 5. Annotate Sentence from the article.
  await wb.goToLineCol(SENTENCE_5_START.line, SENTENCE_5_START.col + 5);
  t = performance.now();
  await wb.runCommand('Standpoint: Annotate Sentence');
  await wb.page.waitForFunction(() => document.title.includes('riyadh-talks.ana.stance.yaml'), undefined, { timeout: 15_000 });
  timings.annotateMs = Math.round(performance.now() - t);
  const after = await wb.editorText();
  check('Annotate Sentence inserted an annotation of sentence 5 with the actor it names', /- sentence: 5\n\s+actors: \[saudi-arabia\]/.test(after));
  const cursor = await wb.cursorPosition();
  const insertedLine = after.split('\n').findIndex((line) => line.includes('- sentence: 5')) + 1;
  check('the new annotation is revealed (cursor on it)', cursor?.line === insertedLine, `${cursor?.text}, entry on line ${insertedLine}`);
  await shoot('05-annotate-sentence', true);

  // 6. The other commands: Open Article, Show Sentences, Restart Server.
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('Standpoint: Open Article');
  await wb.page.waitForFunction(() => /riyadh-talks\.txt/.test(document.title), undefined, { timeout: 10_000 });
  check('Open Article goes from the annotation file to its article', (await wb.activeTabTitle()) === 'riyadh-talks.txt');

  await wb.runCommand('Standpoint: Show Sentences');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  const placeholder = await input.getAttribute('placeholder');
  check("Show Sentences lists the article's 52 sentences", /^52 sentences/.test(placeholder ?? ''), placeholder ?? '');
  await input.fill('Saudi foreign minister');
  const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await row.waitFor({ timeout: 10_000 });
  const rowText = (await row.innerText()).replace(/\s+/g, ' ');
  check('typing words filters the sentences', /^\s*9\s+The Saudi foreign minister/.test(rowText), rowText.slice(0, 60));
  await shoot('06-show-sentences');
  await wb.page.keyboard.press('Enter');
  await wb.page.waitForFunction(() => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes('Ln 5'), undefined, { timeout: 10_000 });
  // The status bar shows where the selection ends and how much is selected: the whole sentence.
  const selection = (await wb.cursorPosition())?.text ?? '';
  check('picking a sentence selects it in the article', selection === `Ln ${SENTENCE_9_START.line}, Col ${SENTENCE_9_START.col + SENTENCE_9.length} (${SENTENCE_9.length} selected)`, selection);

  await wb.runCommand('Standpoint: Restart Server');
  await wb.openFile('annotations/riyadh-talks.ana.stance.yaml');
  const at7 = positionOf(await wb.editorText(), 'sentence: 7');
  /** Hovers `sentence: 7` (moved down by `linesAdded`) until the (re)started server answers; the last hover text. */
  const hoverSentence7 = async (linesAdded = 0) => {
    await wb.goToLineCol(at7.line + linesAdded, at7.col + 'sentence: '.length);
    let text = '';
    for (let attempt = 0; attempt < 30; attempt++) {
      text = await wb.hoverText({ timeout: 3000 }).catch(() => '');
      await wb.page.keyboard.press('Escape');
      if (/Sentence 7 of 52/.test(text)) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return text;
  };
  const hoverAfter = await hoverSentence7();
  check('after Restart Server, hovers work again', /Sentence 7 of 52/.test(hoverAfter), hoverAfter.split('\n')[0]);

  // 9. Resilience: the server process dies (killed, as a crash would end it) while the user has unsaved text.
  const annotationsPath = path.join(folder, 'annotations', 'riyadh-talks.ana.stance.yaml');
  const onDisk = fs.readFileSync(annotationsPath);
  const UNSAVED = '# unsaved note: check the Saudi framing';
  await wb.goToLineCol(1, 1);
  await wb.page.keyboard.type(`${UNSAVED}\n`);
  const unsavedKept = async () => (await wb.editorText()).startsWith(`${UNSAVED}\n`) && fs.readFileSync(annotationsPath).equals(onDisk);
  check('typed text is in the editor, not on disk', await unsavedKept());
  const hoverWorks = async (linesAdded) => /Sentence 7 of 52/.test(await hoverSentence7(linesAdded));
  let pid = await waitForServerPid();
  const killAndWaitForRestart = async () => {
    process.kill(pid, 'SIGKILL');
    const next = await waitForServerPid(pid, 15_000).catch(() => undefined);
    if (next) pid = next;
    return next;
  };
  t = performance.now();
  const restarted = await killAndWaitForRestart();
  timings.restartAfterKillMs = Math.round(performance.now() - t);
  check('a killed server is restarted automatically', restarted !== undefined, `new pid ${restarted}, ${timings.restartAfterKillMs} ms`);
  check('after the restart, hovers work again', await hoverWorks(1));
  check('the unsaved text is untouched after the crash (and still not on disk)', await unsavedKept());
  // Three more crashes are restarted too (4 in 3 minutes); the fifth is not: a message offers Restart.
  let automatic = 1;
  for (let i = 0; i < 3; i++) if (await killAndWaitForRestart()) automatic++;
  process.kill(pid, 'SIGKILL');
  const notRestarted = (await waitForServerPid(pid, 5_000).catch(() => undefined)) === undefined;
  check('4 crashes in 3 minutes are restarted; the 5th is not', automatic === 4 && notRestarted, `${automatic} automatic restarts`);
  const toast = wb.page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'stopped 5 times' });
  await toast
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => {});
  const message = (
    await toast
      .first()
      .innerText()
      .catch(() => '')
  ).trim();
  check(
    'a message says the server stopped and offers Restart',
    /stopped 5 times/.test(message) && /Restart/.test(message),
    message.split('\n').find((line) => /stopped/.test(line)),
  );
  const others = (await wb.notifications()).filter((text) => !/stopped 5 times/.test(text) && /server|connection|Pending response|Standpoint/i.test(text));
  check("no other error message about the crashes (the library's own are only logged)", others.length === 0, others.map((text) => text.split('\n')[0]).join(' | '));
  await shoot('09-server-stopped');
  await toast.first().getByRole('button', { name: 'Restart' }).click({ timeout: 5000 });
  const afterButton = await waitForServerPid(undefined, 15_000).catch(() => undefined);
  check('its Restart button starts the server again', afterButton !== undefined && afterButton !== pid, `pid ${afterButton}`);
  check('after Restart, hovers work again', await hoverWorks(1));
  check('the unsaved text is still untouched, and still not on disk', await unsavedKept());

  // 10. A codebook lens "N annotations" opens the places that use the entry (asked for on click).
  await wb.openFile('codebook.yaml');
  const codebookText = fs.readFileSync(path.join(folder, 'codebook.yaml'), 'utf8');
  await wb.goToLineCol(codebookText.slice(0, codebookText.indexOf('\n  russia:') + 1).split('\n').length, 3);
  const lens = wb.page
    .locator('.contentWidgets .codelens-decoration a')
    .filter({ hasText: /^\d+ annotations?$/ })
    .first();
  await lens.waitFor({ timeout: 15_000 });
  const lensTitle = (await lens.innerText()).trim();
  await lens.click();
  const peek = wb.page.locator('.zone-widget .peekview-widget, .reference-zone-widget').first();
  await peek.waitFor({ timeout: 10_000 }).catch(() => {});
  const peekTitle = (
    await wb.page
      .locator('.peekview-widget .peekview-title')
      .first()
      .innerText()
      .catch(() => '')
  )
    .replace(/\s+/g, ' ')
    .trim();
  // Every annotation that uses the entry is one place or more (an actor tagged and taking a stance: two).
  const places = Number(/\((\d+)\)/.exec(peekTitle)?.[1] ?? 0);
  check('a codebook lens opens the places that use its entry', places >= Number(/^\d+/.exec(lensTitle)?.[0] ?? Infinity), `${lensTitle} → ${peekTitle}`);
  await shoot('10-codebook-lens');
  await wb.page.keyboard.press('Escape');
} catch (error) {
  failed = error;
  console.error(`[e2e] ERROR: ${error.stack ?? error}`);
  if (wb?.page) await wb.screenshot('99-failure').catch(() => {});
} finally {
  await endRun(run, { wb, failed, timings, docs: { repo: REPO, names: DOCS_NAMES } });
}
