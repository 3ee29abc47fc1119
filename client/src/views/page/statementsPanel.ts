/**
 * The statements behind a tie, a node or a matrix cell: each with its quote (or
 * sentence), who takes which stance toward what, and where; choosing one opens
 * the annotation at its stance entry, with the sentence beside it.
 */
import type { LocatedStatement, StatementsResult } from '../../../../protocol/analysis';
import { formatNumber, h, plural, replaceChildren, truncate } from './dom';

const QUOTE_CHARS = 280;

/** The one-line claim of a statement: "Russia opposes Ukraine’s membership in NATO". */
export const claimText = (s: LocatedStatement): string => `${s.actorName} ${s.stance} ${s.towardLabel}`;

/** Where a statement is: article, sentence, date and coder, as far as known. */
export function placeText(s: LocatedStatement): string {
  return [s.title ? `${s.title} (${s.article})` : s.article, `sentence ${s.sentence}`, s.date, s.coder ? `coder ${s.coder}` : undefined].filter(Boolean).join(' · ');
}

export class StatementsPanel {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLOListElement;
  private requestId = -1;

  constructor(private readonly open: (requestId: number, index: number) => void) {
    this.heading = h('h2', { id: 'statements-heading' }, 'Statements');
    this.summary = h('p', { class: 'summary', role: 'status' }, 'Click a tie or a node to list its statements.');
    this.list = h('ol', { class: 'statements' });
    this.element = h('section', { class: 'statements-panel', 'aria-labelledby': 'statements-heading' }, this.heading, this.summary, this.list);
    this.list.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest?.('button[data-index]');
      if (button) this.open(this.requestId, Number(button.getAttribute('data-index')));
    });
  }

  /** A new request: the list is emptied until its answer comes. */
  loading(requestId: number, title: string): void {
    this.requestId = requestId;
    this.heading.textContent = title;
    this.summary.textContent = 'Loading…';
    replaceChildren(this.list);
  }

  /** The answer to a request; an answer to an older request is ignored. */
  show(requestId: number, result: StatementsResult): boolean {
    if (requestId !== this.requestId) return false;
    const { statements, total } = result;
    this.summary.textContent =
      total === 0
        ? 'No statements.'
        : statements.length < total
          ? `${formatNumber(statements.length)} of ${plural(total, 'statement')} (the first in document order).`
          : `${plural(total, 'statement')}.`;
    replaceChildren(
      this.list,
      ...statements.map((statement, index) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: `statement polarity-${Math.sign(statement.polarity)}`, 'data-index': index, title: `Open ${statement.file}:${statement.line}` },
            h('span', { class: 'quote' }, `“${truncate(statement.quote ?? statement.sentenceText, QUOTE_CHARS)}”`),
            h('span', { class: 'claim' }, claimText(statement)),
            h('span', { class: 'place' }, placeText(statement)),
          ),
        ),
      ),
    );
    return true;
  }

  error(requestId: number, message: string): void {
    if (requestId !== this.requestId) return;
    this.summary.textContent = `The statements could not be listed: ${message}`;
    replaceChildren(this.list);
  }

  clear(text = 'Click a tie or a node to list its statements.'): void {
    this.requestId = -1;
    this.heading.textContent = 'Statements';
    this.summary.textContent = text;
    replaceChildren(this.list);
  }

  /** Focus the first statement (after a keyboard choice). */
  focusFirst(): void {
    this.list.querySelector<HTMLButtonElement>('button')?.focus();
  }
}
