/**
 * The hand-worked corpus of agreement.test.ts written as files: three articles
 * (original prose), one codebook, and the coders' annotation files. The units
 * are exactly those of agreement.test.ts's GULF, STRAIT and PORT_FEES inputs,
 * so the alphas worked out by hand there hold for these files too; only the
 * lines differ (tests find them in the texts).
 *
 * Article A (gulf-ports, 4 sentences): ana and ben. Article B (strait-talks,
 * 3 sentences): ana, ben in two files (merged), cleo with a self-conflict.
 * Article C (port-fees, 2 sentences): ana alone (skipped).
 */
export const AGREEMENT_CODEBOOK = `actors:
  us:
    name: United States
    type: state
    aliases: [U.S., Washington]
  iran:
    name: Iran
    type: state
    aliases: [Tehran, Iranian]
  eu:
    name: European Union
    type: organization
    aliases: [EU, Brussels]
  china:
    name: China
    type: state
    aliases: [Beijing]
topics:
  tariffs:
    label: Tariffs on Gulf shipping
  sanctions:
    label: Sanctions on the shipping cartel
`;

export const GULF_ARTICLE =
  'The U.S. tariffs on Gulf shipping 🚢 — announced on Monday — are meant to squeeze Tehran. ' +
  'Iran’s port authority has said nothing in public.\n\n' +
  'In private, Iranian officials call Washington’s plan “a provocation dressed as trade policy.” ' +
  'Whether the tariffs survive the summer is another matter.\n';

export const STRAIT_ARTICLE =
  'The EU backed new sanctions on the strait’s shipping cartel on Thursday.\r\n' +
  'China, which buys most of the cargo, called the move “unhelpful” and warned of a reply.\r\n' +
  'Beijing’s envoy left the meeting early.\r\n';

export const PORT_ARTICLE = 'Port fees rose by 4% in the first quarter, the U.S. consulate reported. Shipping lines passed the cost on within days.\n';

export const GULF_ANA = `article: ../articles/gulf-ports.txt
coder: ana
annotations:
  - id: tariffs-announced
    sentence: 1
    actors: [us]
    stances:
      - { actor: us, toward: tariffs, stance: supports }
  - id: port-silence
    sentence: 2
    actors: [iran]
  - id: provocation
    sentence: 3
    actors: [us]
    stances:
      - { actor: iran, toward: us, stance: opposes }
`;

export const GULF_BEN = `article: ../articles/gulf-ports.txt
coder: ben
annotations:
  - sentence: 1
    actors: [us]
    stances:
      - { actor: us, toward: tariffs, stance: supports }
  - sentence: 3
    actors: [iran]
    stances:
      - { actor: iran, toward: us, stance: mixed }
  - sentence: 4
    stances:
      - { actor: us, toward: tariffs, stance: opposes }
`;

export const STRAIT_ANA = `article: ../articles/strait-talks.txt
coder: ana
annotations:
  - sentence: 1
    actors: [eu]
    stances:
      - { actor: eu, toward: sanctions, stance: supports }
  - sentence: 2
    actors: [eu, china]
    stances:
      - { actor: china, toward: sanctions, stance: opposes }
`;

export const STRAIT_BEN = `article: ../articles/strait-talks.txt
coder: ben
annotations:
  - sentence: 1
    actors: [eu]
    stances:
      - { actor: eu, toward: sanctions, stance: supports }
`;

export const STRAIT_BEN_PART2 = `# Ben's second sitting on the same article: merged with his first file.
article: ../articles/strait-talks.txt
coder: ben
annotations:
  - sentence: 2
    actors: [china]
    stances:
      - { actor: china, toward: sanctions, stance: opposes }
`;

export const STRAIT_CLEO = `article: ../articles/strait-talks.txt
coder: cleo
annotations:
  - sentence: 1
    actors: [eu]
    stances:
      - { actor: eu, toward: sanctions, stance: supports }
      - { actor: eu, toward: sanctions, stance: opposes }
  - sentence: 3
    actors: [china]
`;

export const PORT_ANA = `article: ../articles/port-fees.txt
coder: ana
annotations:
  - sentence: 1
    actors: [us]
`;

/** Workspace-relative path → text. */
export const AGREEMENT_FILES: Readonly<Record<string, string>> = {
  'codebook.yaml': AGREEMENT_CODEBOOK,
  'articles/gulf-ports.txt': GULF_ARTICLE,
  'articles/strait-talks.txt': STRAIT_ARTICLE,
  'articles/port-fees.txt': PORT_ARTICLE,
  'annotations/gulf-ports.ana.stance.yaml': GULF_ANA,
  'annotations/gulf-ports.ben.stance.yaml': GULF_BEN,
  'annotations/strait-talks.ana.stance.yaml': STRAIT_ANA,
  'annotations/strait-talks.ben.stance.yaml': STRAIT_BEN,
  'annotations/strait-talks.ben-part2.stance.yaml': STRAIT_BEN_PART2,
  'annotations/strait-talks.cleo.stance.yaml': STRAIT_CLEO,
  'annotations/port-fees.ana.stance.yaml': PORT_ANA,
};

/** 1-based line of the `nth` line of `text` that contains `needle` (counted by hand, not by LineMap). */
export function lineOf(text: string, needle: string, nth = 0): number {
  const lines = text.split(/\r\n|\r|\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes(needle)) continue;
    if (seen++ === nth) return i + 1;
  }
  throw new Error(`${JSON.stringify(needle)} is not in the text`);
}
