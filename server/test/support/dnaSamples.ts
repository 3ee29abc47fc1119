import { DnaFixture, dnaSpan } from './dnaFixture';

// Original sample texts (analysis prose with curly quotes, dashes, abbreviations, non-BMP characters).

export const LEVY = [
  'Brussels Weighs a Carbon Levy — and Its Partners Push Back',
  'By Ilse Marchetti | 4 March 2025',
  '',
  'The European Commission wants to extend its carbon border levy to fertiliser and hydrogen by 2027. Commissioner Aino Lehtinen called the plan “the only honest way to price what we import.”',
  'Dr. Rafael Osei of the Lagos Trade Institute disagreed. He warned that the levy “punishes the exporters who can least afford it” and urged a transition fund instead.',
  'The U.S. trade office has said little so far. Its deputy, Mara Quill, told reporters the administration was “studying the text.”',
  '',
].join('\n');

/** CR LF line ends, and characters outside the BMP (a flag: two code points, four UTF-16 units; a sheaf: two units) before the spans. */
export const CORRIDOR = [
  'Kyiv’s Grain Corridor Talks Resume 🇺🇦',
  '',
  'Turkish and Ukrainian officials met in Istanbul on Feb. 12 to revive the corridor. 🌾 Deputy Minister Oleh Brant said the talks were “constructive but slow.”',
  'Ankara wants guarantees for its insurers — a point Brant conceded, i.e. the corridor needs them.',
  '',
].join('\r\n');

export const SHRUG = 'Markets shrugged at the proposal.\n';

export const LEVY_SENTENCE_3 = 'The European Commission wants to extend its carbon border levy to fertiliser and hydrogen by 2027.';
export const LEVY_SENTENCE_4 = 'Commissioner Aino Lehtinen called the plan “the only honest way to price what we import.”';
export const OSEI = 'Dr. Rafael Osei of the Lagos Trade Institute disagreed. He warned that the levy “punishes the exporters who can least afford it” and urged a transition fund instead.';
export const BRANT_QUOTE = 'Oleh Brant said the talks were “constructive but slow.”';
export const ANKARA = 'Ankara wants guarantees for its insurers — a point Brant conceded, i.e. the corridor needs them.';

/** Two coders, three documents (two with one title), CR LF, non-BMP text, a person with two organisations, every kind of statement. */
export async function richDatabase(): Promise<DnaFixture> {
  const f = await DnaFixture.create();
  f.coder(2, 'Ana Ruiz').coder(3, 'Ben Okafor');
  f.document(1, {
    title: 'Brussels Weighs a Carbon Levy',
    text: LEVY,
    date: '2025-03-04',
    coder: 2,
    author: 'Ilse Marchetti',
    source: 'Example Ledger',
    section: 'Trade',
    notes: 'checked against the print edition',
  });
  f.document(2, { title: 'Kyiv’s Grain Corridor Talks Resume', text: CORRIDOR, date: '2025-02-12T16:45:00', coder: 3, source: 'Example Wire' });
  f.document(3, { title: 'Brussels Weighs a Carbon Levy', text: SHRUG, date: '2025-03-05', coder: 3 });
  const levy = 'Carbon levy on fertiliser';
  f.statement({ document: 1, coder: 2, ...dnaSpan(LEVY, LEVY_SENTENCE_4), values: { person: 'Aino Lehtinen', organization: 'European Commission', concept: levy, agreement: 1 } });
  f.statement({ document: 1, coder: 2, ...dnaSpan(LEVY, OSEI), values: { person: 'Rafael Osei', organization: 'Lagos Trade Institute', concept: levy, agreement: 0 } });
  f.statement({ document: 1, coder: 2, ...dnaSpan(LEVY, 'studying the text'), values: { person: 'Mara Quill', organization: 'U.S. Trade Office', concept: levy, agreement: 1 } });
  // Selected with the space before the sentence.
  f.statement({ document: 1, coder: 3, ...dnaSpan(LEVY, ` ${LEVY_SENTENCE_4}`), values: { person: 'Aino Lehtinen', organization: 'European Parliament', concept: levy, agreement: 1 } });
  f.statement({ document: 1, coder: 3, ...dnaSpan(LEVY, LEVY_SENTENCE_3), values: { person: 'Aino Lehtinen', organization: 'European Commission', concept: levy, agreement: 1 } });
  f.statement({ document: 2, coder: 3, ...dnaSpan(CORRIDOR, BRANT_QUOTE), values: { person: 'Oleh Brant', organization: 'Ministry of Agrarian Policy', concept: 'Grain corridor', agreement: 1 } });
  f.statement({ document: 2, coder: 3, ...dnaSpan(CORRIDOR, ANKARA), values: { organization: 'Grain Corridor', concept: 'Grain corridor', agreement: 0 } });
  f.statement({ document: 2, coder: 3, ...dnaSpan(CORRIDOR, 'a point Brant conceded'), values: { person: 'Oleh Brant' } });
  f.statement({ document: 2, coder: 3, type: 3, ...dnaSpan(CORRIDOR, 'Feb. 12'), values: { note: 'Check the date against the ministry’s release.' } });
  f.statement({ document: 1, coder: 2, type: 2, ...dnaSpan(LEVY, 'urged a transition fund'), values: { hero: 'Rafael Osei' } });
  // Entities without statements, as DNA's attribute manager keeps them: two names with one slug, one with no Latin letters.
  f.entity(1, 'José Núñez');
  f.entity(1, 'Jose Nunez');
  f.entity(1, 'Олег Брант');
  f.attribute(1, 'Aino Lehtinen', 'Alias', 'Commissioner Lehtinen');
  f.attribute(2, 'Lagos Trade Institute', 'Type', 'NGO');
  f.attribute(2, 'U.S. Trade Office', 'Type', 'State');
  f.attribute(3, 'Grain corridor', 'Notes', 'Whether the Black Sea shipping lane reopens.');
  return f;
}

/** One document of a port dispute: three organisations, two concepts, a boolean agreement (the networks are worked out by hand in dnaNetworks.test.ts). */
export const PORT_TEXT = [
  'Estuary Plans Split the Port',
  '',
  'Mira Holt of the Harbour Union backed dredging the estuary. She repeated it at the evening rally.',
  'The union’s own newsletter doubted the dredging all the same.',
  'Jonas Brek, for the Port Authority, supported dredging too. He opposed a night shipping curfew.',
  'Elif Sandoval of the Green Coalition rejected the curfew as too weak. She also rejected dredging.',
  'The Green Coalition’s board later endorsed the curfew.',
  '',
].join('\n');

/** Statements as (person, organisation, concept, agreement) with their sentences. */
export const PORT_STATEMENTS: [string, string, string, string, number][] = [
  ['Mira Holt of the Harbour Union backed dredging the estuary.', 'Mira Holt', 'Harbour Union', 'Dredging the estuary', 1],
  ['She repeated it at the evening rally.', 'Mira Holt', 'Harbour Union', 'Dredging the estuary', 1],
  ['The union’s own newsletter doubted the dredging all the same.', '', 'Harbour Union', 'Dredging the estuary', 0],
  ['Jonas Brek, for the Port Authority, supported dredging too.', 'Jonas Brek', 'Port Authority', 'Dredging the estuary', 1],
  ['He opposed a night shipping curfew.', 'Jonas Brek', 'Port Authority', 'Night shipping curfew', 0],
  ['Elif Sandoval of the Green Coalition rejected the curfew as too weak.', 'Elif Sandoval', 'Green Coalition', 'Night shipping curfew', 0],
  ['She also rejected dredging.', 'Elif Sandoval', 'Green Coalition', 'Dredging the estuary', 0],
  ['The Green Coalition’s board later endorsed the curfew.', '', 'Green Coalition', 'Night shipping curfew', 1],
];

export async function portDatabase(): Promise<DnaFixture> {
  const f = await DnaFixture.create();
  f.document(1, { title: 'Estuary Plans Split the Port', text: PORT_TEXT, date: '2024-04-02' });
  for (const [sentence, person, organization, concept, agreement] of PORT_STATEMENTS) {
    f.statement({ document: 1, ...dnaSpan(PORT_TEXT, sentence), values: { person, organization, concept, agreement } });
  }
  return f;
}
