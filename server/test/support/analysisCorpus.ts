/** A small corpus for the analysis request tests (original prose); the tests count what they expect by hand from it. */
export const CODEBOOK = `actors:
  us:
    name: United States
    type: state
    aliases: [Washington, U.S.]
  russia:
    name: Russia
    type: state
    aliases: [Moscow]
  ukraine:
    name: Ukraine
    type: state
    aliases: [Kyiv]
  rubio:
    name: Marco Rubio
    type: person
    affiliation: us
    aliases: [Rubio]
topics:
  ceasefire:
    label: A ceasefire along the front line
  talks:
    label: The Geneva talks
`;

// Sentence 1 is the headline (with an emoji: two UTF-16 units, one code point); 2–4 share line 3.
export const BRIEFING =
  'Ceasefire talks resume in Geneva 🕊️\n\nWashington backs a ceasefire along the front line. Moscow rejects it outright, calling the plan “premature”. Kyiv also opposes the plan as drafted.\nMarco Rubio said the U.S. would keep pushing — “every week counts.”\n';
export const BRIEFING_ANNOTATIONS = `article: ../articles/briefing.txt
annotations:
  - id: backing
    sentence: 2
    quote: backs a ceasefire
    actors: [us]
    stances:
      - { actor: us, toward: ceasefire, stance: supports }
  - sentence: 3
    actors: [russia]
    stances:
      - { actor: russia, toward: ceasefire, stance: opposes }
      - { actor: russia, toward: ceasefire, stance: dismisses }
  - sentence: 4
    stances:
      - { actor: ukraine, toward: ceasefire, stance: opposes }
      - { actor: ukraine, toward: us, stance: opposes }
  - sentence: 5
    quote: nowhere in this sentence
    stances:
      - { actor: rubio, toward: ceasefire, stance: supports }
`;

export const GENEVA = 'Geneva hosts the talks.\nRussia welcomes them; Ukraine welcomes them too.\n';
export const GENEVA_ANNOTATIONS = `article: ../articles/geneva.txt
coder: ana
document:
  title: Geneva hosts the talks
  date: 2025-03-04
annotations:
  - sentence: 2
    actors: [russia, ukraine]
    stances:
      - { actor: russia, toward: talks, stance: supports }
      - { actor: ukraine, toward: talks, stance: supports }
`;
