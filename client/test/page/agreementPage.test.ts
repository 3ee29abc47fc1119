// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { AgreementPage, alphaReading, disagreementText, formatAlpha, formatShare } from '../../src/views/page/agreementPage';
import { DEFAULT_AGREEMENT_OPTIONS } from '../../src/views/messages';
import { agreementResult, FakeAgreementChannel, XSS } from './agreementFixtures';

let channel: FakeAgreementChannel;
let page: AgreementPage;

function open(saved?: unknown): void {
  document.body.replaceChildren();
  delete document.body.dataset.draws;
  const root = document.createElement('main');
  document.body.append(root);
  channel = new FakeAgreementChannel(saved);
  page = new AgreementPage(root, { channel, now: () => 0 });
}

const cells = (selector: string) => [...document.querySelectorAll(`${selector} tr`)].map((tr) => [...tr.children].map((cell) => cell.textContent));
const click = (element: Element) => element.dispatchEvent(new MouseEvent('click', { bubbles: true }));

beforeEach(() => open());

describe('the Compare Coders page', () => {
  it('asks for a report with the options it restored, or the defaults', () => {
    expect(channel.sent).toEqual([{ type: 'ready', options: DEFAULT_AGREEMENT_OPTIONS }]);
    open({ options: { scope: 'article', coders: ['ana', 'cleo'] } });
    expect(channel.sent).toEqual([{ type: 'ready', options: { scope: 'article', coders: ['ana', 'cleo'] } }]);
    open({ options: { scope: 'everywhere', coders: 'ana' } });
    expect(channel.sent).toEqual([{ type: 'ready', options: DEFAULT_AGREEMENT_OPTIONS }]);
  });

  it('shows the corpus figures: alpha to three decimals, its reading in words, units, pairable values and agreement in percent', () => {
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult() });
    expect(cells('table.corpus')).toEqual([
      ['Level', 'Alpha', 'Reading', 'Units', 'Pairable', 'Agreement'],
      ['sentences', '0.844', 'reliable', '52', '104', '92.3%'],
      ['actors', '0.700', 'tentative only', '936', '1,872', '98.9%'],
      ['stances', '0.500', 'not reliable', '27', '42', '90.5%'],
      ['polarity', '—', 'fewer than two pairable values', '27', '0', '—'],
    ]);
    expect(document.querySelector('.status')!.textContent).toBe('Agreement between 2 coders (ana, ben) on 1 article.');
    expect([...document.querySelectorAll('.notices li')].map((li) => li.textContent)).toEqual([
      '1 article skipped (fewer than two coders): articles/ceasefire.md.',
      '1 self-conflict: a coder gave one statement two different stances (counted as missing; listed below).',
    ]);
    expect(document.body.dataset.draws).toBe('1');
    expect(channel.ofType('rendered')).toEqual([{ type: 'rendered', disagreements: 3, ms: 0 }]);
  });

  it('shows each pair of coders: agreement and kappa per level', () => {
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult() });
    expect(cells('table.pairs')).toEqual([
      ['Pair', 'Articles', 'sentences', 'actors', 'stances', 'polarity'],
      ['ana / ben', '1', '92.3% · κ 0.842', '98.9% · κ 0.863', '90.5% · κ 0.817', '— · κ —'],
    ]);
    // One article: no table of articles.
    expect(document.querySelector('table.articles')).toBeNull();
  });

  it('lists the disagreements by article and sentence, and choosing one asks to open it', () => {
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult() });
    const section = document.querySelector('section.disagreements')!;
    expect(section.querySelector('h2')!.textContent).toBe('Disagreements (3)');
    expect(section.querySelector('h3')!.textContent).toBe('articles/riyadh.txt');
    const groups = [...section.querySelectorAll('.sentence-group')].map((group) => ({
      sentence: group.querySelector('.sentence-link')!.textContent,
      items: [...group.querySelectorAll('button.disagreement')].map((b) => [b.querySelector('.level')!.textContent, b.querySelector('.what')!.textContent, b.querySelector('.place')!.textContent]),
    }));
    expect(groups).toEqual([
      {
        sentence: 'sentence 16',
        items: [
          ['sentences', 'annotated: ana yes, ben no', 'annotations/riyadh.ana.stance.yaml:60'],
          ['actors', `actor ${XSS}: ana yes, ben no`, 'annotations/riyadh.ana.stance.yaml:60'],
        ],
      },
      { sentence: 'sentence 21', items: [['stances', 'russia → ceasefire: ana mixed, ben opposes', 'annotations/riyadh.ana.stance.yaml:95  annotations/riyadh.ben.stance.yaml:77']] },
    ]);
    click(section.querySelectorAll('button.disagreement')[2].querySelector('.what')!);
    click(section.querySelectorAll('.sentence-link')[1]);
    expect(channel.sent.slice(-2)).toEqual([
      { type: 'open', list: 'disagreements', index: 2 },
      { type: 'openSentence', list: 'disagreements', index: 2 },
    ]);
    const conflict = document.querySelector('section.conflicts button.disagreement')!;
    expect(conflict.textContent).toContain('ben: saudi-arabia → russia neutral and supports');
    click(conflict);
    expect(channel.sent.at(-1)).toEqual({ type: 'open', list: 'conflicts', index: 0 });
  });

  it('shows names that look like markup as their characters', () => {
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult() });
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(document.body.textContent).toContain(XSS);
  });

  it('says why an article was skipped when it is not for want of coders', () => {
    const result = agreementResult();
    channel.deliver({
      type: 'report',
      options: DEFAULT_AGREEMENT_OPTIONS,
      result: { ...result, report: { ...result.report, skipped: [{ article: 'articles/wrapped.txt', coders: ['ana', 'ben'], reason: 'its annotation files number the sentences differently' }] } },
    });
    expect(document.querySelector('.notices li')!.textContent).toBe('articles/wrapped.txt skipped: its annotation files number the sentences differently.');
  });

  it('says how many disagreements were left out of a long list', () => {
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult({ disagreementsTotal: 12_345 }) });
    expect(document.querySelector('section.disagreements h2')!.textContent).toBe('Disagreements (12,345)');
    expect(document.querySelector('section.disagreements')!.textContent).toContain('The first 3 are listed');
  });

  it('says when nothing can be compared', () => {
    const empty = agreementResult();
    channel.deliver({
      type: 'report',
      options: DEFAULT_AGREEMENT_OPTIONS,
      result: { ...empty, report: { ...empty.report, coders: [], articles: [], pairs: [], disagreements: [], conflicts: [] }, disagreementsTotal: 0 },
    });
    expect(document.querySelector('.status')!.textContent).toBe('No coders to compare on 0 articles.');
    expect(document.querySelector('.agreement-report')!.textContent).toMatch(/^No article here has annotation files from two or more coders/);
  });

  it('shows the server’s refusal as the status, and clears the report', () => {
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult() });
    channel.deliver({ type: 'reportError', message: "--coders: no annotation file has coder 'cleo' (coders found: ana, ben)" });
    const status = document.querySelector('.status')!;
    expect(status.textContent).toBe("--coders: no annotation file has coder 'cleo' (coders found: ana, ben)");
    expect(status.classList.contains('error')).toBe(true);
    expect(document.querySelector('table.corpus')).toBeNull();
    expect(document.body.dataset.draws).toBe('2');
  });

  it('offers the coders to choose from when there are three or more; one alone is not sent', () => {
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult() });
    const checks = document.querySelector<HTMLElement>('details.checks')!;
    expect(checks.hidden).toBe(true);
    channel.deliver({ type: 'report', options: DEFAULT_AGREEMENT_OPTIONS, result: agreementResult({ codersFound: ['ana', 'ben', 'cleo'] }) });
    expect(checks.hidden).toBe(false);
    const boxes = [...checks.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((box) => box.value)).toEqual(['ana', 'ben', 'cleo']);
    const before = channel.sent.length;
    boxes[0].checked = true;
    boxes[0].dispatchEvent(new Event('change', { bubbles: true }));
    expect(channel.sent.length).toBe(before);
    expect(document.querySelector<HTMLElement>('.controls .hint')!.hidden).toBe(false);
    boxes[2].checked = true;
    boxes[2].dispatchEvent(new Event('change', { bubbles: true }));
    expect(channel.sent.at(-1)).toEqual({ type: 'options', options: { scope: 'workspace', coders: ['ana', 'cleo'] } });
    expect(channel.saved).toEqual({ options: { scope: 'workspace', coders: ['ana', 'cleo'] } });
    expect(checks.querySelector('summary')!.textContent).toBe('coders: ana, cleo');
  });

  it('switches the scope to the current article and names it', () => {
    const scope = document.querySelector<HTMLSelectElement>('#opt-scope')!;
    scope.value = 'article';
    scope.dispatchEvent(new Event('change', { bubbles: true }));
    expect(channel.sent.at(-1)).toEqual({ type: 'options', options: { scope: 'article', coders: [] } });
    expect(document.querySelector('.scope-note')!.textContent).toBe('no article open');
    channel.deliver({ type: 'scope', scope: { uri: 'file:///w/articles/riyadh.txt', label: 'articles/riyadh.txt' } });
    expect(document.querySelector('.scope-note')!.textContent).toBe('articles/riyadh.txt');
    expect(page.options.scope).toBe('article');
  });
});

describe('numbers and words', () => {
  it('formats alphas and shares, and reads alphas by Krippendorff’s conventions', () => {
    expect([formatAlpha(null), formatAlpha(-0.0001), formatAlpha(0.8), formatAlpha(-1 / 6)]).toEqual(['—', '0.000', '0.800', '-0.167']);
    expect([formatShare(null), formatShare(1), formatShare(12 / 13)]).toEqual(['—', '100.0%', '92.3%']);
    expect([0.8, 0.7999, 0.667, 0.6669, null].map((alpha) => alphaReading(alpha).text)).toEqual(['reliable', 'tentative only', 'tentative only', 'not reliable', 'undefined']);
  });

  it('says a polarity disagreement with each coder’s polarity', () => {
    expect(disagreementText({ article: 'a.txt', level: 'polarity', sentence: 1, actor: 'us', target: 't', values: { x: 'leans', y: 'leans' }, polarities: { x: 0.5, y: 1 }, places: [] })).toBe(
      'us → t polarity: x 0.5, y 1',
    );
  });
});
