import { compareAllocated, compareText } from './ids';
import { DnaOffsets } from './offsets';
import { DNA_ADMIN_COLOR, DNA_ATTRIBUTE_VARIABLES, DNA_DEFAULTS, DNA_MAX_SHORT_TEXT, DNA_STATEMENT_COLOR } from './schema';
import type { DnaAttributeValue, DnaEntity, DnaNumberValue, DnaShortTextValue, DnaStatement, DnaTables } from './types';

/**
 * Standpoint corpus → DNA database rows, as a pure function of plain data.
 * The input is what a corpus says once its files are resolved: article
 * texts, the codebook, and per annotation file its coder, document facts
 * and annotations with the article ranges of their sentence and quote.
 */

export interface DnaExportInput {
  readonly articles: readonly DnaExportArticle[];
  readonly codebook: DnaExportCodebook;
  readonly files: readonly DnaExportFile[];
}

export interface DnaExportArticle {
  /** The article's path relative to the corpus (`/` separators); files refer to it by this. */
  readonly path: string;
  /** The article's text as Standpoint reads it (after a BOM); offsets below index it in UTF-16 code units. */
  readonly text: string;
}

export interface DnaExportCodebook {
  readonly actors: readonly { readonly id: string; readonly name: string; readonly type?: string; readonly affiliation?: string; readonly aliases?: readonly string[] }[];
  readonly topics: readonly { readonly id: string; readonly label: string; readonly description?: string }[];
  /** The stance vocabulary in use (the codebook's `stances`, else the default one). */
  readonly stances: readonly { readonly id: string; readonly label: string; readonly polarity: number }[];
}

export interface DnaExportFile {
  /** The annotation file's path (for messages). */
  readonly path: string;
  /** The article's path, as in `articles`. */
  readonly article: string;
  readonly coder?: string;
  readonly document?: { readonly title?: string; readonly date?: string; readonly author?: string; readonly source?: string; readonly section?: string };
  readonly annotations: readonly DnaExportAnnotation[];
}

export interface DnaExportAnnotation {
  /** 1-based index in the file (for messages). */
  readonly index: number;
  /** The resolved sentence: UTF-16 offsets into the article text. */
  readonly sentence: { readonly start: number; readonly end: number };
  /** Where the quote was found in that sentence, if the annotation has one. */
  readonly quote?: { readonly start: number; readonly end: number };
  readonly actors: readonly string[];
  readonly stances: readonly { readonly actor: string; readonly toward: string; readonly stance: string }[];
  readonly note?: string;
}

export interface DnaExportSummary {
  readonly documents: number;
  readonly statements: number;
  readonly coders: readonly string[];
  readonly entities: { readonly persons: number; readonly organizations: number; readonly concepts: number };
  /** How stances became DNA's qualifier variable. */
  readonly qualifier: { readonly variable: string; readonly dataType: 'boolean' | 'integer'; readonly values: readonly { readonly stance: string; readonly value: number }[] };
  /** Stances or annotations not written, with why. */
  readonly leftOut: readonly { readonly file: string; readonly annotation: number; readonly reason: string }[];
  /** Approximations, one line each. */
  readonly notes: readonly string[];
}

/** What an imported annotation's note says (importMapping.ts `dnaNote` writes it). */
export interface DnaNote {
  readonly statementId?: number;
  readonly span?: { readonly start: number; readonly stop: number };
  readonly noOrganization: boolean;
  /** `<variable> = <n>`: the qualifier of a statement that has no stance in the corpus. */
  readonly qualifier?: { readonly variable: string; readonly value: number };
}

export function parseDnaNote(note: string | undefined): DnaNote {
  if (!note) return { noOrganization: false };
  const id = /\bDNA statement (\d+)/.exec(note);
  const span = /\bcharacters (\d+)\s*[–-]\s*(\d+)/.exec(note);
  const qualifier = /,\s*([^,=]+?) = (-?\d+)(?:,|$)/.exec(note);
  return {
    statementId: id ? Number(id[1]) : undefined,
    span: span ? { start: Number(span[1]), stop: Number(span[2]) } : undefined,
    noOrganization: /\bno organization\b/.test(note),
    qualifier: qualifier ? { variable: qualifier[1], value: Number(qualifier[2]) } : undefined,
  };
}

const LABELLED_VALUE = /^(.+) = (-?\d+)$/;

interface Qualifier {
  readonly variable: string;
  readonly dataType: 'boolean' | 'integer';
  readonly valueOf: ReadonlyMap<string, number>;
  /** For a statement without a stance. */
  readonly fallback: number;
}

/**
 * The qualifier DNA gets. A vocabulary an import wrote for an integer
 * variable (labels `agreement = 2`) goes back to that variable and values.
 * Otherwise polarities ±1 only → boolean `agreement` (1 for, 0 against), as
 * DNA's default layout; any other polarity → integer `agreement` with the
 * polarities scaled to whole numbers.
 */
function chooseQualifier(stances: DnaExportCodebook['stances'], used: ReadonlySet<string>): Qualifier {
  const labelled = stances.map((s) => LABELLED_VALUE.exec(s.label));
  if (stances.length && labelled.every((m) => m && m[1] === labelled[0]![1])) {
    const valueOf = new Map(stances.map((s, i) => [s.id, Number(labelled[i]![2])]));
    return { variable: labelled[0]![1], dataType: 'integer', valueOf, fallback: Math.min(...valueOf.values()) };
  }
  const inUse = stances.filter((s) => used.has(s.id));
  if (inUse.every((s) => s.polarity === 1 || s.polarity === -1)) {
    return { variable: DNA_DEFAULTS.qualifier, dataType: 'boolean', valueOf: new Map(stances.map((s) => [s.id, s.polarity > 0 ? 1 : 0])), fallback: 1 };
  }
  let factor = 100;
  for (let k = 1; k <= 100; k++) {
    if (stances.every((s) => Math.abs(s.polarity * k - Math.round(s.polarity * k)) < 1e-9)) {
      factor = k;
      break;
    }
  }
  const valueOf = new Map(stances.map((s) => [s.id, Math.round(s.polarity * factor)]));
  return { variable: DNA_DEFAULTS.qualifier, dataType: 'integer', valueOf, fallback: 0 };
}

/** Code points, as SQLite's LENGTH counts them. */
function truncate(text: string, max = DNA_MAX_SHORT_TEXT): string {
  const points = Array.from(text);
  return points.length > max ? points.slice(0, max).join('') : text;
}

/**
 * DNA dates: a date or date-time written in the corpus, as seconds since 1970
 * of that wall-clock time read as UTC (DNA has no time zones: an offset
 * written after the time is dropped, so DNA shows the time as written).
 */
export function dnaDate(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d)); // not Date.UTC, which reads years 0–99 as 1900–1999
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return Math.floor(date.getTime() / 1000);
}

export function buildDnaTables(input: DnaExportInput): { tables: DnaTables; summary: DnaExportSummary } {
  const notes: string[] = [];
  const leftOut: { file: string; annotation: number; reason: string }[] = [];
  const actors = new Map(input.codebook.actors.map((a) => [a.id, a]));
  const topics = new Map(input.codebook.topics.map((t) => [t.id, t]));
  const stanceIds = new Set(input.codebook.stances.map((s) => s.id));
  const isPerson = (id: string) => actors.get(id)?.type === 'person';

  // Articles: in the order the import handed out their names (so a second import names them alike).
  const articles = new Map(input.articles.map((a) => [a.path, a]));
  const files = [...input.files].filter((file) => {
    if (articles.has(file.article)) return true;
    leftOut.push({ file: file.path, annotation: 0, reason: `its article ${file.article} was not given` });
    return false;
  });
  const articleOrder = [...articles.keys()].sort(compareAllocated);

  // Coders: `admin` (DNA's first coder) and files without a coder are coder 1.
  const coderIds = new Map<string, number>();
  const coderKey = (coder: string | undefined) => (!coder || coder.toLowerCase() === 'admin' ? 'Admin' : coder);
  const coderNames = [...new Set(files.map((f) => coderKey(f.coder)).filter((c) => c !== 'Admin'))].sort(compareText);
  const coders: DnaTables['coders'][number][] = [{ id: 1, name: 'Admin', color: [...DNA_ADMIN_COLOR] as [number, number, number] }];
  coderIds.set('Admin', 1);
  for (const name of coderNames) {
    const id = coders.length + 1;
    coderIds.set(name, id);
    coders.push({ id, name: truncate(name), color: CODER_COLORS[(id - 2) % CODER_COLORS.length] });
  }

  // Which stances are used decides boolean or integer.
  const used = new Set<string>();
  for (const file of files) for (const annotation of file.annotations) for (const stance of annotation.stances) used.add(stance.stance);
  const qualifier = chooseQualifier(input.codebook.stances, used);

  const variables = [
    { id: 1, name: DNA_DEFAULTS.actor, dataType: 'short text', statementTypeId: 1 },
    { id: 2, name: DNA_DEFAULTS.affiliation, dataType: 'short text', statementTypeId: 1 },
    { id: 3, name: DNA_DEFAULTS.target, dataType: 'short text', statementTypeId: 1 },
    { id: 4, name: truncate(qualifier.variable), dataType: qualifier.dataType, statementTypeId: 1 },
  ];
  const [PERSON, ORGANIZATION, CONCEPT, QUALIFIER] = [1, 2, 3, 4];
  // DNA's order: Type of each variable, then Alias of each, then Notes of each (Sql.createTables).
  const attributeVariables = DNA_ATTRIBUTE_VARIABLES.flatMap((name, k) => [PERSON, ORGANIZATION, CONCEPT].map((variableId, i) => ({ id: k * 3 + i + 1, variableId, name })));
  const attributeId = (variableId: number, name: string) => attributeVariables.find((a) => a.variableId === variableId && a.name === name)!.id;

  // Entities: persons, other actors as organisations, topics as concepts. DNA names are unique per variable.
  const entities: DnaEntity[] = [];
  const attributeValues: DnaAttributeValue[] = [];
  const entityIds = new Map<string, number>();
  const renamed: string[] = [];
  const addEntity = (variableId: number, name: string, attributes: Partial<Record<(typeof DNA_ATTRIBUTE_VARIABLES)[number], string>> = {}, label?: string): number => {
    let value = truncate(name.trim() || label || '');
    const key = (v: string) => `${variableId}\u0000${v}`;
    if (entityIds.has(key(value))) {
      if (label === undefined) return entityIds.get(key(value))!;
      // Keep the suffix whole when the name has to be shortened, so the new name is free.
      const suffix = ` (${label})`;
      value = `${truncate(name, Math.max(1, DNA_MAX_SHORT_TEXT - Array.from(suffix).length))}${suffix}`;
      for (let n = 2; entityIds.has(key(value)); n++) value = `${truncate(name, DNA_MAX_SHORT_TEXT - Array.from(suffix).length - String(n).length - 1)} (${label} ${n})`;
      renamed.push(`"${name}" → "${value}"`);
    }
    const id = entities.length + 1;
    entities.push({ id, variableId, value, childOf: null });
    entityIds.set(key(value), id);
    // DNA gives every entity, the empty one too, a value for each attribute (Sql.addStatement).
    for (const attribute of DNA_ATTRIBUTE_VARIABLES) attributeValues.push({ entityId: id, attributeVariableId: attributeId(variableId, attribute), value: truncate(attributes[attribute] ?? '') });
    return id;
  };
  const actorEntity = new Map<string, { variable: number; entity: number }>();
  const sortedActors = [...input.codebook.actors].sort((a, b) => compareText(a.id, b.id));
  for (const actor of sortedActors.filter((a) => isPerson(a.id))) {
    actorEntity.set(actor.id, { variable: PERSON, entity: addEntity(PERSON, actor.name, { Alias: (actor.aliases ?? []).join('; ') }, actor.id) });
  }
  for (const actor of sortedActors.filter((a) => !isPerson(a.id))) {
    actorEntity.set(actor.id, { variable: ORGANIZATION, entity: addEntity(ORGANIZATION, actor.name, { Type: actor.type ?? '', Alias: (actor.aliases ?? []).join('; ') }, actor.id) });
  }
  const topicEntity = new Map<string, number>();
  for (const topic of [...input.codebook.topics].sort((a, b) => compareText(a.id, b.id))) {
    topicEntity.set(topic.id, addEntity(CONCEPT, topic.label, { Notes: topic.description ?? '' }, topic.id));
  }
  if (renamed.length) notes.push(`DNA names are unique per variable, so ${renamed.length} ${renamed.length === 1 ? 'entity was' : 'entities were'} renamed: ${renamed.join(', ')}`);
  const emptyEntity = (variableId: number) => addEntity(variableId, '');

  // Documents.
  const documents: DnaTables['documents'][number][] = [];
  const documentIds = new Map<string, number>();
  for (const articlePath of articleOrder) {
    const own = files.filter((f) => f.article === articlePath).sort((a, b) => compareText(a.coder ?? '', b.coder ?? '') || compareText(a.path, b.path));
    const fact = (key: 'title' | 'date' | 'author' | 'source' | 'section') => own.map((f) => f.document?.[key]).find((v) => v !== undefined && v !== '');
    const fallbackTitle = articlePath.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
    const date = fact('date');
    const seconds = dnaDate(date);
    if (date !== undefined && seconds === undefined) notes.push(`${articlePath}: date "${date}" is not an ISO 8601 date; DNA gets 1970-01-01`);
    const id = documents.length + 1;
    documentIds.set(articlePath, id);
    documents.push({
      id,
      title: truncate(fact('title') ?? fallbackTitle),
      text: articles.get(articlePath)!.text,
      coder: coderIds.get(coderKey(own[0]?.coder)) ?? 1,
      author: truncate(fact('author') ?? ''),
      source: truncate(fact('source') ?? ''),
      section: truncate(fact('section') ?? ''),
      notes: '',
      type: '',
      date: seconds ?? 0,
    });
  }

  // Statements: one per stance (an annotation without stances: one with its actors and no concept).
  interface Draft {
    claimed?: number;
    statement: Omit<DnaStatement, 'id'>;
    person: number;
    organization: number;
    concept: number;
    qualifier: number;
  }
  const drafts: Draft[] = [];
  let towardActors = 0;
  const orderedFiles = [...files].sort((a, b) => compareAllocated(a.article, b.article) || compareText(a.path, b.path));
  for (const file of orderedFiles) {
    const article = articles.get(file.article)!;
    const offsets = new DnaOffsets(article.text);
    for (const annotation of file.annotations) {
      const note = parseDnaNote(annotation.note);
      const span = spanOf(annotation, note, offsets, article.text.length);
      if (!span) {
        leftOut.push({ file: file.path, annotation: annotation.index, reason: 'it points at no text' });
        continue;
      }
      const base = { statementTypeId: 1, documentId: documentIds.get(file.article)!, start: span.start, stop: span.stop, coder: coderIds.get(coderKey(file.coder)) ?? 1 };
      const organizationFor = (actor: string | undefined): string | undefined => {
        if (note.noOrganization) return undefined;
        const candidates = annotation.actors.filter((id) => id !== actor && actors.has(id) && !isPerson(id));
        const affiliation = actor ? actors.get(actor)?.affiliation : undefined;
        if (affiliation && candidates.includes(affiliation)) return affiliation;
        if (candidates.length === 1 && (actor === undefined || isPerson(actor))) return candidates[0];
        return affiliation && actors.has(affiliation) ? affiliation : undefined;
      };
      const entityOf = (actor: string | undefined, variable: number) => {
        const found = actor === undefined ? undefined : actorEntity.get(actor);
        return found && found.variable === variable ? found.entity : emptyEntity(variable);
      };
      let claimed = note.statementId;
      if (annotation.stances.length === 0) {
        const person = annotation.actors.find((id) => isPerson(id));
        const organization = person ? organizationFor(person) : annotation.actors.find((id) => actors.has(id) && !isPerson(id));
        const noted = note.qualifier && note.qualifier.variable === qualifier.variable ? note.qualifier.value : undefined;
        drafts.push({
          claimed,
          statement: base,
          person: entityOf(person, PERSON),
          organization: entityOf(organization, ORGANIZATION),
          concept: emptyEntity(CONCEPT),
          qualifier: noted ?? qualifier.fallback,
        });
        continue;
      }
      for (const stance of annotation.stances) {
        const problem = !actors.has(stance.actor)
          ? `unknown actor \`${stance.actor}\``
          : !topics.has(stance.toward) && !actors.has(stance.toward)
            ? `unknown target \`${stance.toward}\``
            : !stanceIds.has(stance.stance)
              ? `unknown stance \`${stance.stance}\``
              : undefined;
        if (problem) {
          leftOut.push({ file: file.path, annotation: annotation.index, reason: `a stance names an ${problem}` });
          continue;
        }
        const person = isPerson(stance.actor) ? stance.actor : undefined;
        const organization = person ? organizationFor(person) : stance.actor;
        let concept = topicEntity.get(stance.toward);
        if (concept === undefined) {
          // A stance toward an actor: DNA's concept variable gets the actor's name.
          concept = addEntity(CONCEPT, actors.get(stance.toward)!.name);
          towardActors++;
        }
        drafts.push({ claimed, statement: base, person: entityOf(person, PERSON), organization: entityOf(organization, ORGANIZATION), concept, qualifier: qualifier.valueOf.get(stance.stance)! });
        claimed = undefined; // an annotation's DNA id goes to its first stance only
      }
    }
  }
  if (towardActors) notes.push(`${towardActors} ${towardActors === 1 ? 'stance is' : 'stances are'} toward an actor: DNA's concept variable holds the actor's name`);

  // Statement ids: those the notes of an import keep, when unique; new ones after the largest.
  const taken = new Set<number>();
  for (const draft of drafts) {
    if (draft.claimed !== undefined && draft.claimed > 0 && !taken.has(draft.claimed)) taken.add(draft.claimed);
    else draft.claimed = undefined;
  }
  let next = Math.max(0, ...taken) + 1;
  const statements: DnaStatement[] = [];
  const shortText: DnaShortTextValue[] = [];
  const numbers: DnaNumberValue[] = [];
  for (const draft of drafts) {
    const id = draft.claimed ?? next++;
    statements.push({ id, ...draft.statement });
    shortText.push(
      { statementId: id, variableId: PERSON, entity: draft.person },
      { statementId: id, variableId: ORGANIZATION, entity: draft.organization },
      { statementId: id, variableId: CONCEPT, entity: draft.concept },
    );
    numbers.push({ statementId: id, variableId: QUALIFIER, value: draft.qualifier });
  }
  statements.sort((a, b) => a.id - b.id);

  const count = (variable: number) => entities.filter((e) => e.variableId === variable && e.value !== '').length;
  // A boolean holds only for and against; the other stances are unused (else the qualifier would be an integer).
  const values = input.codebook.stances.filter((s) => qualifier.dataType === 'integer' || s.polarity === 1 || s.polarity === -1).map((s) => ({ stance: s.id, value: qualifier.valueOf.get(s.id)! }));
  return {
    tables: {
      coders,
      documents,
      statementTypes: [{ id: 1, label: DNA_DEFAULTS.statementType, color: [...DNA_STATEMENT_COLOR] as [number, number, number] }],
      variables,
      entities,
      attributeVariables,
      attributeValues,
      statements,
      shortText,
      booleans: qualifier.dataType === 'boolean' ? numbers : [],
      integers: qualifier.dataType === 'integer' ? numbers : [],
    },
    summary: {
      documents: documents.length,
      statements: statements.length,
      coders: coders.map((c) => c.name),
      entities: { persons: count(PERSON), organizations: count(ORGANIZATION), concepts: count(CONCEPT) },
      qualifier: { variable: qualifier.variable, dataType: qualifier.dataType, values },
      leftOut,
      notes,
    },
  };
}

/**
 * The DNA span of an annotation: the span its note keeps (an imported
 * statement over several sentences, or selected with spaces around it) when
 * that still fits the annotation, else the quote, else the sentence.
 */
function spanOf(annotation: DnaExportAnnotation, note: DnaNote, offsets: DnaOffsets, textLength: number): { start: number; stop: number } | undefined {
  const fits = (start: number, end: number) => 0 <= start && start < end && end <= textLength;
  if (note.span && note.span.start < note.span.stop && note.span.stop <= offsets.dnaLength) {
    const start = offsets.standpointFromDna(note.span.start);
    const end = offsets.standpointFromDna(note.span.stop);
    const inner = annotation.quote ?? annotation.sentence;
    // Still about this annotation: it holds the quote (or meets the sentence) and starts no later than the sentence's end.
    const holds = annotation.quote ? start <= inner.start && inner.end <= end : start < annotation.sentence.end && end > annotation.sentence.start;
    if (holds && start < annotation.sentence.end) return note.span;
  }
  const range = annotation.quote ?? annotation.sentence;
  if (!fits(range.start, range.end)) return undefined;
  const span = { start: offsets.dnaFromStandpoint(range.start), stop: offsets.dnaFromStandpoint(range.end) };
  // DNA requires Start < Stop (a range holding only a line end's CR would be empty in DNA's units).
  return span.start < span.stop ? span : undefined;
}

/** Distinct colours for coders after Admin (DNA shows each coder's statements in their colour). */
const CODER_COLORS: readonly (readonly [number, number, number])[] = [
  [66, 135, 245],
  [230, 97, 1],
  [94, 60, 153],
  [27, 158, 119],
  [217, 95, 2],
  [231, 41, 138],
  [102, 166, 30],
  [166, 118, 29],
];
