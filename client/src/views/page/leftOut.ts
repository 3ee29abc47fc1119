import type { LeftOut } from '../../../../protocol/analysis';
import { formatNumber, plural } from './dom';

/** How the views name the reasons the server gives (the CLI's words); other reasons are shown as given. */
export const REASON_TEXT: Readonly<Record<string, string>> = {
  noArticle: 'in files whose article cannot be read',
  unresolvedSentence: 'whose sentence cannot be told',
  unresolvedQuote: 'whose quote is not in its sentence',
  noCodebook: 'in files without a usable codebook',
  incompleteStance: 'with actor, toward or stance missing',
  unknownActor: 'with an actor the codebook does not have',
  unknownTarget: 'with a target the codebook does not have',
  unknownStance: 'with a stance outside the vocabulary',
  coder: 'of other coders',
  undated: 'from undated articles (a date filter is given)',
  outsideDates: 'dated outside from/to',
  actorType: 'whose actor has another type',
};

/** "3 statements left out: 2 with an actor the codebook does not have, 1 from undated articles (…)"; undefined when none was. */
export function describeLeftOut(leftOut: LeftOut): string | undefined {
  if (!leftOut.total) return undefined;
  const reasons = Object.entries(leftOut.reasons)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${formatNumber(count)} ${REASON_TEXT[reason] ?? reason}`);
  return `${plural(leftOut.total, 'statement')} left out${reasons.length ? `: ${reasons.join(', ')}` : ''}.`;
}
