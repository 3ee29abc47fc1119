/**
 * What each diagnostic code means, for tools that show rules apart from
 * results (SARIF `rules`: GitHub code scanning shows the help beside an
 * alert). The texts follow docs/diagnostics.md ("When" and "How to fix"); a
 * test checks that every code has one.
 */
export interface RuleText {
  /** One line. */
  readonly short: string;
  /** When the diagnostic is reported. */
  readonly full: string;
  /** How to fix it. */
  readonly help: string;
}

export const DIAGNOSTIC_RULES: Readonly<Record<string, RuleText>> = {
  'yaml-syntax': {
    short: 'The file is not valid YAML.',
    full: 'The file is not valid YAML (duplicate keys included); also reported for a file that is too large or not text.',
    help: 'Fix the YAML at the mark.',
  },
  schema: {
    short: 'A key is missing or a value has the wrong kind.',
    full: 'A required key is missing or a value has the wrong kind. An unknown key is a warning naming the key probably meant.',
    help: 'Add the key or change the value as the message says.',
  },
  'article-not-found': {
    short: 'The article cannot be read.',
    full: '`article` names no readable file: missing, a folder, over 4 MB of text, not UTF-8 text, or a symbolic link loop.',
    help: 'Fix the path; it is relative to the annotation file.',
  },
  'outside-workspace': {
    short: 'A path leads outside the workspace.',
    full: '`article` or `codebook` resolves outside the workspace folder, directly, through `..` or through a symbolic link. It is never read.',
    help: 'Keep the corpus inside one folder and open that folder (or pass it to the CLI with `--workspace`).',
  },
  'codebook-not-found': {
    short: 'No codebook is named or found.',
    full: 'The named codebook is missing, or none is named and no `codebook.yaml` exists in the file’s folder or a parent inside the workspace.',
    help: 'Add `codebook.yaml` or fix `codebook:`.',
  },
  'sentence-out-of-range': {
    short: 'The article has no such sentence.',
    full: 'The article has no sentence with this number; the message gives the count.',
    help: 'Check the numbering with `standpoint sentences ARTICLE`.',
  },
  'quote-not-found': {
    short: 'The quote is not in the article.',
    full: 'The quote occurs nowhere in the article (or runs across two sentences). The message names the closest sentence and how it differs.',
    help: 'Replace the quote with the words the message shows.',
  },
  'quote-sentence-mismatch': {
    short: 'The quote is in another sentence.',
    full: 'The quote occurs, but in another sentence than `sentence`.',
    help: 'Set `sentence` to the one named.',
  },
  'quote-ambiguous': {
    short: 'The quote occurs in several sentences.',
    full: '`quote` is given without `sentence`, and it occurs in several sentences.',
    help: 'Add `sentence:` or quote more words.',
  },
  'unknown-actor': {
    short: 'An actor id is not in the codebook.',
    full: 'An actor id that is not in the codebook; the message suggests the nearest id (a typo, a case difference, or a name or alias typed as an id).',
    help: 'Use the suggested id or add the actor to the codebook.',
  },
  'unknown-target': {
    short: '`toward` names no topic or actor.',
    full: '`toward` names no topic or actor of the codebook.',
    help: 'Use the suggested id or add the topic to the codebook.',
  },
  'unknown-stance': {
    short: 'A stance value is not in the vocabulary.',
    full: 'A stance value that is not in the codebook’s vocabulary.',
    help: 'Use a value of the codebook’s `stances` (by default: supports, opposes, neutral, mixed).',
  },
  'duplicate-id': {
    short: 'An id is used twice.',
    full: 'Two annotations of one file share an `id`, or a topic id is also an actor id. The diagnostic links to the first use.',
    help: 'Rename one; the message suggests a unique id.',
  },
  'actor-not-mentioned': {
    short: 'A tagged actor is not named in the sentence.',
    full: 'No name, alias or id of a tagged actor occurs in the sentence (whole words, any case).',
    help: 'Add the way the article names the actor as an alias in the codebook, or untag the actor.',
  },
  'conflicting-stance': {
    short: 'One actor takes opposite stances toward one target.',
    full: 'One actor takes opposite polarities toward one target within one annotation file. The diagnostic links to the other stance.',
    help: 'Fix the wrong one, or explain the shift in a `note` (and turn the rule off if shifts are expected).',
  },
  'duplicate-annotation': {
    short: 'Two annotations say the same.',
    full: 'Two annotations tag the same sentence with the same actors and stances (and do not quote different words). The diagnostic links to the first.',
    help: 'Remove one or merge the notes.',
  },
  'unknown-affiliation': {
    short: 'An affiliation names no actor, or affiliations form a cycle.',
    full: 'A codebook `affiliation` names no actor, or affiliations form a cycle.',
    help: 'Use an actor id; break the cycle.',
  },
  'duplicate-alias': {
    short: 'Two actors share an alias.',
    full: 'Two actors share an alias (or one’s alias is the other’s name), compared case-insensitively. The diagnostic links to the other.',
    help: 'Keep the alias on one actor.',
  },
  'unused-entry': {
    short: 'A codebook entry is not used.',
    full: 'A codebook actor or topic that no annotation uses; reported once some annotation file uses the codebook.',
    help: 'Use it, or delete it.',
  },
  'document-mismatch': {
    short: 'Annotation files of one article disagree about the document.',
    full: 'Two annotation files of one article (two coders’ files) give different values for a key of `document:`; a key one file leaves out contradicts nothing, and dates are compared by value. Reported on the value in each file that disagrees, linking to the other files’ values.',
    help: 'Correct the wrong one, or leave the key out of one file.',
  },
  'sentence-moved': {
    short: 'The annotated sentence has moved.',
    full: 'The article changed since the annotation was made and its sentence now has another number (or is gone); the message names the old text and the new number.',
    help: 'Apply the quick fix, or run `standpoint check --fix`, to renumber the sentence.',
  },
};
