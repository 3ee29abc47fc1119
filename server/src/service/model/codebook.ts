import type { YNode as Node } from './ynode';
import { DIAGNOSTIC_CODES, SEVERITY_NAMES, isDiagnosticCode, type DiagnosticCode, type Problem, type RuleSetting } from '../problems';
import { LineMap, type Span } from '../text/lineMap';
import { suggestIds } from '../text/editDistance';
import { checkKnownKeys, describeNode, entriesByKey, readText, readTextList, schemaError } from './schemaHelpers';
import { isScalar, YamlReader, type Located, type MapEntry } from './yamlReader';
import { findBrokenNodes } from './brokenNodes';

export const ACTOR_TYPES = ['state', 'organization', 'person', 'group', 'media', 'other'] as const;
export const CODEBOOK_KEYS = ['actors', 'topics', 'stances', 'rules', 'abbreviations', 'hard-wrapped'] as const;
export const ACTOR_KEYS = ['name', 'type', 'aliases', 'affiliation'] as const;
export const TOPIC_KEYS = ['label', 'description'] as const;
export const STANCE_VALUE_KEYS = ['label', 'polarity'] as const;
export const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

export interface ActorEntry {
  readonly id: string;
  readonly keySpan: Span;
  /** From the key to the end of the entry's value. */
  readonly span: Span;
  readonly name?: Located<string>;
  readonly type?: Located<string>;
  readonly aliases: readonly Located<string>[];
  readonly affiliation?: Located<string>;
  /** A syntax error broke the entry (docs/diagnostics.md): its id stands, but it gets no checks of its own. */
  readonly broken?: true;
}

export interface TopicEntry {
  readonly id: string;
  readonly keySpan: Span;
  readonly span: Span;
  readonly label?: Located<string>;
  /** A syntax error broke the entry: its id stands, but it gets no checks of its own. */
  readonly broken?: true;
  readonly description?: Located<string>;
}

export interface StanceValue {
  readonly id: string;
  /** Undefined for the built-in vocabulary. */
  readonly keySpan?: Span;
  readonly label: string;
  readonly polarity: number;
}

export interface CodebookModel {
  readonly kind: 'codebook';
  readonly text: string;
  readonly lineMap: LineMap;
  readonly problems: readonly Problem[];
  /** False when the file has no readable `actors` mapping: ids cannot be checked against it. */
  readonly usable: boolean;
  readonly actors: ReadonlyMap<string, ActorEntry>;
  readonly topics: ReadonlyMap<string, TopicEntry>;
  readonly stances: ReadonlyMap<string, StanceValue>;
  readonly rules: ReadonlyMap<DiagnosticCode, RuleSetting>;
  readonly abbreviations: readonly string[];
  readonly hardWrapped?: boolean;
  readonly topLevel: ReadonlyMap<string, MapEntry>;
  readonly headSpan: Span;
}

export const DEFAULT_STANCES: ReadonlyMap<string, StanceValue> = new Map([
  ['supports', { id: 'supports', label: 'Supports', polarity: 1 }],
  ['opposes', { id: 'opposes', label: 'Opposes', polarity: -1 }],
  ['neutral', { id: 'neutral', label: 'Neutral', polarity: 0 }],
  ['mixed', { id: 'mixed', label: 'Mixed or ambivalent', polarity: 0 }],
]);

export function parseCodebook(text: string): CodebookModel {
  const reader = new YamlReader(text);
  const problems: Problem[] = reader.problems;
  const root = reader.root;
  const entries = reader.entries(root);
  const headSpan = { start: 0, end: Math.max(0, text.search(/\r|\n|$/)) };
  const actors = new Map<string, ActorEntry>();
  const topics = new Map<string, TopicEntry>();
  const rules = new Map<DiagnosticCode, RuleSetting>();
  const lineMap = new LineMap(text);
  const base = { kind: 'codebook' as const, text, lineMap, problems, actors, topics, stances: DEFAULT_STANCES, rules, abbreviations: [], topLevel: new Map(), headSpan };

  if (!entries) {
    if (root === undefined) {
      if (!problems.some((p) => p.code === 'yaml-syntax'))
        problems.push(schemaError(headSpan, 'This codebook is empty. Start it with `actors:` (a mapping from actor id to `name`, `type`, `aliases`).'));
    } else if (!problems.some((p) => p.code === 'yaml-syntax'))
      problems.push(schemaError(reader.spanOf(root, headSpan), `A codebook must be a mapping with \`actors\` (and usually \`topics\`), not ${describeNode(root)}.`));
    return { ...base, usable: false };
  }
  checkKnownKeys(entries, CODEBOOK_KEYS, 'a codebook', problems);
  const topLevel = entriesByKey(entries);
  const firstKey = entries[0]?.keySpan ?? headSpan;

  let usable = false;
  const actorsEntry = topLevel.get('actors');
  const broken = brokenEntries(text, reader.breaks, entries, (entry) => (BY_ID.has(entry.key) ? reader.entries(entry.value) : undefined));
  if (!actorsEntry) {
    if (!broken.header) problems.push(schemaError(firstKey, 'Missing `actors`: a codebook maps actor ids to entries, e.g. `actors: { us: { name: United States, type: state } }`.'));
  } else {
    const actorEntries = readIdMap(reader, actorsEntry, 'actor', problems);
    if (actorEntries) {
      usable = true;
      for (const entry of actorEntries) actors.set(entry.key, markBroken(readActor(reader, entry, problems), broken.keyStarts.has(entry.keySpan.start)));
    }
  }

  const topicsEntry = topLevel.get('topics');
  if (topicsEntry) {
    for (const entry of readIdMap(reader, topicsEntry, 'topic', problems) ?? []) topics.set(entry.key, markBroken(readTopic(reader, entry, problems), broken.keyStarts.has(entry.keySpan.start)));
  }

  let stances: ReadonlyMap<string, StanceValue> = DEFAULT_STANCES;
  const stancesEntry = topLevel.get('stances');
  if (stancesEntry && stancesEntry.value !== undefined) {
    const stanceEntries = readIdMap(reader, stancesEntry, 'stance', problems);
    if (stanceEntries) {
      const declared = new Map<string, StanceValue>();
      for (const entry of stanceEntries) declared.set(entry.key, readStanceValue(reader, entry, problems));
      stances = declared;
    }
  }

  const rulesEntry = topLevel.get('rules');
  if (rulesEntry && rulesEntry.value !== undefined) readRules(reader, rulesEntry, rules, problems);

  const abbreviationsEntry = topLevel.get('abbreviations');
  const abbreviations = abbreviationsEntry ? readTextList(reader, abbreviationsEntry, 'Amb., Adm.', problems).map((a) => a.value) : [];

  let hardWrapped: boolean | undefined;
  const wrappedEntry = topLevel.get('hard-wrapped');
  if (wrappedEntry && wrappedEntry.value !== undefined) {
    if (isScalar(wrappedEntry.value) && typeof wrappedEntry.value.value === 'boolean') hardWrapped = wrappedEntry.value.value;
    else problems.push(schemaError(wrappedEntry.valueSpan, `\`hard-wrapped\` must be \`true\` or \`false\`, not ${describeNode(wrappedEntry.value)}.`));
  }

  // A node a syntax error broke is reported by that error alone: its schema problems are artefacts of the error.
  const reported = broken.extents.length ? problems.filter((problem) => problem.code !== 'schema' || !broken.contains(problem.span.start)) : problems;
  return { kind: 'codebook', text, lineMap, problems: reported, usable, actors, topics, stances, rules, abbreviations, hardWrapped, topLevel, headSpan: firstKey };
}

/** The sections whose entries are nodes of their own after a syntax error (each id's entry). */
const BY_ID = new Set(['actors', 'topics', 'stances']);

interface BrokenEntries {
  /** Where the keys of the entries of `actors`, `topics`, `stances` that a syntax error broke start. */
  readonly keyStarts: ReadonlySet<number>;
  /** The text of every broken node (top-level entries: their key lines up to their first entry), in file order. */
  readonly extents: readonly Span[];
  /** Whether `offset` lies in a broken node. */
  readonly contains: (offset: number) => boolean;
  /** An error broke a top-level entry or lies outside every node: a section may be missing only because of it. */
  readonly header: boolean;
}

/** What the codebook's syntax errors broke (brokenNodes.ts): its top-level entries and the entries of `actors`, `topics` and `stances`. */
function brokenEntries(text: string, breaks: readonly Span[], entries: readonly MapEntry[], children: (entry: MapEntry) => readonly MapEntry[] | undefined): BrokenEntries {
  if (!breaks.length) return { keyStarts: new Set(), extents: [], contains: () => false, header: false };
  const nodes: { entry: MapEntry; inner: boolean }[] = [];
  for (const entry of entries) {
    nodes.push({ entry, inner: false });
    for (const child of children(entry) ?? []) nodes.push({ entry: child, inner: true });
  }
  nodes.sort((a, b) => a.entry.keySpan.start - b.entry.keySpan.start);
  const found = findBrokenNodes(
    text,
    breaks,
    nodes.map((node) => node.entry.keySpan.start),
  );
  const brokenInner = new Set<number>();
  let header = found.outside;
  const indexes = [...found.indexes].sort((a, b) => a - b);
  for (const k of indexes) {
    if (nodes[k].inner) brokenInner.add(nodes[k].entry.keySpan.start);
    else header = true;
  }
  const extents = indexes.map((k) => found.extent(k));
  const contains = (offset: number) => {
    let low = 0;
    let high = extents.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (offset < extents[mid].start) high = mid - 1;
      else if (offset >= extents[mid].end) low = mid + 1;
      else return true;
    }
    return false;
  };
  return { keyStarts: brokenInner, extents, contains, header };
}

function markBroken<T extends object>(entry: T, broken: boolean): T {
  return broken ? { ...entry, broken: true } : entry;
}

/** Entries of an id-keyed mapping (`actors`, `topics`, `stances`), with id-format checks. */
function readIdMap(reader: YamlReader, entry: MapEntry, what: string, problems: Problem[]): MapEntry[] | undefined {
  if (entry.value === undefined) return [];
  const entries = reader.entries(entry.value);
  if (!entries) {
    problems.push(schemaError(entry.valueSpan, `\`${entry.key}\` must be a mapping from ${what} id to its entry, not ${describeNode(entry.value)}.`));
    return undefined;
  }
  for (const item of entries) {
    if (!ID_PATTERN.test(item.key)) {
      const suggestion = item.key
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^[^a-z]+|-+$/g, '');
      problems.push(
        schemaError(item.keySpan, `\`${item.key}\` is not a valid ${what} id: ids are lower-case letters, digits and \`-\`, starting with a letter${suggestion ? ` (e.g. \`${suggestion}\`)` : ''}.`),
      );
    }
  }
  return entries;
}

function entrySpan(entry: MapEntry): Span {
  return { start: entry.keySpan.start, end: Math.max(entry.keySpan.end, entry.valueSpan.end) };
}

function readActor(reader: YamlReader, entry: MapEntry, problems: Problem[]): ActorEntry {
  const base = { id: entry.key, keySpan: entry.keySpan, span: entrySpan(entry), aliases: [] as Located<string>[] };
  const fields = reader.entries(entry.value);
  if (!fields) {
    const message =
      entry.value === undefined
        ? `Actor \`${entry.key}\` has no entry: give at least its \`name\`, e.g. \`${entry.key}: { name: …, type: state }\`.`
        : `Actor \`${entry.key}\` must be a mapping with \`name\`, \`type\`, \`aliases\`, not ${describeNode(entry.value)}.`;
    problems.push(schemaError(entry.value === undefined ? entry.keySpan : entry.valueSpan, message));
    return base;
  }
  checkKnownKeys(fields, ACTOR_KEYS, `actor \`${entry.key}\``, problems);
  const keys = entriesByKey(fields);
  const nameEntry = keys.get('name');
  const name = nameEntry ? readText(reader, nameEntry, 'text', problems) : undefined;
  if (!name || !name.value.trim()) problems.push(schemaError(nameEntry?.keySpan ?? entry.keySpan, `Actor \`${entry.key}\` needs a \`name\` (e.g. \`name: ${titleCase(entry.key)}\`).`));
  const typeEntry = keys.get('type');
  const type = typeEntry ? readText(reader, typeEntry, `one of ${ACTOR_TYPES.join(', ')}`, problems) : undefined;
  if (type && !(ACTOR_TYPES as readonly string[]).includes(type.value)) {
    const [suggestion] = suggestIds(
      type.value,
      ACTOR_TYPES.map((id) => ({ id })),
      1,
    );
    problems.push(schemaError(type.span, `\`${type.value}\` is not an actor type; use one of ${ACTOR_TYPES.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`));
  }
  const aliasesEntry = keys.get('aliases');
  const aliases = aliasesEntry ? readTextList(reader, aliasesEntry, 'Washington, the White House', problems) : [];
  const affiliationEntry = keys.get('affiliation');
  const affiliation = affiliationEntry ? readText(reader, affiliationEntry, 'an actor id', problems) : undefined;
  return { ...base, name: name?.value.trim() ? name : undefined, type, aliases, affiliation };
}

function readTopic(reader: YamlReader, entry: MapEntry, problems: Problem[]): TopicEntry {
  const base = { id: entry.key, keySpan: entry.keySpan, span: entrySpan(entry) };
  const fields = reader.entries(entry.value);
  if (!fields) {
    const message =
      entry.value === undefined
        ? `Topic \`${entry.key}\` has no entry: give at least its \`label\`, e.g. \`${entry.key}: { label: … }\`.`
        : `Topic \`${entry.key}\` must be a mapping with \`label\` and \`description\`, not ${describeNode(entry.value)}.`;
    problems.push(schemaError(entry.value === undefined ? entry.keySpan : entry.valueSpan, message));
    return base;
  }
  checkKnownKeys(fields, TOPIC_KEYS, `topic \`${entry.key}\``, problems);
  const keys = entriesByKey(fields);
  const labelEntry = keys.get('label');
  const label = labelEntry ? readText(reader, labelEntry, 'text', problems) : undefined;
  if (!label || !label.value.trim()) problems.push(schemaError(labelEntry?.keySpan ?? entry.keySpan, `Topic \`${entry.key}\` needs a \`label\` (e.g. \`label: ${titleCase(entry.key)}\`).`));
  const descriptionEntry = keys.get('description');
  const description = descriptionEntry ? readText(reader, descriptionEntry, 'text', problems) : undefined;
  return { ...base, label: label?.value.trim() ? label : undefined, description };
}

function readStanceValue(reader: YamlReader, entry: MapEntry, problems: Problem[]): StanceValue {
  const fields = reader.entries(entry.value);
  if (!fields) {
    problems.push(schemaError(entry.value === undefined ? entry.keySpan : entry.valueSpan, `Stance \`${entry.key}\` must be a mapping like \`{ label: Supports, polarity: 1 }\`.`));
    return { id: entry.key, keySpan: entry.keySpan, label: entry.key, polarity: 0 };
  }
  checkKnownKeys(fields, STANCE_VALUE_KEYS, `stance \`${entry.key}\``, problems);
  const keys = entriesByKey(fields);
  const labelEntry = keys.get('label');
  const label = labelEntry ? readText(reader, labelEntry, 'text', problems)?.value : undefined;
  const polarityEntry = keys.get('polarity');
  let polarity = 0;
  const node: Node | undefined = polarityEntry?.value;
  if (!polarityEntry) {
    problems.push(schemaError(entry.keySpan, `Stance \`${entry.key}\` needs a \`polarity\`: 1 (for), -1 (against) or 0.`));
  } else if (isScalar(node) && typeof node.value === 'number' && node.value >= -1 && node.value <= 1) {
    polarity = node.value;
  } else {
    problems.push(schemaError(polarityEntry.valueSpan, `\`polarity\` must be a number from -1 (against) to 1 (for), not ${describeNode(node)}.`));
  }
  return { id: entry.key, keySpan: entry.keySpan, label: label?.trim() || entry.key, polarity };
}

function readRules(reader: YamlReader, entry: MapEntry, rules: Map<DiagnosticCode, RuleSetting>, problems: Problem[]): void {
  const fields = reader.entries(entry.value);
  if (!fields) {
    problems.push(schemaError(entry.valueSpan, `\`rules\` must map diagnostic codes to a severity, e.g. \`rules: { actor-not-mentioned: off }\`.`));
    return;
  }
  const codes = Object.keys(DIAGNOSTIC_CODES);
  for (const field of fields) {
    if (!isDiagnosticCode(field.key)) {
      const [suggestion] = suggestIds(
        field.key,
        codes.map((id) => ({ id })),
        1,
      );
      problems.push({
        code: 'schema',
        severity: 'warning',
        span: field.keySpan,
        message: `\`${field.key}\` is not a diagnostic code${suggestion ? `; did you mean \`${suggestion}\`` : ''}. Known codes: ${codes.join(', ')}.`,
      });
      continue;
    }
    const value = isScalar(field.value) ? String(field.value.value) : undefined;
    if (value === 'false') rules.set(field.key, 'off');
    else if (value && (SEVERITY_NAMES as readonly string[]).includes(value)) rules.set(field.key, value as RuleSetting);
    else problems.push(schemaError(field.valueSpan, `The rule for \`${field.key}\` must be one of ${SEVERITY_NAMES.join(', ')}.`));
  }
}

function titleCase(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
