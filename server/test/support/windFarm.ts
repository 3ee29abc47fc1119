/**
 * A small corpus whose article is edited in a second commit (issue 15's CLI
 * test): sentences inserted and one deleted. Original prose.
 */

export const WIND_CODEBOOK = `actors:
  developers: { name: Developers, type: group }
  equinor: { name: Equinor, type: company }
  ministry: { name: energy ministry, type: organization, aliases: [ministry] }
  opposition: { name: Opposition MPs, type: group }
  dnb: { name: DNB, type: company }
  fishermen: { name: Fishermen’s groups, type: group, aliases: [Fishermen] }
topics:
  auction: { label: The lease auction }
`;

const SENTENCES = [
  'Offshore Wind Auction Falls Flat in the North Sea',
  'By Henrik Saltvik | 3 Feb. 2025 🌊',
  'Not a single consortium bid for the Utsira Nord lease on Friday, the energy ministry said.',
  'Developers blamed rising turbine costs and a subsidy cap they call “too tight to finance”.',
  'Equinor, which had been expected to bid, declined to comment.',
  'The ministry said it would review the terms before the autumn.',
  'Opposition MPs called the result “an embarrassment for the government”.',
  'Analysts at DNB said the cap could be raised without new legislation.',
  'Fishermen’s groups, who opposed the lease, welcomed the outcome.',
  'A second round is due in 2026.',
];

export const WIND_ARTICLE = `${SENTENCES.join('\n')}\n`;

/**
 * The second commit: a correction and an editor's note after the byline,
 * Equinor's sentence deleted, a sentence added after the opposition's.
 * Old → new: 1→1, 2→2, 3→5, 4→6, 5 gone, 6→7, 7→8, 8→10, 9→11, 10→12.
 */
export const WIND_ARTICLE_EDITED = `${[
  ...SENTENCES.slice(0, 2),
  'Correction, 4 Feb.: an earlier version misnamed the lease area.',
  'Editor’s note: turbine prices are from the December survey.',
  ...SENTENCES.slice(2, 4),
  ...SENTENCES.slice(5, 7),
  'The prime minister’s office did not respond.',
  ...SENTENCES.slice(7),
].join('\n')}\n`;

/** Ana's file (LF): a headline, quotes, a flow mapping, a comment after a number, Equinor's deleted sentence. */
export const WIND_ANA = `# Ana's annotations of the auction piece
article: ../articles/wind.txt
coder: ana
annotations:
  - id: headline
    sentence: 1
    actors: [developers]
  - id: no-bids
    sentence: 3
    quote: Not a single consortium bid
    actors: [ministry]
  - id: costs
    sentence: 4
    quote: “too tight to finance”
    actors: [developers]
    stances:
      - { actor: developers, toward: auction, stance: opposes }
  - id: equinor-silent
    sentence: 5
    actors: [equinor]
  - { id: opposition, sentence: 7, actors: [opposition] }
  - id: fishermen
    sentence: 9   # they welcomed it
    actors: [fishermen]
`;

/** Ben's file: CRLF line ends and a byte-order mark. */
export const WIND_BEN = `\ufeff${`article: ../articles/wind.txt
coder: ben
annotations:
  - id: review
    sentence: 6
    actors: [ministry]
  - id: cap
    sentence: 8
    actors: [dnb]
  - id: next-round
    sentence: 10
`.replace(/\n/g, '\r\n')}`;
