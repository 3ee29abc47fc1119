/**
 * Micro-benchmark of the network core (server/src/service/analysis) on
 * synthetic statements: filters, the duplicate rule, the counts and every
 * network type, warm (median of repetitions after warm-ups), in one process.
 * Not part of `npm run bench` (which drives the real server); the server's
 * `standpoint/network` row belongs there once the request exists.
 *
 *   node bench/networks.mjs [--statements=100000] [--actors=300] [--topics=100]
 */
import { prng } from '../server/test/support/prng';
import type { Statement } from '../server/src/service/analysis/types';
import { filterRecords, type ActorInfo } from '../server/src/service/analysis/filters';
import { applyDuplicateRule } from '../server/src/service/analysis/duplicates';
import { accumulate, createCounts } from '../server/src/service/analysis/counts';
import { buildNetwork, networkFromCounts } from '../server/src/service/analysis/networks';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const STATEMENTS = option('statements', 100_000);
const ACTORS = option('actors', 300);
const TOPICS = option('topics', 100);
const ARTICLES = 1000;

const random = prng(2025);
const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
/** Skewed choice: a few actors and topics take most statements, as in real corpora. */
const skewed = <T>(values: readonly T[]) => values[Math.floor(values.length * random() ** 2)];

const types = ['state', 'organization', 'person', 'group', 'media', 'other'];
const actors: ActorInfo[] = Array.from({ length: ACTORS }, (_, i) => ({
  id: `actor-${i}`,
  name: `Actor “${i}”`,
  type: types[i % types.length],
  affiliation: i >= 20 && i % 3 === 0 ? `actor-${i % 20}` : undefined,
}));
const actorById = new Map(actors.map((a) => [a.id, a]));
const topics = Array.from({ length: TOPICS }, (_, i) => `topic-${i}`);
const stances = [
  ['supports', 1],
  ['opposes', -1],
  ['neutral', 0],
  ['mixed', 0],
] as const;

const statements: Statement[] = [];
for (let n = 0; n < STATEMENTS; n++) {
  const articleIndex = Math.floor(random() * ARTICLES);
  const article = `articles/a${articleIndex}.txt`;
  const coder = articleIndex % 10 === 0 && random() < 0.5 ? 'ben' : 'ana';
  const day = (articleIndex * 7) % 730;
  const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
  const actor = skewed(actors);
  const towardActor = random() < 0.1;
  const toward = towardActor ? pick(actors).id : skewed(topics);
  const [stance, polarity] = pick(stances);
  statements.push({
    article,
    date: articleIndex % 50 === 0 ? undefined : date,
    coder,
    file: `annotations/a${articleIndex}.${coder}.stance.yaml`,
    line: 5 + n,
    annotation: String(n),
    sentence: 1 + (n % 300),
    sentenceText: 'Sentence.',
    start: 0,
    end: 9,
    actor: actor.id,
    actorName: actor.name,
    actorType: actor.type,
    actorAffiliation: actor.affiliation,
    toward,
    towardLabel: towardActor ? actorById.get(toward)!.name : `Topic ${toward}`,
    towardKind: towardActor ? 'actor' : 'topic',
    stance,
    polarity,
  });
}

/** Median wall and CPU time (user + system) of the repetitions, after warm-ups; CPU time is steadier on a shared machine. */
function time(label: string, run: () => unknown, repetitions = 7): void {
  for (let i = 0; i < 2; i++) run();
  const walls: number[] = [];
  const cpus: number[] = [];
  let result: unknown;
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(cpu);
    walls.push(performance.now() - start);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const edges = (result as { edges?: unknown[] } | undefined)?.edges ?? (result as { network?: { edges: unknown[] } } | undefined)?.network?.edges;
  const detail = edges ? `  ${edges.length} edges` : '';
  process.stdout.write(`| ${label} | ${median(walls).toFixed(1)} | ${median(cpus).toFixed(1)} |${detail}\n`);
}

process.stdout.write(`${STATEMENTS} statements, ${ACTORS} actors, ${TOPICS} topics (+ actors as targets), ${ARTICLES} articles; node ${process.version}\n\n`);
process.stdout.write('| step | wall ms (median) | CPU ms (median) |\n| --- | --- | --- |\n');
const lookupActor = (id: string) => actorById.get(id);
time('filter: none', () => filterRecords(statements));
time('filter: --from/--to (one year)', () => filterRecords(statements, { from: '2024-06-01', to: '2025-05-31' }));
time('filter: --actors affiliation --actor-type state', () => filterRecords(statements, { actors: 'affiliation', lookupActor, actorTypes: ['state'] }));
for (const rule of ['article', 'week', 'all'] as const) time(`duplicates: ${rule}`, () => applyDuplicateRule(statements, rule));
time('accumulate (counts of all statements)', () => accumulate(statements));
const counts = accumulate(statements);
for (const type of ['affiliation', 'congruence', 'conflict', 'subtract', 'co-occurrence'] as const) {
  time(`networkFromCounts: ${type}`, () => networkFromCounts(counts, { type }, { lookupActor }));
}
time('networkFromCounts: congruence, jaccard', () => networkFromCounts(counts, { type: 'congruence', normalize: 'jaccard' }, { lookupActor }));
time('buildNetwork (counts + network): congruence', () => buildNetwork({ statements, options: { type: 'congruence' }, lookupActor }));
time('buildNetwork: congruence, --duplicates week', () => buildNetwork({ statements, options: { type: 'congruence', duplicates: 'week' }, lookupActor }));

// An edit in one file: take its statements out, put them back, recompute the network.
const oneFile = statements.filter((s) => s.file === statements[0].file);
const incremental = accumulate(statements, createCounts());
time(`edit one file (${oneFile.length} statements): counts −/+ and congruence`, () => {
  accumulate(oneFile, incremental, -1);
  accumulate(oneFile, incremental, 1);
  return networkFromCounts(incremental, { type: 'congruence' }, { lookupActor });
});
