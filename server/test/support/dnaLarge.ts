import { DnaFixture } from './dnaFixture';
import { prng } from './prng';

/**
 * A large DNA database of generated analysis prose (original fragments
 * recombined by a seeded PRNG: same seed, same bytes): `documents` documents
 * of about `charactersPerDocument` characters, `statementsPerDocument`
 * statements each over one or two sentences, 40 persons in 12 organisations.
 */
export async function largeDnaDatabase(documents: number, charactersPerDocument: number, statementsPerDocument: number, seed = 16): Promise<Uint8Array> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const people = Array.from({ length: 40 }, (_, i) => `${pick(FIRST)} ${pick(LAST)} ${i + 1}`);
  const organisations = ORGANISATIONS;
  const f = await DnaFixture.create();
  f.coder(2, 'Field Coder');
  f.db.run('PRAGMA journal_mode = OFF');
  f.db.run('PRAGMA cache_size = -400000');
  f.db.run('BEGIN');
  for (let d = 1; d <= documents; d++) {
    const lines: string[] = [`${pick(HEADLINES)} — Part ${d}`, `By ${pick(FIRST)} ${pick(LAST)} | ${1 + (d % 28)} March 2024`, ''];
    let length = lines.join('\n').length;
    while (length < charactersPerDocument) {
      const sentences = Array.from({ length: 3 + Math.floor(random() * 4) }, () => `${pick(OPENERS)} ${pick(CLAIMS)}${random() < 0.05 ? ' 🌍' : ''}.`);
      const line = sentences.join(' ');
      lines.push(line);
      length += line.length + 1;
    }
    const text = `${lines.join('\n')}\n`;
    f.document(d, { title: `${pick(HEADLINES)} ${d}`, text, date: `2024-${String(1 + (d % 12)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`, coder: 2, source: pick(SOURCES) });
    // Spans: whole sentences, and now and then two, found by their full stops.
    const stops: number[] = [];
    for (let i = text.indexOf('. ', 200); i !== -1 && stops.length < statementsPerDocument * 3; i = text.indexOf('. ', i + 1)) stops.push(i + 2);
    for (let s = 0; s < statementsPerDocument && s + 2 < stops.length; s++) {
      const start = stops[s * 3];
      const stop = (random() < 0.2 ? stops[s * 3 + 2] : stops[s * 3 + 1]) - 1;
      const person = pick(people);
      f.statement({
        document: d,
        coder: 2,
        start,
        stop,
        values: { person, organization: organisations[people.indexOf(person) % organisations.length], concept: pick(CONCEPTS), agreement: random() < 0.6 ? 1 : 0 },
      });
    }
  }
  f.db.run('COMMIT');
  return f.bytes();
}

const FIRST = ['Ines', 'Tomas', 'Yara', 'Kofi', 'Mireille', 'Anders', 'Leila', 'Piotr', 'Sunita', 'Hugo'];
const LAST = ['Okonkwo', 'Lindqvist', 'Barros', 'Tanaka', 'Moreau', 'Haddad', 'Novak', 'Reyes', 'Achterberg', 'Quinn'];
const ORGANISATIONS = [
  'Ministry of Finance',
  'Harbour Workers’ Union',
  'Green Alliance',
  'Chamber of Commerce',
  'Central Bank',
  'Farmers’ League',
  'Senate Budget Committee',
  'Coastal Cities Network',
  'Transport Authority',
  'Consumers’ Council',
  'Energy Regulator',
  'U.N. Climate Office',
];
const CONCEPTS = [
  'A carbon price floor',
  'Faster grid permits',
  'A windfall tax on utilities',
  'Subsidies for heat pumps',
  'Keeping coal plants in reserve',
  'A ban on short-haul flights',
  'Public ownership of the grid',
  'Tariffs on imported steel',
];
const HEADLINES = ['The Budget’s Hidden Bargain', 'Why the Grid Deal Stalled', 'A Quiet Win for the Ports', 'The Tariff Trap', 'Heat Pumps and Hard Choices', 'Who Pays for the Transition?'];
const SOURCES = ['Example Ledger', 'Example Wire', 'Polar Desk', 'The Sample Review'];
const OPENERS = [
  'Officials said',
  'The minister argued',
  'Critics countered',
  'According to Dr. Haddad,',
  'In a Feb. 3 memo, staff noted',
  'Union leaders insisted',
  'The committee’s chair, Sen. Quinn, conceded',
  'Economists at the bank estimated',
  'Industry groups warned',
  'Local mayors replied',
];
const CLAIMS = [
  'that the levy would raise less than promised',
  'the plan would cost households about €140 a year',
  'that “nobody voted for a blank cheque”',
  'the timetable was unrealistic before 2030',
  'that smaller ports would carry most of the burden',
  'the subsidy had already doubled installations — a rare success',
  'that the U.S. approach offered no model for Europe',
  'the reserve plants were insurance, not a reversal',
  'the tariff would protect 12,000 jobs at most',
  'that grid operators, not ministers, set the pace',
];
