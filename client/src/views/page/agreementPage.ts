/**
 * The Compare Coders page (docs/agreement.md): the report of `standpoint
 * agree` for the workspace or the current article — Krippendorff's alpha per
 * level, each pair of coders, each article — and every disagreement, grouped
 * by article and sentence. Choosing a disagreement opens each coder's
 * annotation side by side; "sentence N" opens the sentence in its article.
 * Everything from the report (paths, ids, coder names) becomes text, never markup.
 */
import type { AgreementConflict, AgreementDisagreement, AgreementLevel, AgreementPlace, AgreementReport, AgreementResult, AgreementValue, AlphaFigure } from '../../../../protocol/agreement';
import {
  agreementViewOptions,
  type AgreementExtensionMessage,
  type AgreementList,
  type AgreementPageMessage,
  type AgreementPageState,
  type AgreementViewOptions,
  type ScopeArticle,
} from '../messages';
import type { Channel } from './channel';
import { CheckList } from './controls';
import { formatNumber, h, plural, replaceChildren, type Child } from './dom';

export const LEVELS: readonly AgreementLevel[] = ['sentences', 'actors', 'stances', 'polarity'];

const LEVEL_TEXT: Readonly<Record<AgreementLevel, string>> = {
  sentences: 'which sentences are annotated',
  actors: 'which actors each sentence involves',
  stances: 'the stance of statements both made',
  polarity: 'the same, on the polarity scale',
};

export interface AgreementPageDeps {
  readonly channel: Channel<AgreementPageMessage, AgreementExtensionMessage, AgreementPageState>;
  readonly now: () => number;
}

export function formatAlpha(value: number | null): string {
  if (value === null) return '—';
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

export function formatShare(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Krippendorff's conventions, in words (colour is never the only sign). */
export function alphaReading(alpha: number | null): { text: string; className: string } {
  if (alpha === null) return { text: 'undefined', className: 'alpha-none' };
  if (alpha >= 0.8) return { text: 'reliable', className: 'alpha-good' };
  if (alpha >= 0.667) return { text: 'tentative only', className: 'alpha-fair' };
  return { text: 'not reliable', className: 'alpha-poor' };
}

function valueText(level: AgreementLevel, value: AgreementValue): string {
  if (value === null) return 'none';
  if (level === 'sentences' || level === 'actors') return value === 1 ? 'yes' : 'no';
  return String(value);
}

/** One disagreement in words, as the CLI's text report says it. */
export function disagreementText(d: AgreementDisagreement): string {
  const coders = Object.keys(d.values);
  if (d.level === 'polarity') {
    const polarities = d.polarities ?? {};
    return `${d.actor} → ${d.target} polarity: ${coders.map((coder) => `${coder} ${polarities[coder] ?? 'none'}`).join(', ')}`;
  }
  const values = coders.map((coder) => `${coder} ${valueText(d.level, d.values[coder])}`).join(', ');
  if (d.level === 'sentences') return `annotated: ${values}`;
  if (d.level === 'actors') return `actor ${d.actor}: ${values}`;
  return `${d.actor} → ${d.target}: ${values}`;
}

const placesText = (places: readonly AgreementPlace[]): string => places.map((place) => `${place.file}:${place.line}`).join('  ');

export class AgreementPage {
  private state: AgreementPageState;
  private draws = 0;
  private readonly scope: HTMLSelectElement;
  private readonly scopeNote: HTMLElement;
  private readonly coders = new CheckList('coders', (value) => value, 'all');
  private readonly coderHint: HTMLElement;
  private readonly status: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly content: HTMLElement;
  private scopeLabel: string | undefined;

  constructor(
    root: HTMLElement,
    private readonly deps: AgreementPageDeps,
  ) {
    const saved = deps.channel.savedState();
    this.state = { options: agreementViewOptions(typeof saved === 'object' && saved !== null ? (saved as { options?: unknown }).options : undefined) };
    const options = this.state.options;
    this.scope = h(
      'select',
      { id: 'opt-scope', name: 'scope' },
      h('option', { value: 'workspace', selected: options.scope === 'workspace' }, 'workspace'),
      h('option', { value: 'article', selected: options.scope === 'article' }, 'current article'),
    );
    this.scopeNote = h('span', { class: 'scope-note' });
    this.coderHint = h('span', { class: 'hint', hidden: true }, 'Choose at least two coders, or none for all.');
    this.coders.set([], options.coders);
    const form = h(
      'form',
      { class: 'controls', 'aria-label': 'Which coders to compare, where' },
      h('div', { class: 'field' }, h('label', { for: 'opt-scope', title: 'the whole workspace, or the article you were last in' }, 'scope'), this.scope, this.scopeNote),
      this.coders.element,
      this.coderHint,
    );
    form.addEventListener('change', () => this.optionsChanged());
    form.addEventListener('submit', (event) => event.preventDefault());
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Comparing the coders…');
    this.notices = h('ul', { class: 'notices' });
    this.content = h('div', { class: 'agreement-report' });
    this.content.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest?.('button[data-index]');
      if (!(button instanceof HTMLElement)) return;
      const list = button.dataset.list as AgreementList;
      const index = Number(button.dataset.index);
      deps.channel.post(button.dataset.action === 'sentence' ? { type: 'openSentence', list, index } : { type: 'open', list, index });
    });
    replaceChildren(root, h('header', { class: 'toolbar' }, form), this.status, this.notices, this.content);
    this.setScope(undefined);
    deps.channel.listen((message) => this.receive(message));
    deps.channel.post({ type: 'ready', options: this.state.options });
  }

  receive(message: AgreementExtensionMessage): void {
    switch (message.type) {
      case 'loading':
        this.content.setAttribute('aria-busy', 'true');
        return;
      case 'report':
        this.show(message.result, message.scope);
        return;
      case 'reportError':
        this.content.removeAttribute('aria-busy');
        this.status.textContent = message.message;
        this.status.classList.add('error');
        replaceChildren(this.notices);
        replaceChildren(this.content);
        this.drawn(0);
        return;
      case 'scope':
        this.setScope(message.scope?.label);
        return;
    }
  }

  get options(): AgreementViewOptions {
    return this.state.options;
  }

  private setScope(label: string | undefined): void {
    this.scopeLabel = label;
    this.scopeNote.textContent = this.state.options.scope === 'article' ? (label ?? 'no article open') : '';
  }

  private optionsChanged(): void {
    const coders = this.coders.read();
    // One coder alone cannot be compared: wait for a second (the CLI refuses it too).
    this.coderHint.hidden = coders.length !== 1;
    if (coders.length === 1) return;
    const options = agreementViewOptions({ scope: this.scope.value, coders });
    this.state = { options };
    this.setScope(this.scopeLabel);
    this.deps.channel.saveState(this.state);
    this.deps.channel.post({ type: 'options', options });
  }

  private drawn(disagreements: number): void {
    document.body.dataset.draws = String(++this.draws);
    document.body.dataset.disagreements = String(disagreements);
  }

  private show(result: AgreementResult, scope: ScopeArticle | undefined): void {
    const started = this.deps.now();
    const { report } = result;
    this.content.removeAttribute('aria-busy');
    this.status.classList.remove('error');
    this.setScope(scope?.label);
    this.coders.set(result.codersFound, this.state.options.coders);
    this.coders.element.hidden = result.codersFound.length < 3 && this.state.options.coders.length === 0;
    const compared = report.articles.length;
    this.status.textContent = `${report.coders.length ? `Agreement between ${plural(report.coders.length, 'coder')} (${report.coders.join(', ')})` : 'No coders to compare'} on ${plural(compared, 'article')}.`;
    replaceChildren(this.notices, ...this.noticesOf(result));
    if (compared === 0) {
      replaceChildren(
        this.content,
        h('p', { class: 'empty' }, 'No article here has annotation files from two or more coders: nothing to compare. Give each annotation file a coder: key, one file per coder and article.'),
      );
    } else {
      replaceChildren(
        this.content,
        this.corpusTable(report),
        report.pairs.length ? this.pairsTable(report) : undefined,
        compared > 1 ? this.articlesTable(report) : undefined,
        this.disagreementsSection(report, result.disagreementsTotal),
        report.conflicts.length ? this.conflictsSection(report.conflicts) : undefined,
      );
    }
    this.drawn(report.disagreements.length);
    this.deps.channel.post({ type: 'rendered', disagreements: report.disagreements.length, ms: this.deps.now() - started });
  }

  private noticesOf(result: AgreementResult): HTMLElement[] {
    const { report } = result;
    const notices: Child[] = [];
    const fewCoders = report.skipped.filter((s) => s.reason === undefined);
    if (fewCoders.length) {
      notices.push(
        `${plural(fewCoders.length, 'article')} skipped (fewer than two coders): ${fewCoders
          .slice(0, 5)
          .map((s) => s.article)
          .join(', ')}${fewCoders.length > 5 ? ', …' : ''}.`,
      );
    }
    for (const s of report.skipped.filter((s) => s.reason !== undefined).slice(0, 5)) notices.push(`${s.article} skipped: ${s.reason}.`);
    for (const merged of report.merged.slice(0, 5)) notices.push(`${merged.article}: ${merged.coder}'s files ${merged.files.join(', ')} are taken together as ${merged.coder}'s work.`);
    if (report.merged.length > 5) notices.push(`… and ${report.merged.length - 5} more articles with several files by one coder.`);
    if (report.conflicts.length) notices.push(`${plural(report.conflicts.length, 'self-conflict')}: a coder gave one statement two different stances (counted as missing; listed below).`);
    if (report.outOfRange) notices.push(`${plural(report.outOfRange, 'annotation')} outside their article left out.`);
    return notices.map((notice) => h('li', {}, notice));
  }

  private corpusTable(report: AgreementReport): HTMLElement {
    const rows = LEVELS.map((level) => {
      const figure: AlphaFigure = report.corpus[level];
      const reading = alphaReading(figure.alpha);
      return h(
        'tr',
        { 'data-level': level },
        h('th', { scope: 'row', title: LEVEL_TEXT[level] }, level),
        h('td', { class: `number alpha ${reading.className}` }, formatAlpha(figure.alpha)),
        h('td', { class: reading.className }, figure.alpha === null ? (figure.reason ?? 'undefined') : reading.text),
        h('td', { class: 'number' }, formatNumber(figure.units)),
        h('td', { class: 'number' }, formatNumber(figure.pairable)),
        h('td', { class: 'number' }, formatShare(figure.agreement)),
      );
    });
    return h(
      'section',
      { class: 'figures', 'aria-labelledby': 'corpus-heading' },
      h('h2', { id: 'corpus-heading' }, "Krippendorff's alpha"),
      h(
        'table',
        { class: 'agreement corpus' },
        h('caption', {}, `Units of ${plural(report.articles.length, 'compared article')} pooled. ≥ 0.800 reliable, ≥ 0.667 for tentative conclusions only.`),
        h('thead', {}, h('tr', {}, ...['Level', 'Alpha', 'Reading', 'Units', 'Pairable', 'Agreement'].map((name) => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, ...rows),
      ),
    );
  }

  private pairsTable(report: AgreementReport): HTMLElement {
    const rows = report.pairs.map((pair) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, `${pair.coders[0]} / ${pair.coders[1]}`),
        h('td', { class: 'number' }, formatNumber(pair.articles)),
        ...LEVELS.map((level) =>
          h(
            'td',
            { class: 'number', title: pair[level].reason ?? `${formatNumber(pair[level].units)} units both coded` },
            `${formatShare(pair[level].agreement)} · κ ${formatAlpha(pair[level].kappa)}`,
          ),
        ),
      ),
    );
    return h(
      'section',
      { class: 'figures', 'aria-labelledby': 'pairs-heading' },
      h('h2', { id: 'pairs-heading' }, 'Pairs of coders'),
      h(
        'table',
        { class: 'agreement pairs' },
        h('caption', {}, "Percent agreement and Cohen's kappa over the units both coded (polarity: quadratic-weighted kappa)."),
        h('thead', {}, h('tr', {}, ...['Pair', 'Articles', ...LEVELS].map((name) => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, ...rows),
      ),
    );
  }

  private articlesTable(report: AgreementReport): HTMLElement {
    const rows = report.articles.map((article) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, article.article),
        h('td', {}, article.coders.join(', ')),
        ...LEVELS.map((level) => h('td', { class: `number ${alphaReading(article[level].alpha).className}`, title: article[level].reason }, formatAlpha(article[level].alpha))),
      ),
    );
    return h(
      'section',
      { class: 'figures', 'aria-labelledby': 'articles-heading' },
      h('h2', { id: 'articles-heading' }, 'Articles'),
      h(
        'table',
        { class: 'agreement articles' },
        h('caption', {}, 'Alpha per article.'),
        h('thead', {}, h('tr', {}, ...['Article', 'Coders', ...LEVELS].map((name) => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, ...rows),
      ),
    );
  }

  private disagreementsSection(report: AgreementReport, total: number): HTMLElement {
    const section = h('section', { class: 'disagreements', 'aria-labelledby': 'disagreements-heading' }, h('h2', { id: 'disagreements-heading' }, `Disagreements (${formatNumber(total)})`));
    if (total === 0) {
      section.append(h('p', { class: 'empty' }, 'No disagreements.'));
      return section;
    }
    section.append(h('p', { class: 'hint' }, "Choose a disagreement to open each coder's annotation side by side; “sentence N” shows the sentence in its article."));
    if (report.disagreements.length < total)
      section.append(
        h(
          'p',
          { class: 'hint' },
          `The first ${formatNumber(report.disagreements.length)} are listed; choose the current article as scope to see one article's, or run standpoint agree --format json for all.`,
        ),
      );
    let article: string | undefined;
    let sentence: number | undefined;
    let list: HTMLElement | undefined;
    report.disagreements.forEach((d, index) => {
      if (d.article !== article) {
        article = d.article;
        sentence = undefined;
        section.append(h('h3', {}, d.article));
      }
      if (d.sentence !== sentence) {
        sentence = d.sentence;
        list = h('ul', { class: 'disagreement-list' });
        section.append(
          h(
            'div',
            { class: 'sentence-group' },
            h(
              'button',
              { type: 'button', class: 'link sentence-link', 'data-action': 'sentence', 'data-list': 'disagreements', 'data-index': index, title: `Show sentence ${d.sentence} of ${d.article}` },
              `sentence ${d.sentence}`,
            ),
            list,
          ),
        );
      }
      list!.append(
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: `disagreement level-${d.level}`, 'data-list': 'disagreements', 'data-index': index, title: "Open each coder's annotation side by side" },
            h('span', { class: 'level' }, d.level),
            h('span', { class: 'what' }, disagreementText(d)),
            h('span', { class: 'place' }, placesText(d.places)),
          ),
        ),
      );
    });
    return section;
  }

  private conflictsSection(conflicts: readonly AgreementConflict[]): HTMLElement {
    return h(
      'section',
      { class: 'disagreements conflicts', 'aria-labelledby': 'conflicts-heading' },
      h('h2', { id: 'conflicts-heading' }, `Self-conflicts (${formatNumber(conflicts.length)})`),
      h('p', { class: 'hint' }, 'A coder gave one statement two different stances: it counts as missing for that coder.'),
      h(
        'ul',
        { class: 'disagreement-list' },
        ...conflicts.map((c, index) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'disagreement level-stances', 'data-list': 'conflicts', 'data-index': index, title: 'Open the stance entries' },
              h('span', { class: 'level' }, `sentence ${c.sentence}`),
              h('span', { class: 'what' }, `${c.coder}: ${c.actor} → ${c.target} ${c.stances.join(' and ')}`),
              h('span', { class: 'place' }, `${c.article} · ${placesText(c.places)}`),
            ),
          ),
        ),
      ),
    );
  }
}
