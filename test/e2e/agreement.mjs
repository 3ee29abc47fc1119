// End-to-end test of Compare Coders and the disagreement code lenses in a real VS Code workbench
// (code-server + Debian Chromium + playwright-core; see test/e2e/README.md).
//
//   npm run test:e2e              (runs e2e.mjs, views.mjs, then this; installs the tools once, packages the .vsix)
//   node test/e2e/agreement.mjs   (alone; STANDPOINT_E2E_SKIP_PACKAGE=1 reuses the .vsix)
//
// On a copy of example/ without example/broken (whose files are deliberately broken, and add coders of their own), it
// runs "Standpoint: Compare Coders" and checks the figures the page shows against `standpoint agree --format json` of
// the same folder; clicks the stance disagreement of sentence 21 and checks that Ana's and Ben's annotation files open
// side by side at their stance entries; clicks "sentence 21" and checks the article opens there; and reads the code
// lens "ben: opposes" above Ana's stance entry, whose click peeks at Ben's; then types "supports" over Ben's "opposes"
// (unsaved) and checks that Compare Coders shows the figures worked out by hand for that edit, that undoing it updates
// the open view, and that Ana's lens follows. STANDPOINT_E2E_SCREENSHOTS=docs refreshes the README's screenshot.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorkbench, packagedVsix, startRun, endRun } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCS_SHOTS = process.env.STANDPOINT_E2E_SCREENSHOTS === 'docs';
const timings = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const run = startRun('agreement');
const { log, check, runDir } = run;

// 1. The .vsix as a user gets it.
const vsix = packagedVsix(REPO, runDir);

// 2. The example corpus without its broken files, and the CLI's report of it.
const folder = path.join(runDir, 'workspace', 'example');
fs.rmSync(folder, { recursive: true, force: true });
fs.cpSync(path.join(REPO, 'example'), folder, { recursive: true });
fs.rmSync(path.join(folder, 'broken'), { recursive: true, force: true });
const cli = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'agree', '--format', 'json'], { cwd: folder, encoding: 'utf8', env: { ...process.env, STANDPOINT_NO_CACHE: '1' } });
if (cli.status !== 0) {
  console.error(cli.stdout, cli.stderr);
  process.exit(1);
}
const expected = JSON.parse(cli.stdout);
const ANA = 'annotations/riyadh-talks.ana.stance.yaml';
const BEN = 'annotations/riyadh-talks.ben.stance.yaml';
const anaText = fs.readFileSync(path.join(folder, ANA), 'utf8');
const benText = fs.readFileSync(path.join(folder, BEN), 'utf8');
const stanceDisagreement = expected.disagreements.find((d) => d.level === 'stances' && d.sentence === 21);
const anaLine = stanceDisagreement.places.find((p) => p.coder === 'ana').line;
const benLine = stanceDisagreement.places.find((p) => p.coder === 'ben').line;
// The places are the stance entries: worked out here from the files, not from the tool.
const lineOf = (text, needle, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;
const anaEntry = lineOf(anaText, '- actor: russia', anaText.indexOf('put it bluntly'));
const benEntry = lineOf(benText, '- actor: russia', benText.indexOf('not a line on a map'));

/** The frame of the Compare Coders page (the webview's nested #active-frame). */
async function agreementFrame(page, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate(() => document.body?.dataset.view === 'agreement' && !!document.querySelector('main')).catch(() => false);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no Compare Coders page within ${timeout} ms`);
    await sleep(200);
  }
}

/** The editor groups' active tabs, left to right. */
const groupTitles = (page) => page.$$eval('.editor-group-container', (groups) => groups.map((g) => g.querySelector('.tab.active .label-name')?.textContent?.trim() ?? ''));

let wb;
let failed = null;
try {
  check(
    'the CLI’s report of the example (its worked example: two coders, one article)',
    expected.articles.length === 1 && expected.coders.join() === 'ana,ben',
    `${expected.articles.length} articles, coders ${expected.coders.join(', ')}`,
  );
  check('the stance disagreement of sentence 21 is at the stance entries', anaLine === anaEntry && benLine === benEntry, `ana ${anaLine} (${anaEntry}), ben ${benLine} (${benEntry})`);

  let t = performance.now();
  wb = await startWorkbench({ folder, runDir, vsix, log, settings: { 'workbench.editor.enablePreview': false } });
  timings.workbenchStartMs = Math.round(performance.now() - t);
  const { page } = wb;
  await wb.openFile(ANA);
  await wb.waitForProblems(() => true, { timeout: 30_000 }).catch(() => {});
  await wb.runCommand('View: Close All Editors');

  // 3. Compare Coders: the figures are the CLI's.
  t = performance.now();
  await wb.runCommand('Standpoint: Compare Coders');
  const view = await agreementFrame(page);
  await view.waitForFunction(() => Number(document.body.dataset.draws ?? 0) > 0, null, { timeout: 30_000, polling: 50 });
  timings.compareCodersOpenMs = Math.round(performance.now() - t);
  const shown = await view.evaluate(() => ({
    rows: [...document.querySelectorAll('table.corpus tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent)),
    heading: document.querySelector('#disagreements-heading')?.textContent,
    status: document.querySelector('.status')?.textContent,
    images: document.querySelectorAll('img').length,
  }));
  const format = (value) => (value === null ? '—' : value.toFixed(3));
  const percent = (value) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const wanted = ['sentences', 'actors', 'stances', 'polarity'].map((level) => {
    const f = expected.corpus[level];
    return [level, format(f.alpha), String(f.units.toLocaleString('en-US')), String(f.pairable.toLocaleString('en-US')), percent(f.agreement)];
  });
  const seen = shown.rows.map(([level, alpha, , units, pairable, agreement]) => [level, alpha, units, pairable, agreement]);
  check('Compare Coders shows the CLI’s alpha, units, pairable values and agreement per level', JSON.stringify(seen) === JSON.stringify(wanted), JSON.stringify(seen));
  check('and as many disagreements', shown.heading === `Disagreements (${expected.disagreements.length})`, shown.heading);
  check('and says who it compares', shown.status === 'Agreement between 2 coders (ana, ben) on 1 article.', shown.status);
  await wb.screenshot('16-compare-coders');

  // 4. A disagreement opens both coders' annotations side by side, each at its stance entry.
  const index = expected.disagreements.indexOf(stanceDisagreement);
  await view.locator(`button.disagreement[data-index="${index}"]`).click();
  await page.waitForFunction((base) => document.title.includes(base), path.basename(ANA), { timeout: 15_000 });
  await sleep(500);
  const anaAt = await wb.cursorPosition();
  const titles = await groupTitles(page);
  check(
    'clicking a disagreement opens Ana’s annotation file at her stance entry',
    (await wb.activeTabTitle()) === path.basename(ANA) && anaAt?.line === anaLine,
    `${await wb.activeTabTitle()} ${anaAt?.text}, expected line ${anaLine}`,
  );
  check('and Ben’s beside it', titles.includes(path.basename(ANA)) && titles.includes(path.basename(BEN)) && titles.length >= 3, titles.join(' | '));
  // Focus Ben's group (the last one) and read its cursor.
  const benGroup = titles.lastIndexOf(path.basename(BEN)) + 1;
  await page.keyboard.press(`Control+${benGroup}`);
  await page.waitForFunction((base) => document.title.includes(base), path.basename(BEN), { timeout: 10_000 });
  await sleep(300);
  const benAt = await wb.cursorPosition();
  check('at his stance entry', benAt?.line === benLine, `${benAt?.text}, expected line ${benLine}`);
  await wb.screenshot('17-compare-coders-side-by-side');
  if (DOCS_SHOTS) {
    // The README's picture: the report beside the two files.
    fs.mkdirSync(path.join(REPO, 'docs', 'screenshots'), { recursive: true });
    fs.copyFileSync(path.join(runDir, 'screenshots', '17-compare-coders-side-by-side.png'), path.join(REPO, 'docs', 'screenshots', '16-compare-coders.png'));
  }

  // 5. "sentence 21" opens the article there (its line 11, as `standpoint sentences` numbers it).
  await view.locator(`button.sentence-link[data-index="${index}"]`).click();
  await page.waitForFunction(() => document.title.includes('riyadh-talks.txt'), null, { timeout: 15_000 });
  await sleep(300);
  const sentenceAt = await wb.cursorPosition();
  const article = fs.readFileSync(path.join(folder, 'articles', 'riyadh-talks.txt'), 'utf8');
  const sentenceLine = lineOf(article, 'A member of Moscow’s delegation');
  check('“sentence 21” opens the article with the sentence selected', sentenceAt?.line === sentenceLine && /selected/.test(sentenceAt.text), `${sentenceAt?.text}, expected line ${sentenceLine}`);

  // 6. In Ana's file, a lens above her stance entry says what Ben coded.
  await wb.runCommand('View: Close All Editors');
  await wb.openFile(ANA);
  await wb.goToLineCol(anaLine, 1);
  const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'ben: opposes' });
  const lensText = await lens
    .first()
    .innerText({ timeout: 20_000 })
    .catch(() => '');
  check('a code lens above Ana’s stance entry says “ben: opposes”', lensText.trim() === 'ben: opposes', lensText);
  // Sentence 34, which Ben left out: "ben: not annotated" and "ben: without al-arabiya" (lenses render as they scroll
  // into view; each lens's own text, spaces normalised: a line's lenses share one decoration, separated by " | ").
  const lensTexts = () => page.$$eval('.monaco-editor .codelens-decoration a', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
  await wb.goToLineCol(lineOf(anaText, '- sentence: 34'), 1);
  await page
    .waitForFunction(
      () => {
        const texts = [...document.querySelectorAll('.monaco-editor .codelens-decoration a')].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
        return texts.includes('ben: not annotated') && texts.includes('ben: without al-arabiya');
      },
      null,
      { timeout: 20_000, polling: 100 },
    )
    .catch(() => {});
  const others = await lensTexts();
  check('and others say what Ben left out', others.includes('ben: not annotated') && others.includes('ben: without al-arabiya'), JSON.stringify(others));
  await wb.goToLineCol(anaLine, 1);
  await wb.screenshot('18-disagreement-lens');
  check('no markup ran in the page', shown.images === 0);
  // The lens opens Ben's place in a peek.
  await lens.first().locator('a').first().click();
  const peek = await page
    .locator('.peekview-widget .peekview-title')
    .first()
    .innerText({ timeout: 10_000 })
    .catch(() => '');
  check('clicking the lens shows Ben’s annotation in a peek', peek.includes(path.basename(BEN)), peek.replace(/\s+/g, ' '));
  await page.keyboard.press('Escape');

  // 7. An edit, unsaved: Ben reads sentence 21 as supports. Figures worked out by hand (docs/agreement.md's example
  // with that one value changed): over the 21 pairable stance units Ana has supports 12, opposes 7, mixed 2 and Ben
  // 14, 7, 0, so n_supports = 26, n_opposes = 14, n_mixed = 2 of n = 42; two disagreements (21 and 47, each mixed
  // against supports: 4 ordered pairs). Nominal: 1 − 41 · 4 / (42² − 26² − 14² − 2²) = 1 − 164/888 = 0.815.
  // Interval (supports 1, mixed 0, opposes −1): 1 − 41 · 4 / (2 · (26 · 14 · 4 + 26 · 2 + 14 · 2)) = 1 − 164/3072
  // = 0.947. Still 19 of 21 units alike (90.5 %) and 16 disagreements.
  await wb.runCommand('View: Close All Editors');
  await wb.openFile(BEN);
  // The entry's `stance:` line: two below its `- actor:` line.
  const benStanceLine = benLine + 2;
  const benLineText = benText.split('\n')[benStanceLine - 1];
  check('Ben’s stance entry of sentence 21 has the line to edit', /^\s+stance: opposes$/.test(benLineText), benLineText);
  await wb.goToLineCol(benStanceLine, benLineText.indexOf('opposes') + 1);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('supports');
  const corpusRows = (frame) =>
    frame.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('table.corpus tbody tr')].map((tr) => {
          const [level, alpha, , units, pairable, agreement] = [...tr.children].map((cell) => cell.textContent);
          return [level, [alpha, units, pairable, agreement].join(' ')];
        }),
      ),
    );
  await wb.runCommand('Standpoint: Compare Coders');
  const live = await agreementFrame(page);
  await live.waitForFunction(() => document.querySelector('table.corpus tbody tr:nth-child(3) td')?.textContent === '0.815', null, { timeout: 20_000, polling: 50 }).catch(() => {});
  const editedRows = await corpusRows(live);
  const editedHeading = await live.evaluate(() => document.querySelector('#disagreements-heading')?.textContent);
  check(
    'Compare Coders answers from Ben’s unsaved edit: the figures worked out by hand',
    editedHeading === 'Disagreements (16)' && editedRows.stances === '0.815 27 42 90.5%' && editedRows.polarity === '0.947 27 42 90.5%' && editedRows.sentences === '0.844 52 104 92.3%',
    `${editedHeading}; ${JSON.stringify(editedRows)}`,
  );
  // Undo in Ben's editor (group 1) while the view is open beside it: the view follows.
  const drawsBefore = Number(await live.evaluate(() => document.body.dataset.draws));
  await page.keyboard.press('Control+1');
  await page.waitForFunction((base) => document.title.includes(base), path.basename(BEN), { timeout: 10_000 });
  t = performance.now();
  await page.keyboard.press('Control+Z');
  await live
    .waitForFunction((before) => Number(document.body.dataset.draws ?? 0) > before && document.querySelector('table.corpus tbody tr:nth-child(3) td')?.textContent === '0.820', drawsBefore, {
      timeout: 20_000,
      polling: 50,
    })
    .catch(() => {});
  timings.undoToViewMs = Math.round(performance.now() - t);
  const undoneRows = await corpusRows(live);
  check(
    'undoing it in the editor updates the open view back to the example’s figures',
    undoneRows.stances === '0.820 27 42 90.5%' && undoneRows.polarity === '0.948 27 42 90.5%',
    `${JSON.stringify(undoneRows)} in ${timings.undoToViewMs} ms`,
  );
  // Redo, then Ana's lens on sentence 21 says what Ben now coded.
  await page.keyboard.press('Control+Shift+Z');
  await live.waitForFunction(() => document.querySelector('table.corpus tbody tr:nth-child(3) td')?.textContent === '0.815', null, { timeout: 20_000, polling: 50 }).catch(() => {});
  await page.keyboard.press('Control+1');
  await wb.openFile(ANA);
  await wb.goToLineCol(anaLine, 1);
  await page
    .waitForFunction(
      () => {
        const texts = [...document.querySelectorAll('.monaco-editor .codelens-decoration a')].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
        return texts.includes('ben: supports') && !texts.includes('ben: opposes');
      },
      null,
      { timeout: 20_000, polling: 100 },
    )
    .catch(() => {});
  const lensesAfter = await lensTexts();
  check(
    'and Ana’s lens on sentence 21 follows: “ben: supports”, no longer “ben: opposes”',
    !lensesAfter.includes('ben: opposes') && lensesAfter.includes('ben: supports'),
    JSON.stringify(lensesAfter),
  );
} catch (error) {
  failed = error;
  console.error(`[agreement] ERROR: ${error.stack ?? error}`);
  if (wb?.page) await wb.screenshot('99-failure').catch(() => {});
} finally {
  await endRun(run, { wb, failed, timings });
}
