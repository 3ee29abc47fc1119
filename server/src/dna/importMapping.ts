import { segmentSentences, sentenceIndexAt, type SentenceSpan } from '../service/segmentation';
import { findQuote } from '../service/text/quoteMatch';
import { stripBom } from '../service/text/decode';
import { DNA_DEFAULTS } from './schema';
import { compareText, IdAllocator, slugBase } from './ids';
import { DnaOffsets } from './offsets';
import { fields, idList, scalar } from './yamlWrite';
import { DnaOptionError, type DnaDocument, type DnaEntity, type DnaMetadata, type DnaStatement, type DnaVariable } from './types';

/**
 * DNA database → Standpoint corpus, as pure functions: `planImport` decides
 * every id, file name and the codebook from the metadata; `renderDocument`
 * writes one document's article and annotation files from its text. The
 * caller reads texts one at a time, so memory stays bounded.
 */

export interface DnaImportOptions {
  /** STATEMENTTYPES.Label of the statements to import. */
  readonly statementType: string;
  /** Short-text variable whose entities are the actors taking stances (persons). */
  readonly actor: string;
  /** Short-text variable of the actors' organisations; null: none. */
  readonly affiliation: string | null;
  /** Short-text variable of the targets (topics). */
  readonly target: string;
  /** Boolean or integer variable of the stance; null: none (every stance `neutral`). */
  readonly qualifier: string | null;
}

export const DEFAULT_IMPORT_OPTIONS: DnaImportOptions = { ...DNA_DEFAULTS };

/** Actor types a DNA `Type` attribute of an organisation may name (persons stay persons: their statements carry their organisation). */
const ORGANIZATION_TYPES = ['state', 'organization', 'group', 'media', 'other'];

export interface SkippedStatement {
  readonly id: number;
  readonly document: string;
  readonly reason: string;
}

export interface SeveralOrganizations {
  readonly person: string;
  /** The organisation chosen as the person's `affiliation`: the one coded most often with them (ties: first by name). */
  readonly chosen: string;
  /** The others, with how many statements name each. */
  readonly others: readonly { readonly name: string; readonly statements: number }[];
}

export interface DnaImportSummary {
  readonly version: string;
  readonly statementType: string;
  readonly documents: number;
  readonly annotationFiles: number;
  readonly statements: {
    readonly total: number;
    readonly imported: number;
    readonly otherTypes: readonly { readonly type: string; readonly count: number }[];
    readonly skipped: readonly SkippedStatement[];
  };
  readonly entities: { readonly persons: number; readonly organizations: number; readonly topics: number };
  /** Coder names as in DNA, each with the `coder:` id it became. */
  readonly coders: readonly { readonly name: string; readonly id: string }[];
  readonly qualifier: 'boolean' | 'integer' | 'none';
  readonly approximations: {
    readonly severalOrganizations: readonly SeveralOrganizations[];
    /** Statements whose span runs over more than one sentence: placed on the first; the note keeps the span. */
    readonly overSeveralSentences: number;
    /** Statements whose span is not exactly the sentence or the quote (e.g. selected with surrounding spaces): the note keeps it. */
    readonly spanInNote: number;
  };
  /** What the corpus cannot hold, one line each. */
  readonly notCarried: readonly string[];
}

/** One DNA statement of the imported type, its values already turned into codebook ids. */
interface PlannedStatement {
  readonly id: number;
  readonly start: number;
  readonly stop: number;
  readonly person?: string;
  readonly organization?: string;
  readonly target?: string;
  readonly stance?: string;
  /** The person has an affiliation but this statement names no organisation. */
  readonly noOrganization: boolean;
  /** The qualifier's value, kept in the note when the statement has no stance to carry it. */
  readonly qualifier?: { readonly variable: string; readonly value: number };
}

interface PlannedFile {
  readonly path: string;
  readonly coder?: string;
  readonly statements: PlannedStatement[];
}

export interface PlannedDocument {
  readonly dnaId: number;
  readonly title: string;
  /** Path of the article in the corpus, e.g. `articles/clean-air.txt`. */
  readonly article: string;
  readonly files: readonly PlannedFile[];
  readonly header: readonly (readonly [string, string | undefined])[];
}

export interface ImportPlan {
  readonly codebook: string;
  readonly documents: readonly PlannedDocument[];
  /** The summary before the texts are read (skipped statements and span counts are added per document). */
  readonly summary: DnaImportSummary;
}

export interface RenderedDocument {
  readonly files: readonly { readonly path: string; readonly content: string }[];
  readonly imported: number;
  readonly skipped: readonly SkippedStatement[];
  readonly overSeveralSentences: number;
  readonly spanInNote: number;
}

interface ActorInfo {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  affiliation?: string;
  readonly aliases: readonly string[];
}

/** Decides the corpus: ids, file names, the codebook and the summary. Throws DnaOptionError for options the database cannot satisfy. */
export function planImport(meta: DnaMetadata, options: DnaImportOptions = DEFAULT_IMPORT_OPTIONS): ImportPlan {
  const type = findStatementType(meta, options.statementType);
  const variablesOfType = meta.variables.filter((v) => v.statementTypeId === type.id);
  const variable = (name: string, role: 'actor' | 'affiliation' | 'target' | 'qualifier', types: readonly string[]): DnaVariable => {
    const found = variablesOfType.find((v) => v.name === name);
    const available = variablesOfType.map((v) => `${v.name} (${v.dataType})`).join(', ') || 'none';
    const allowsNone = role === 'affiliation' || role === 'qualifier';
    const choices = variablesOfType.filter((v) => types.includes(v.dataType)).map((v) => v.name);
    if (!found)
      throw new DnaOptionError(
        `Statement type "${type.label}" has no variable "${name}" for the ${role}; its variables: ${available}. Choose one with --${role} VAR${allowsNone ? ` (or --${role} none)` : ''}.`,
        role,
        choices,
        allowsNone,
      );
    if (!types.includes(found.dataType))
      throw new DnaOptionError(`Variable "${name}" of statement type "${type.label}" is ${found.dataType}, but the ${role} must be ${types.join(' or ')}.`, role, choices, allowsNone);
    return found;
  };
  const actorVar = variable(options.actor, 'actor', ['short text']);
  const affiliationVar = options.affiliation === null ? undefined : variable(options.affiliation, 'affiliation', ['short text']);
  const targetVar = variable(options.target, 'target', ['short text']);
  const qualifierVar = options.qualifier === null ? undefined : variable(options.qualifier, 'qualifier', ['boolean', 'integer']);
  const usedVariables = new Set([actorVar.id, affiliationVar?.id, targetVar.id, qualifierVar?.id].filter((id): id is number => id !== undefined));

  const notCarried: string[] = [];
  const entitiesById = new Map(meta.entities.map((e) => [e.id, e]));
  const usable = (entity: DnaEntity | undefined) => (entity && entity.value.trim() ? entity : undefined);

  // Attributes: Alias → aliases, a concept's Notes → description, an organisation's Type → its actor type if it names one.
  const attributeNames = new Map(meta.attributeVariables.map((a) => [a.id, a.name]));
  const attributes = new Map<number, Map<string, string>>();
  for (const value of meta.attributeValues) {
    const name = attributeNames.get(value.attributeVariableId);
    if (name === undefined || !value.value.trim()) continue;
    let map = attributes.get(value.entityId);
    if (!map) attributes.set(value.entityId, (map = new Map()));
    map.set(name, value.value);
  }

  const statements = meta.statements.filter((s) => s.statementTypeId === type.id);
  const statementIds = new Set(statements.map((s) => s.id));
  const valuesOf = new Map<number, Map<number, number>>();
  for (const row of meta.shortText) {
    if (!statementIds.has(row.statementId)) continue;
    let map = valuesOf.get(row.statementId);
    if (!map) valuesOf.set(row.statementId, (map = new Map()));
    map.set(row.variableId, row.entity);
  }
  const qualifierRows = new Map<number, number>();
  if (qualifierVar) {
    for (const row of qualifierVar.dataType === 'boolean' ? meta.booleans : meta.integers) {
      if (row.variableId === qualifierVar.id && statementIds.has(row.statementId)) qualifierRows.set(row.statementId, row.value);
    }
  }

  // Actors and topics: every entity of the three variables (not only those used), ids from names.
  const roleEntities = (v: DnaVariable | undefined) =>
    v ? meta.entities.filter((e) => e.variableId === v.id && usable(e)).sort((a, b) => compareText(slugBase(a.value), slugBase(b.value)) || compareText(a.value, b.value)) : [];
  const persons = roleEntities(actorVar);
  const organizations = roleEntities(affiliationVar);
  const targets = roleEntities(targetVar);
  const blankNames = meta.entities.filter((e) => usedVariables.has(e.variableId) && e.value && !e.value.trim()).length;
  if (blankNames)
    notCarried.push(
      `${blankNames} ${plural(blankNames, 'entity', 'entities')} whose name is only white space (statements that use ${blankNames === 1 ? 'it' : 'them'} are imported without that value)`,
    );

  const ids = new IdAllocator();
  const idOf = new Map<number, string>();
  const actors = new Map<string, ActorInfo>();
  const aliasesOf = (entity: DnaEntity) => {
    const alias = attributes.get(entity.id)?.get('Alias');
    return alias ? [alias] : [];
  };
  for (const entity of persons) {
    const id = ids.allocate(entity.value, 'person');
    idOf.set(entity.id, id);
    actors.set(id, { id, name: entity.value, type: 'person', aliases: aliasesOf(entity) });
  }
  for (const entity of organizations) {
    const id = ids.allocate(entity.value, 'organization');
    idOf.set(entity.id, id);
    const typeAttribute = attributes.get(entity.id)?.get('Type')?.trim().toLowerCase();
    const actorType = typeAttribute && ORGANIZATION_TYPES.includes(typeAttribute) ? typeAttribute : 'organization';
    actors.set(id, { id, name: entity.value, type: actorType, aliases: aliasesOf(entity) });
  }
  const topics = new Map<string, { label: string; description?: string }>();
  for (const entity of targets) {
    const id = ids.allocate(entity.value, 'topic');
    idOf.set(entity.id, id);
    topics.set(id, { label: entity.value, description: attributes.get(entity.id)?.get('Notes') });
  }

  // What the attributes say beyond aliases, descriptions and organisation types.
  const unusedAttributes = new Map<string, number>();
  for (const [entityId, map] of attributes) {
    const entity = entitiesById.get(entityId);
    if (!entity || !idOf.has(entityId)) continue;
    for (const [name, value] of map) {
      const used =
        name === 'Alias' ||
        (name === 'Notes' && entity.variableId === targetVar.id) ||
        (name === 'Type' && entity.variableId === affiliationVar?.id && ORGANIZATION_TYPES.includes(value.trim().toLowerCase()));
      if (!used) unusedAttributes.set(name, (unusedAttributes.get(name) ?? 0) + 1);
    }
  }
  if (unusedAttributes.size) {
    const list = [...unusedAttributes]
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, n]) => `${name} (${n})`)
      .join(', ');
    notCarried.push(`entity attributes: ${list}`);
  }
  const children = meta.entities.filter((e) => e.childOf !== null && idOf.has(e.id)).length;
  if (children) notCarried.push(`the entity hierarchy (ChildOf) of ${children} ${plural(children, 'entity', 'entities')}`);

  // Stance vocabulary.
  let stanceOf: (statementId: number) => string;
  let stancesYaml = '';
  let qualifier: DnaImportSummary['qualifier'] = 'none';
  if (!qualifierVar) {
    stanceOf = () => 'neutral';
  } else if (qualifierVar.dataType === 'boolean') {
    qualifier = 'boolean';
    // DNA stores 1 (yes) and 0 (no); a statement without a row has DNA's column default, 1.
    stanceOf = (id) => ((qualifierRows.get(id) ?? 1) !== 0 ? 'supports' : 'opposes');
  } else {
    qualifier = 'integer';
    const values = [...new Set(statements.map((s) => qualifierRows.get(s.id) ?? 0))].sort((a, b) => a - b);
    const min = values[0];
    const max = values[values.length - 1];
    const prefix = slugBase(qualifierVar.name) || 'value';
    const idFor = (v: number) => `${prefix}-${v < 0 ? `minus-${-v}` : v}`;
    stanceOf = (id) => idFor(qualifierRows.get(id) ?? 0);
    if (values.length) {
      stancesYaml = 'stances:\n';
      for (const v of values) {
        // Polarities scaled to -1…1, so Standpoint's |p − p'| / range equals DNA's |q − q'| / (max − min).
        const polarity = max === min ? 0 : -1 + (2 * (v - min)) / (max - min);
        stancesYaml += `  ${idFor(v)}:\n${fields(4, [
          ['label', `${qualifierVar.name} = ${v}`],
          ['polarity', polarity],
        ])}`;
      }
    }
  }

  // Each statement's values; each person's organisations.
  const organizationCounts = new Map<string, Map<string, number>>();
  const planned = new Map<number, PlannedStatement>();
  const valueMissing = new Map<string, number>();
  for (const statement of statements) {
    const values = valuesOf.get(statement.id);
    const entityId = (v: DnaVariable | undefined) => (v ? values?.get(v.id) : undefined);
    const person = idOf.get(entityId(actorVar) ?? -1);
    const organization = idOf.get(entityId(affiliationVar) ?? -1);
    const target = idOf.get(entityId(targetVar) ?? -1);
    for (const [v, value] of [
      [actorVar, person],
      [targetVar, target],
      [affiliationVar, organization],
    ] as const) {
      const raw = entityId(v);
      if (v && raw !== undefined && value === undefined && !entitiesById.has(raw)) {
        valueMissing.set(v.name, (valueMissing.get(v.name) ?? 0) + 1);
      }
    }
    if (person && organization) {
      let counts = organizationCounts.get(person);
      if (!counts) organizationCounts.set(person, (counts = new Map()));
      counts.set(organization, (counts.get(organization) ?? 0) + 1);
    }
    planned.set(statement.id, {
      id: statement.id,
      start: statement.start,
      stop: statement.stop,
      person,
      organization,
      target,
      stance: stanceOf(statement.id),
      noOrganization: false,
      qualifier: qualifierVar ? { variable: qualifierVar.name, value: qualifierRows.get(statement.id) ?? (qualifierVar.dataType === 'boolean' ? 1 : 0) } : undefined,
    });
  }
  if (qualifierVar && statements.some((s) => !qualifierRows.has(s.id))) {
    const n = statements.filter((s) => !qualifierRows.has(s.id)).length;
    notCarried.push(`${n} ${plural(n, 'statement has', 'statements have')} no ${qualifierVar.name} value; DNA's default (${qualifierVar.dataType === 'boolean' ? '1, supports' : '0'}) was used`);
  }

  const severalOrganizations: SeveralOrganizations[] = [];
  for (const [person, counts] of [...organizationCounts].sort(([a], [b]) => compareText(a, b))) {
    const ranked = [...counts].sort(([a, n], [b, m]) => m - n || compareText(actors.get(a)!.name, actors.get(b)!.name));
    actors.get(person)!.affiliation = ranked[0][0];
    if (ranked.length > 1) {
      severalOrganizations.push({
        person: actors.get(person)!.name,
        chosen: actors.get(ranked[0][0])!.name,
        others: ranked.slice(1).map(([org, n]) => ({ name: actors.get(org)!.name, statements: n })),
      });
    }
  }
  for (const [id, statement] of planned) {
    if (statement.person && !statement.organization && actors.get(statement.person)?.affiliation) planned.set(id, { ...statement, noOrganization: true });
  }

  // Other variables of the imported type: their values stay behind.
  for (const v of variablesOfType) {
    if (usedVariables.has(v.id)) continue;
    let n: number;
    if (v.dataType === 'short text') n = meta.shortText.filter((r) => r.variableId === v.id && statementIds.has(r.statementId) && entitiesById.get(r.entity)?.value.trim()).length;
    else if (v.dataType === 'long text') n = meta.longTextCounts.get(v.id) ?? 0;
    else n = (v.dataType === 'boolean' ? meta.booleans : meta.integers).filter((r) => r.variableId === v.id && statementIds.has(r.statementId)).length;
    if (n) notCarried.push(`variable "${v.name}" (${v.dataType}) of ${type.label}: ${n} ${plural(n, 'value', 'values')}`);
  }

  // Documents, coders and files.
  const coderNames = new Map(meta.coders.map((c) => [c.id, c.name]));
  const byDocument = new Map<number, DnaStatement[]>();
  const skippedEarly: SkippedStatement[] = [];
  const documentIds = new Set(meta.documents.map((d) => d.id));
  for (const statement of statements) {
    if (statement.documentId === null || !documentIds.has(statement.documentId)) {
      skippedEarly.push({ id: statement.id, document: String(statement.documentId ?? '—'), reason: 'its document does not exist' });
      continue;
    }
    let list = byDocument.get(statement.documentId);
    if (!list) byDocument.set(statement.documentId, (list = []));
    list.push(statement);
  }

  // A document with no statements keeps its facts in a file of the coder who added it.
  const fileCoders = (document: DnaDocument): (number | null)[] => {
    const list = byDocument.get(document.id);
    if (!list) return [document.coder];
    return [...new Set(list.map((s) => s.coder))];
  };
  const coderKey = (id: number | null) => (id === null || !coderNames.has(id) ? null : id);
  const usedCoders = new Set<number>();
  for (const document of meta.documents) for (const coder of fileCoders(document)) if (coderKey(coder) !== null) usedCoders.add(coder!);
  const coderIds = new IdAllocator();
  const coderIdOf = new Map<number, string>();
  for (const id of [...usedCoders].sort((a, b) => compareText(slugBase(coderNames.get(a)!), slugBase(coderNames.get(b)!)) || compareText(coderNames.get(a)!, coderNames.get(b)!) || a - b)) {
    coderIdOf.set(id, coderIds.allocate(coderNames.get(id)!, 'coder'));
  }

  const articleIds = new IdAllocator();
  const sortedDocuments = [...meta.documents].sort(
    (a, b) =>
      compareText(slugBase(a.title), slugBase(b.title)) ||
      compareText(a.title, b.title) ||
      a.date - b.date ||
      compareText(a.author, b.author) ||
      compareText(a.source, b.source) ||
      compareText(a.section, b.section) ||
      a.id - b.id,
  );
  const documents: PlannedDocument[] = [];
  let annotationFiles = 0;
  for (const document of sortedDocuments) {
    const slug = articleIds.allocate(document.title, 'document');
    const files: PlannedFile[] = [];
    for (const coder of fileCoders(document)) {
      const key = coderKey(coder);
      const coderId = key === null ? undefined : coderIdOf.get(key);
      const own = (byDocument.get(document.id) ?? []).filter((s) => coderKey(s.coder) === key);
      files.push({
        path: `annotations/${slug}${coderId ? `.${coderId}` : ''}.stance.yaml`,
        coder: coderId,
        statements: own.map((s) => planned.get(s.id)!).sort((a, b) => a.start - b.start || a.stop - b.stop || a.id - b.id),
      });
    }
    // Two DNA coders without a name in CODERS would share the unnamed file: keep one list.
    const merged = mergeFiles(files);
    annotationFiles += merged.length;
    documents.push({
      dnaId: document.id,
      title: document.title,
      article: `articles/${slug}.txt`,
      files: merged,
      header: [
        ['title', document.title.trim() ? document.title : undefined],
        ['date', isoDate(document.date)],
        ['author', document.author.trim() ? document.author : undefined],
        ['source', document.source.trim() ? document.source : undefined],
        ['section', document.section.trim() ? document.section : undefined],
      ],
    });
  }

  const withNotes = meta.documents.filter((d) => d.notes.trim()).length;
  if (withNotes) notCarried.push(`the notes of ${withNotes} ${plural(withNotes, 'document', 'documents')}`);
  const withType = meta.documents.filter((d) => d.type.trim()).length;
  if (withType) notCarried.push(`the type of ${withType} ${plural(withType, 'document', 'documents')}`);
  const documentCoderLost = meta.documents.filter((d) => byDocument.has(d.id) && coderKey(d.coder) !== null && !fileCoders(d).includes(d.coder)).length;
  if (documentCoderLost) notCarried.push(`which coder added ${documentCoderLost} ${plural(documentCoderLost, 'document', 'documents')} (only the coders of statements are kept)`);
  for (const [name, n] of [...valueMissing].sort(([a], [b]) => compareText(a, b))) notCarried.push(`${n} ${name} ${plural(n, 'value', 'values')} that name no entity`);
  const { regexes, coderRelations, variableLinks } = meta.otherRows;
  if (regexes) notCarried.push(`${regexes} highlighting ${plural(regexes, 'pattern', 'patterns')} (REGEXES)`);
  if (coderRelations) notCarried.push(`${coderRelations} coder ${plural(coderRelations, 'permission', 'permissions')} (CODERRELATIONS)`);
  if (variableLinks) notCarried.push(`${variableLinks} variable ${plural(variableLinks, 'link', 'links')} (VARIABLELINKS)`);

  const otherTypeCounts = new Map<number | null, number>();
  for (const statement of meta.statements) {
    if (statement.statementTypeId !== type.id) otherTypeCounts.set(statement.statementTypeId, (otherTypeCounts.get(statement.statementTypeId) ?? 0) + 1);
  }
  const typeLabels = new Map(meta.statementTypes.map((t) => [t.id, t.label]));
  const otherTypes = [...otherTypeCounts].map(([id, count]) => ({ type: (id !== null && typeLabels.get(id)) || `type ${id ?? 'none'}`, count })).sort((a, b) => compareText(a.type, b.type));

  const summary: DnaImportSummary = {
    version: meta.version,
    statementType: type.label,
    documents: meta.documents.length,
    annotationFiles,
    statements: { total: meta.statements.length, imported: 0, otherTypes, skipped: skippedEarly },
    entities: { persons: persons.length, organizations: organizations.length, topics: targets.length },
    coders: [...coderIdOf].map(([dnaId, id]) => ({ name: coderNames.get(dnaId)!, id })).sort((a, b) => compareText(a.id, b.id)),
    qualifier,
    approximations: { severalOrganizations, overSeveralSentences: 0, spanInNote: 0 },
    notCarried,
  };
  return { codebook: renderCodebook(actors, topics, stancesYaml), documents, summary };
}

function mergeFiles(files: PlannedFile[]): PlannedFile[] {
  const byPath = new Map<string, PlannedFile>();
  for (const file of files) {
    const existing = byPath.get(file.path);
    if (existing) existing.statements.push(...file.statements);
    else byPath.set(file.path, { ...file, statements: [...file.statements] });
  }
  for (const file of byPath.values()) file.statements.sort((a, b) => a.start - b.start || a.stop - b.stop || a.id - b.id);
  return [...byPath.values()].sort((a, b) => compareText(a.path, b.path));
}

function findStatementType(meta: DnaMetadata, label: string) {
  const exact = meta.statementTypes.find((t) => t.label === label);
  if (exact) return exact;
  const folded = meta.statementTypes.filter((t) => t.label.toLowerCase() === label.toLowerCase());
  if (folded.length === 1) return folded[0];
  const available = meta.statementTypes.map((t) => `"${t.label}"`).join(', ') || 'none';
  throw new DnaOptionError(
    `The database has no statement type "${label}"; its statement types: ${available}. Choose one with --statement-type NAME.`,
    'statementType',
    meta.statementTypes.map((t) => t.label),
    false,
  );
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/**
 * DNA's date: a LocalDateTime kept as seconds since 1970 read as UTC. Written
 * as that same wall-clock date (and time unless midnight), without a zone,
 * since DNA has none.
 */
export function isoDate(seconds: number): string | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ (years 0–9999)
  if (!/^\d{4}-/.test(iso)) return undefined;
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}

function renderCodebook(actors: Map<string, ActorInfo>, topics: Map<string, { label: string; description?: string }>, stancesYaml: string): string {
  let out = '# Codebook imported from a DNA database by `standpoint import dna`:\n# persons and organisations are actors, concepts are topics (docs/dna.md).\n\n';
  const people = [...actors.values()].filter((a) => a.type === 'person').sort((a, b) => compareText(a.id, b.id));
  const others = [...actors.values()].filter((a) => a.type !== 'person').sort((a, b) => compareText(a.id, b.id));
  out += actors.size ? 'actors:\n' : 'actors: {}\n';
  for (const [group, heading] of [
    [people, 'persons'],
    [others, 'organisations'],
  ] as const) {
    if (!group.length) continue;
    out += `  # ${heading}\n`;
    for (const actor of group) {
      out += `  ${actor.id}:\n${fields(4, [
        ['name', actor.name],
        ['type', actor.type],
        ['affiliation', actor.affiliation],
      ])}`;
      if (actor.aliases.length) out += `    aliases: ${idList(actor.aliases)}\n`;
    }
  }
  out += topics.size ? '\ntopics:\n' : '\ntopics: {}\n';
  for (const id of [...topics.keys()].sort(compareText)) {
    const topic = topics.get(id)!;
    out += `  ${id}:\n${fields(4, [
      ['label', topic.label],
      ['description', topic.description],
    ])}`;
  }
  if (stancesYaml) out += `\n${stancesYaml}`;
  return out;
}

/** One document's files: the article (its text unchanged) and an annotation file per coder. */
export function renderDocument(document: PlannedDocument, storedText: string): RenderedDocument {
  const offsets = new DnaOffsets(storedText);
  const text = stripBom(storedText);
  // The default segmentation: the one `standpoint check` uses for a file that sets no option.
  const sentences = segmentSentences(text);
  const files = [{ path: document.article, content: storedText }];
  const skipped: SkippedStatement[] = [];
  let imported = 0;
  let overSeveralSentences = 0;
  let spanInNote = 0;
  for (const file of document.files) {
    let body = '';
    for (const statement of file.statements) {
      const placed = place(statement, text, offsets, sentences);
      if ('reason' in placed) {
        skipped.push({ id: statement.id, document: document.title || document.article, reason: placed.reason });
        continue;
      }
      imported++;
      if (placed.sentences > 1) overSeveralSentences++;
      if (!placed.exact) spanInNote++;
      body += renderAnnotation(statement, placed);
    }
    const relativeArticle = `../${document.article}`;
    let content = `article: ${scalar(relativeArticle)}\n`;
    if (file.coder) content += `coder: ${scalar(file.coder)}\n`;
    const header = fields(2, document.header);
    if (header) content += `document:\n${header}`;
    content += body ? `annotations:\n${body}` : 'annotations: []\n';
    files.push({ path: file.path, content });
  }
  return { files, imported, skipped, overSeveralSentences, spanInNote };
}

interface Placement {
  readonly sentence: number;
  readonly quote?: string;
  /** Whether the sentence (or quote) gives back exactly DNA's span. */
  readonly exact: boolean;
  /** How many sentences the span overlaps. */
  readonly sentences: number;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const SPACE = /\s/;

function place(statement: PlannedStatement, text: string, offsets: DnaOffsets, sentences: readonly SentenceSpan[]): Placement | { reason: string } {
  if (statement.start < 0 || statement.stop <= statement.start || statement.stop > offsets.dnaLength) {
    return { reason: `its span ${statement.start}–${statement.stop} lies outside the document's ${offsets.dnaLength} characters` };
  }
  let start = offsets.standpointFromDna(statement.start);
  let end = offsets.standpointFromDna(statement.stop);
  // Never cut a character outside the BMP in half.
  if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;

  // The sentence where the span begins: the one containing its start, else the first after it.
  let index = sentenceIndexAt(sentences, start);
  if (index === -1 || sentences[index].end <= start) index++;
  const sentence = sentences[index];
  if (!sentence || sentence.start >= end) return { reason: `its span ${statement.start}–${statement.stop} holds no sentence (only white space)` };
  let last = index;
  while (last + 1 < sentences.length && sentences[last + 1].start < end) last++;

  let quoteStart = Math.max(start, sentence.start);
  let quoteEnd = Math.min(end, sentence.end);
  while (quoteStart < quoteEnd && SPACE.test(text[quoteStart])) quoteStart++;
  while (quoteEnd > quoteStart && SPACE.test(text[quoteEnd - 1])) quoteEnd--;
  const wholeSentence = (quoteStart === sentence.start && quoteEnd === sentence.end) || quoteStart >= quoteEnd;
  const quote = wholeSentence ? undefined : text.slice(quoteStart, quoteEnd);
  // Where export will find the span again: the quote's first occurrence in the sentence, or the sentence.
  const found = quote === undefined ? sentence : (findQuote(text, quote, sentence.start, sentence.end, 1)[0] ?? sentence);
  return { sentence: sentence.n, quote, exact: found.start === start && found.end === end, sentences: last - index + 1 };
}

export interface DnaNoteParts {
  readonly id: number;
  /** DNA's span, when the sentence or quote does not give it back exactly. */
  readonly span?: { readonly start: number; readonly stop: number };
  readonly sentences: number;
  readonly qualifier?: { readonly variable: string; readonly value: number };
  readonly noOrganization: boolean;
}

/**
 * The note that keeps what the annotation cannot say, e.g. `DNA statement 17,
 * characters 120–245 (over 3 sentences)`; export reads it back
 * (exportMapping.ts `parseDnaNote`).
 */
export function dnaNote(parts: DnaNoteParts): string {
  let note = `DNA statement ${parts.id}`;
  if (parts.span) note += `, characters ${parts.span.start}–${parts.span.stop}`;
  if (parts.sentences > 1) note += ` (over ${parts.sentences} sentences)`;
  if (parts.qualifier) note += `, ${parts.qualifier.variable} = ${parts.qualifier.value}`;
  if (parts.noOrganization) note += ', no organization';
  return note;
}

function renderAnnotation(statement: PlannedStatement, placed: Placement): string {
  let out = `  - sentence: ${placed.sentence}\n`;
  if (placed.quote !== undefined) out += `    quote: ${scalar(placed.quote)}\n`;
  const actors = [statement.person, statement.organization].filter((id): id is string => id !== undefined);
  if (actors.length) out += `    actors: ${idList(actors)}\n`;
  const actor = statement.person ?? statement.organization;
  const hasStance = Boolean(actor && statement.target && statement.stance);
  if (hasStance) out += `    stances:\n      - actor: ${actor}\n        toward: ${statement.target}\n        stance: ${statement.stance}\n`;
  const span = placed.exact && placed.sentences === 1 ? undefined : { start: statement.start, stop: statement.stop };
  const note = dnaNote({ id: statement.id, span, sentences: placed.sentences, qualifier: hasStance ? undefined : statement.qualifier, noOrganization: statement.noOrganization });
  out += `    note: ${scalar(note)}\n`;
  return out;
}
