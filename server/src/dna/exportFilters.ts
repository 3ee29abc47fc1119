import { filterRecords, type ActorInfo, type FilterableRecord, type FilterOptions, type LeftOut } from '../service/analysis/filters';
import type { DnaExportAnnotation, DnaExportFile, DnaExportInput } from './exportMapping';

/**
 * The analysis filters (`--from`, `--to`, `--coder`, `--actors`,
 * `--actor-type`; service/analysis/filters.ts) applied to what `export dna`
 * writes. Each stance is one DNA statement, so each stance is one record (an
 * annotation without stances is one record for its first person, else its
 * first actor). Coder and dates keep or drop whole files (their documents
 * with them: an article no file is left for is not written); the actor type
 * keeps stances; `--actors affiliation` makes the top of each actor's
 * affiliation chain the stance's actor (in DNA, the organisation's statement).
 */
export interface DnaExportFilterResult {
  readonly input: DnaExportInput;
  /** Statements left out by the filters, by the first filter that left each out. */
  readonly leftOut: LeftOut;
  /** Coders `--coder` names that no file has, in the order given. */
  readonly codersNotFound: readonly string[];
}

type Options = Omit<FilterOptions, 'lookupActor'>;

interface Place {
  readonly file: number;
  readonly annotation: number;
  /** The stance's index; undefined for an annotation without stances. */
  readonly stance?: number;
}

export function filterDnaExportInput(input: DnaExportInput, options: Options): DnaExportFilterResult {
  const actors = new Map<string, ActorInfo>(
    input.codebook.actors.map((a) => [a.id, { id: a.id, name: a.name, type: a.type ?? '', ...(a.affiliation !== undefined && { affiliation: a.affiliation }) }]),
  );
  const lookupActor = (id: string) => actors.get(id);
  const isPerson = (id: string) => actors.get(id)?.type === 'person';
  const recordOf = (file: DnaExportFile, actor: string): FilterableRecord => {
    const info = actors.get(actor);
    return {
      article: file.article,
      ...(file.document?.date !== undefined && { date: file.document.date }),
      ...(file.coder !== undefined && { coder: file.coder }),
      actor,
      actorName: info?.name ?? actor,
      actorType: info?.type ?? '',
      ...(info?.affiliation !== undefined && { actorAffiliation: info.affiliation }),
    };
  };

  const records: (FilterableRecord & { readonly place: Place })[] = [];
  input.files.forEach((file, f) =>
    file.annotations.forEach((annotation, a) => {
      if (annotation.stances.length) annotation.stances.forEach((stance, s) => records.push({ ...recordOf(file, stance.actor), place: { file: f, annotation: a, stance: s } }));
      else records.push({ ...recordOf(file, annotation.actors.find(isPerson) ?? annotation.actors.find((id) => actors.has(id)) ?? annotation.actors[0] ?? ''), place: { file: f, annotation: a } });
    }),
  );
  const result = filterRecords(records, { ...options, lookupActor });

  // What is kept of each annotation: its kept stances (with the rolled-up actor), or, without stances, its actor.
  const kept = new Map<string, { actor: string; stances: Map<number, string> }>();
  for (const record of result.kept) {
    const key = `${record.place.file}/${record.place.annotation}`;
    let entry = kept.get(key);
    if (!entry) kept.set(key, (entry = { actor: record.actor, stances: new Map() }));
    if (record.place.stance !== undefined) entry.stances.set(record.place.stance, record.actor);
  }
  const rolledUp = options.actors === 'affiliation';
  const files: DnaExportFile[] = [];
  input.files.forEach((file, f) => {
    const annotations: DnaExportAnnotation[] = [];
    file.annotations.forEach((annotation, a) => {
      const entry = kept.get(`${f}/${a}`);
      if (!entry) return;
      if (!annotation.stances.length) {
        annotations.push(rolledUp && entry.actor ? { ...annotation, actors: [entry.actor] } : annotation);
        return;
      }
      const stances = annotation.stances.flatMap((stance, s) => (entry.stances.has(s) ? [{ ...stance, actor: entry.stances.get(s)! }] : []));
      annotations.push({ ...annotation, stances });
    });
    // Coder and dates keep or drop the file (and its document) whatever its stances' actors.
    const passes = filterRecords([recordOf(file, '')], { from: options.from, to: options.to, coders: options.coders }).kept.length === 1;
    if (passes) files.push({ ...file, annotations });
  });
  const articlesLeft = new Set(files.map((file) => file.article));
  return {
    input: { ...input, articles: input.articles.filter((article) => articlesLeft.has(article.path)), files },
    leftOut: result.leftOut,
    codersNotFound: result.codersNotFound,
  };
}
