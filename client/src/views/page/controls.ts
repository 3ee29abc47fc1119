/**
 * The filter and network controls, named as the CLI's options (`type`,
 * `normalize`, `duplicates`, `coder`, `from`, `to`, `min-weight`, …) so what a
 * view shows can be reproduced with `standpoint export network`.
 */
import { ACTOR_MODES, DUPLICATE_RULES, NETWORK_TYPES, type AnalysisFacets } from '../../../../protocol/analysis';
import { aggregatesFor, isTwoMode, normalizationsFor, viewOptions, type ViewKind, type ViewOptions } from '../options';
import { h, replaceChildren } from './dom';

const UNNAMED_CODER_LABEL = '(no coder)';

function select(id: string, values: readonly string[], selected: string): HTMLSelectElement {
  const element = h('select', { id, name: id.replace(/^opt-/, '') });
  for (const value of values) element.append(h('option', { value, selected: value === selected }, value));
  element.value = selected;
  return element;
}

function field(id: string, label: string, cliOption: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id, title: `standpoint export network ${cliOption}` }, label), control);
}

/** A list of checkboxes in a disclosure; none checked means all. */
export class CheckList {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private values: readonly string[] = [];
  private checked = new Set<string>();

  constructor(
    private readonly name: string,
    private readonly labelOf: (value: string) => string,
    private readonly allText: string,
  ) {
    this.summary = h('summary', {}, allText);
    this.list = h('fieldset', { class: 'checklist' }, h('legend', { class: 'sr-only' }, name));
    this.element = h('details', { class: 'field checks', 'data-name': name }, this.summary, this.list);
  }

  set(values: readonly string[], checked: readonly string[]): void {
    this.values = [...new Set([...values, ...checked])];
    this.checked = new Set(checked);
    const legend = this.list.querySelector('legend');
    replaceChildren(this.list, legend);
    this.values.forEach((value, i) => {
      const id = `opt-${this.name}-${i}`;
      this.list.append(h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name: this.name, value, checked: this.checked.has(value) }), h('label', { for: id }, this.labelOf(value))));
    });
    this.renderSummary();
  }

  read(): string[] {
    const boxes = [...this.list.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    this.checked = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
    this.renderSummary();
    return [...this.checked];
  }

  private renderSummary(): void {
    const chosen = this.values.filter((value) => this.checked.has(value));
    this.summary.textContent = `${this.name}: ${chosen.length === 0 ? this.allText : chosen.map(this.labelOf).join(', ')}`;
  }
}

export class Controls {
  readonly element: HTMLFormElement;
  private options: ViewOptions;
  private readonly type?: HTMLSelectElement;
  private readonly aggregate?: HTMLSelectElement;
  private readonly aggregateField?: HTMLElement;
  private readonly normalize?: HTMLSelectElement;
  private readonly minWeight?: HTMLInputElement;
  private readonly duplicates: HTMLSelectElement;
  private readonly actors: HTMLSelectElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly scope: HTMLSelectElement;
  private readonly scopeNote: HTMLElement;
  private readonly coders = new CheckList('coder', (value) => (value === '' ? UNNAMED_CODER_LABEL : value), 'all');
  private readonly actorTypes = new CheckList('actor-type', (value) => value, 'all');
  private facets: AnalysisFacets = { coders: [], actorTypes: [] };
  private scopeLabel: string | undefined;

  constructor(
    private readonly kind: ViewKind,
    options: ViewOptions,
    private readonly onChange: (options: ViewOptions) => void,
  ) {
    this.options = options;
    this.element = h('form', { class: 'controls', 'aria-label': 'Network options' });
    if (kind === 'network') {
      this.type = select('opt-type', NETWORK_TYPES, options.type);
      this.aggregate = select('opt-aggregate', aggregatesFor(options.type), options.aggregate);
      this.normalize = select('opt-normalize', normalizationsFor(options.type, options.aggregate), options.normalize);
      this.minWeight = h('input', { id: 'opt-min-weight', name: 'min-weight', type: 'number', min: 0, step: 'any', value: options.minWeight, inputmode: 'decimal' });
      this.aggregateField = field('opt-aggregate', 'aggregate', '--aggregate', this.aggregate);
      this.element.append(field('opt-type', 'type', '--type', this.type), this.aggregateField, field('opt-normalize', 'normalize', '--normalize', this.normalize));
    }
    this.duplicates = select('opt-duplicates', DUPLICATE_RULES, options.duplicates);
    this.actors = select('opt-actors', ACTOR_MODES, options.actors);
    this.from = h('input', { id: 'opt-from', name: 'from', type: 'date', value: options.from ?? '' });
    this.to = h('input', { id: 'opt-to', name: 'to', type: 'date', value: options.to ?? '' });
    this.scope = h(
      'select',
      { id: 'opt-scope', name: 'scope' },
      h('option', { value: 'workspace', selected: options.scope === 'workspace' }, 'workspace'),
      h('option', { value: 'article', selected: options.scope === 'article' }, 'current article'),
    );
    this.scopeNote = h('span', { class: 'scope-note' });
    this.element.append(
      field('opt-duplicates', 'duplicates', '--duplicates', this.duplicates),
      this.coders.element,
      field('opt-actors', 'actors', '--actors', this.actors),
      this.actorTypes.element,
      field('opt-from', 'from', '--from', this.from),
      field('opt-to', 'to', '--to', this.to),
      h('div', { class: 'field' }, h('label', { for: 'opt-scope', title: 'the whole workspace, or the article you were last in' }, 'scope'), this.scope, this.scopeNote),
    );
    if (this.minWeight) this.element.append(field('opt-min-weight', 'min-weight', '--min-weight', this.minWeight));
    this.coders.set([], options.coders);
    this.actorTypes.set([], options.actorTypes);
    this.element.addEventListener('change', () => this.changed());
    this.element.addEventListener('submit', (event) => event.preventDefault());
    this.reflect();
  }

  /** What the workspace offers: coders, actor types, the span of dates. */
  setFacets(facets: AnalysisFacets): void {
    this.facets = facets;
    this.coders.set(facets.coders, this.options.coders);
    this.actorTypes.set(facets.actorTypes, this.options.actorTypes);
    for (const input of [this.from, this.to]) {
      input.min = facets.firstDate?.slice(0, 10) ?? '';
      input.max = facets.lastDate?.slice(0, 10) ?? '';
    }
    this.coders.element.hidden = facets.coders.length < 2 && this.options.coders.length === 0;
  }

  /** The article a view with scope `article` shows (its path), or undefined when there is none. */
  setScope(label: string | undefined): void {
    this.scopeLabel = label;
    this.scopeNote.textContent = this.options.scope === 'article' ? (label ?? 'no article open') : '';
  }

  get current(): ViewOptions {
    return this.options;
  }

  private read(): ViewOptions {
    const raw = {
      type: this.type?.value,
      aggregate: this.aggregate?.value,
      normalize: this.normalize?.value,
      minWeight: this.minWeight && this.minWeight.value !== '' ? Number(this.minWeight.value) : 0,
      duplicates: this.duplicates.value,
      coders: this.coders.read(),
      actors: this.actors.value,
      actorTypes: this.actorTypes.read(),
      from: this.from.value || undefined,
      to: this.to.value || undefined,
      scope: this.scope.value,
    };
    return viewOptions(raw, this.kind);
  }

  private changed(): void {
    this.options = this.read();
    this.reflect();
    this.onChange(this.options);
  }

  /** Shows only the choices the current type allows (the CLI refuses the others). */
  private reflect(): void {
    const options = this.options;
    if (this.aggregate && this.normalize && this.aggregateField) {
      replaceChildren(this.aggregate, ...aggregatesFor(options.type).map((value) => h('option', { value, selected: value === options.aggregate }, value)));
      replaceChildren(this.normalize, ...normalizationsFor(options.type, options.aggregate).map((value) => h('option', { value, selected: value === options.normalize }, value)));
      this.aggregate.value = options.aggregate;
      this.normalize.value = options.normalize;
      this.aggregateField.hidden = !isTwoMode(options.type);
    }
    if (this.minWeight && Number(this.minWeight.value) !== options.minWeight) this.minWeight.value = String(options.minWeight);
    this.setScope(this.scopeLabel);
    this.coders.element.hidden = this.facets.coders.length < 2 && options.coders.length === 0;
  }
}
