// End-to-end test of "annotations follow their article" (docs/sentences.md, "When the article
// changes") in a real VS Code workbench (code-server + Debian Chromium + playwright-core; see
// test/e2e/README.md).
//
//   npm run test:e2e            (runs e2e.mjs, views.mjs, dna.mjs, then this; installs the tools once)
//   node test/e2e/follow.mjs    (alone; STANDPOINT_E2E_SKIP_PACKAGE=1 reuses the .vsix)
//
// On a copy of example/ (without broken/), with one of the article's two annotation files open and the other not:
// a sentence typed at the top of riyadh-talks.txt brings one prompt (the default setting) naming
// both files and every annotation, and nothing is changed until it is answered; Update changes
// every `sentence:` of both files, nothing else; the article is never written. Deleting the line
// prompts again; Always sets standpoint.sentences.followEdits to `always` and updates the files
// back to their original bytes. Then, with `always`, two more sentences typed at the top update
// both files with no prompt. Expected texts are worked out here from the rule (a sentence
// inserted at the top adds one to every number), not by Standpoint.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { positionOf, startWorkbench, packagedVsix, startRun, endRun } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const ARTICLE = 'articles/riyadh-talks.txt';
const ANA = 'annotations/riyadh-talks.ana.stance.yaml';
const BEN = 'annotations/riyadh-talks.ben.stance.yaml';
/** Both files give every annotation a sentence number (19 and 22: counted by hand in example/). */
const ANNOTATIONS = 41;
const CORRECTION = 'Correction: An earlier version of this analysis gave the wrong day for the talks.';
const UPDATE_LINE = 'Update, Feb. 20: Kyiv called the talks “a meeting about us, without us.” The Kremlin did not comment.';
const PROMPT = `Sentence numbers in 2 annotation files moved with your edit to riyadh-talks.txt (${ANNOTATIONS} annotations). Update them?`;

const timings = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const run = startRun('follow');
const { log, check, runDir } = run;

// 1. The .vsix as a user gets it.
const vsix = packagedVsix(REPO, runDir);

// 2. A copy of the example corpus without broken/ (whose files point at the same article, with mistakes on purpose).
const folder = path.join(runDir, 'workspace', 'example');
fs.rmSync(folder, { recursive: true, force: true });
fs.cpSync(path.join(REPO, 'example'), folder, { recursive: true });
fs.rmSync(path.join(folder, 'broken'), { recursive: true });
const read = (relative) => fs.readFileSync(path.join(folder, relative), 'utf8');
const ORIGINAL = { [ARTICLE]: read(ARTICLE), [ANA]: read(ANA), [BEN]: read(BEN) };

/** The annotation file with every `sentence: N` value raised by `shift`, every other byte as it was. */
function shifted(text, shift) {
  let count = 0;
  const result = text.replace(/^(\s*(?:- )?sentence: )(\d+)/gm, (_, head, digits) => {
    count++;
    return `${head}${Number(digits) + shift}`;
  });
  return { text: result, count };
}
{
  const counted = shifted(ORIGINAL[ANA], 1).count + shifted(ORIGINAL[BEN], 1).count;
  if (counted !== ANNOTATIONS) throw new Error(`example/ changed: ${counted} sentence numbers in the two files, the test expects ${ANNOTATIONS}`);
}

let wb;
let failed = null;
try {
  wb = await startWorkbench({
    folder,
    runDir,
    vsix,
    log,
    // Typing in the article must not accept a word suggestion on Enter.
    settings: { 'editor.acceptSuggestionOnEnter': 'off', 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' }, 'editor.wordBasedSuggestions': 'off' },
  });
  const { page } = wb;

  const toasts = page.locator('.notifications-toasts .notification-toast');
  /** The prompt's toasts now. */
  const prompts = async () => (await toasts.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text.includes('Sentence numbers in'));
  /** Waits for the prompt; then a while longer, to see that no second one comes. */
  async function promptShown(timeout = 30_000) {
    const started = performance.now();
    await toasts.filter({ hasText: 'Sentence numbers in' }).first().waitFor({ timeout });
    const ms = Math.round(performance.now() - started);
    await sleep(2500);
    return { shown: await prompts(), ms };
  }
  /** Presses a button of the prompt: on its toast, or (VS Code hides a toast after a while) in the notification center. */
  async function answer(button) {
    const toast = toasts.filter({ hasText: 'Sentence numbers in' }).first();
    if (!(await toast.isVisible())) {
      await wb.runCommand('Notifications: Show Notifications');
      const entry = page.locator('.notifications-center .monaco-list-row').filter({ hasText: 'Sentence numbers in' }).first();
      await entry.waitFor({ timeout: 10_000 });
      await entry.locator('.monaco-button').filter({ hasText: button }).first().click();
      await entry.waitFor({ state: 'detached', timeout: 10_000 });
      return;
    }
    await toast.locator('.monaco-button').filter({ hasText: button }).first().click();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });
  }
  /** The unsaved text of an open file: its editor's text. */
  async function openText(relative) {
    await wb.openFile(relative);
    return wb.editorText();
  }
  /** Waits until the open annotation file's editor holds `expected`. */
  async function waitForOpenText(relative, expected, timeout = 20_000) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await openText(relative);
      if (last === expected) return true;
      if (Date.now() > deadline) {
        fs.writeFileSync(path.join(runDir, `${path.basename(relative)}.last.txt`), last ?? '');
        return false;
      }
      await sleep(500);
    }
  }
  async function saveAll() {
    await wb.runCommand('File: Save All Files');
    await sleep(1000);
  }
  /** Types a line at the very top of the article (letter by letter, as a user does), then Enter. */
  async function typeAtTop(line) {
    await wb.openFile(ARTICLE);
    await wb.goToLineCol(1, 1);
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }

  // 3. The ana file open, the ben file not; the server answers (a hover on `sentence: 4`), and the corpus has no problems.
  await wb.openFile(ANA);
  const four = positionOf(ORIGINAL[ANA], 'sentence: 4');
  let hover = '';
  for (let attempt = 0; attempt < 20 && !hover.includes('Sentence 4 of'); attempt++) {
    await wb.goToLineCol(four.line, four.col + 'sentence: '.length);
    hover = await wb.hoverText();
    if (!hover.includes('Sentence 4 of')) await sleep(1000);
  }
  check('the language server answers in the open annotation file', hover.includes('Sentence 4 of'), hover.slice(0, 120));
  await page.keyboard.press('Escape');
  const before = await wb.waitForProblems((counts) => counts.total === 0, { timeout: 20_000 });
  log(`problems before: ${before.label}`);

  // 4. Default setting (prompt): a sentence typed at the top of the article.
  await typeAtTop(CORRECTION);
  const first = await promptShown();
  timings.promptMs = first.ms;
  check('a sentence typed at the top brings one prompt naming both files and every annotation', first.shown.length === 1 && first.shown[0].includes(PROMPT), JSON.stringify(first.shown));
  const buttons = (await toasts.filter({ hasText: 'Sentence numbers in' }).first().locator('.monaco-button').allInnerTexts()).map((b) => b.trim());
  check('its buttons are Update, Not now, Always', buttons.join('|') === 'Update|Not now|Always', buttons.join('|'));
  check('nothing is written before the answer: both annotation files and the article on disk', read(ANA) === ORIGINAL[ANA] && read(BEN) === ORIGINAL[BEN] && read(ARTICLE) === ORIGINAL[ARTICLE]);
  const waiting = await wb.waitForProblems((counts) => counts.warnings > 0, { timeout: 10_000 }).catch(() => wb.problemCounts());
  check('meanwhile the annotations that point elsewhere now are warned about', waiting.warnings > 0, waiting.label);
  await wb.screenshot('01-prompt');

  let started = performance.now();
  await answer('Update');
  const anaPlusOne = shifted(ORIGINAL[ANA], 1).text;
  const benPlusOne = shifted(ORIGINAL[BEN], 1).text;
  check('Update: the open annotation file’s numbers are all one higher, every other byte unchanged', await waitForOpenText(ANA, anaPlusOne));
  timings.updateMs = Math.round(performance.now() - started);
  check('the article on disk is untouched by the update (Standpoint never writes an article)', read(ARTICLE) === ORIGINAL[ARTICLE]);
  check('so is every annotation file on disk until it is saved (one workspace edit, unsaved)', read(ANA) === ORIGINAL[ANA] && read(BEN) === ORIGINAL[BEN]);

  // One undoable edit: Ctrl+Z in the open file undoes it in both files (VS Code may first ask whether across all
  // files: then "Undo in 2 Files"), Ctrl+Y redoes it.
  const acrossFiles = async (verb) => {
    const dialog = page.locator('.monaco-dialog-box').filter({ visible: true });
    if (
      !(await dialog.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      ))
    )
      return;
    await dialog
      .locator('.monaco-button')
      .filter({ hasText: `${verb} in 2 Files` })
      .first()
      .click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  };
  await wb.focusEditor();
  await page.keyboard.press('Control+Z');
  await acrossFiles('Undo');
  check('Ctrl+Z once in the open file: its original text again', await waitForOpenText(ANA, ORIGINAL[ANA]));
  await saveAll();
  check('and the other file too: both annotation files are their original bytes on disk (one undo step)', read(ANA) === ORIGINAL[ANA] && read(BEN) === ORIGINAL[BEN]);
  await wb.openFile(ANA);
  await wb.focusEditor();
  await page.keyboard.press('Control+Y');
  await acrossFiles('Redo');
  check('Ctrl+Y redoes it', await waitForOpenText(ANA, anaPlusOne));
  await saveAll();
  check(
    'saved: the file that was not open has every number one higher too, every other byte unchanged',
    read(BEN) === benPlusOne,
    read(BEN) === benPlusOne ? '' : read(BEN) === ORIGINAL[BEN] ? 'unchanged' : 'other bytes',
  );
  check('saved: the open one likewise', read(ANA) === anaPlusOne);
  check('saved: the article is the user’s edit', read(ARTICLE) === `${CORRECTION}\n${ORIGINAL[ARTICLE]}`);
  await wb.openFile(ANA);
  const after = await wb.waitForProblems((counts) => counts.total === 0, { timeout: 20_000 }).catch(async () => wb.problemCounts());
  check('the workspace has no problems again (no quote-sentence-mismatch, no sentence-moved, no actor-not-mentioned)', after.total === 0, after.label);
  await wb.screenshot('02-updated');

  // 5. The line deleted: the prompt again; Always.
  await wb.openFile(ARTICLE);
  await wb.goToLineCol(1, 1);
  await page.keyboard.press('Control+Shift+K');
  const second = await promptShown();
  check('deleting the line prompts again, once', second.shown.length === 1 && second.shown[0].includes(PROMPT), JSON.stringify(second.shown));
  await answer('Always');
  check('Always: the open file is back to its original text', await waitForOpenText(ANA, ORIGINAL[ANA]));
  await saveAll();
  check('saved: both annotation files and the article are their original bytes again', read(ANA) === ORIGINAL[ANA] && read(BEN) === ORIGINAL[BEN] && read(ARTICLE) === ORIGINAL[ARTICLE]);
  const workspaceSettings = path.join(folder, '.vscode', 'settings.json');
  const written = fs.existsSync(workspaceSettings) ? fs.readFileSync(workspaceSettings, 'utf8') : '';
  check('Always set standpoint.sentences.followEdits to always for the workspace', JSON.parse(written || '{}')['standpoint.sentences.followEdits'] === 'always', written.replace(/\s+/g, ' '));

  // 6. always: two sentences typed at the top update both files, with no prompt.
  started = performance.now();
  await typeAtTop(UPDATE_LINE);
  const anaPlusTwo = shifted(ORIGINAL[ANA], 2).text;
  check('with always, two sentences typed at the top: the open file’s numbers are all two higher', await waitForOpenText(ANA, anaPlusTwo));
  timings.alwaysMs = Math.round(performance.now() - started);
  check('no prompt', (await prompts()).length === 0, JSON.stringify(await prompts()));
  await saveAll();
  check(
    'saved: the other file too, every other byte unchanged; the article is the user’s edit',
    read(BEN) === shifted(ORIGINAL[BEN], 2).text && read(ANA) === anaPlusTwo && read(ARTICLE) === `${UPDATE_LINE}\n${ORIGINAL[ARTICLE]}`,
  );
  await wb.screenshot('03-always');
} catch (error) {
  failed = error;
  console.error(`[follow] ERROR: ${error.stack ?? error}`);
  if (wb?.page) await wb.screenshot('99-failure').catch(() => {});
} finally {
  await endRun(run, { wb, failed, timings });
}
