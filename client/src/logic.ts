/**
 * The client's decisions that do not need VS Code, kept apart so they can be
 * unit-tested: when to restart a crashed server, what the status says, how
 * sentences are listed and how marks are grouped for decorations.
 */
import type { NumberedSentence, SentenceMark } from '../../protocol/protocol';

/** Restart a crashed server at most `maxRestarts` times within `windowMs`; then stop and ask the user. */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
  ) {}

  /** Records a crash at `now`; true if the server should be restarted automatically. */
  crashed(now: number): boolean {
    this.crashes = this.crashes.filter((time) => now - time < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  get recentCrashes(): number {
    return this.crashes.length;
  }

  reset(): void {
    this.crashes = [];
  }
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The language status line: "Indexing…" or "12 files checked · 2 errors, 1 warning". */
export function statusText(indexing: boolean, files: number | undefined, problems: ProblemCounts): { text: string; detail: string; busy: boolean } {
  if (indexing) return { text: 'Standpoint: indexing…', detail: 'Reading annotation files, articles and codebooks', busy: true };
  const parts: string[] = [];
  if (problems.errors) parts.push(`${problems.errors} error${problems.errors === 1 ? '' : 's'}`);
  if (problems.warnings) parts.push(`${problems.warnings} warning${problems.warnings === 1 ? '' : 's'}`);
  const problemText = parts.length ? parts.join(', ') : 'no problems';
  const fileText = files === undefined ? '' : `${files} file${files === 1 ? '' : 's'} checked · `;
  return { text: `Standpoint: ${problemText}`, detail: `${fileText}${problemText}${problems.infos ? ` (${problems.infos} notes)` : ''}`, busy: false };
}

/** Quick-pick entries for "Show Sentences": number and text on one line. */
export function sentencePickItems(sentences: readonly NumberedSentence[]): { label: string; description: string; n: number }[] {
  const width = String(sentences.length).length;
  return sentences.map((sentence) => ({
    label: `${String(sentence.n).padStart(width, '\u2007')}  ${sentence.text.replace(/\s+/g, ' ')}`,
    description: `line ${sentence.range.start.line + 1}`,
    n: sentence.n,
  }));
}

/** The sentence containing a position, or the last one before it. */
export function sentenceAtLine(sentences: readonly NumberedSentence[], line: number, character: number): NumberedSentence | undefined {
  let found: NumberedSentence | undefined;
  for (const sentence of sentences) {
    const { start } = sentence.range;
    if (start.line < line || (start.line === line && start.character <= character)) found = sentence;
    else break;
  }
  return found;
}

export type MarkKind = 'supports' | 'opposes' | 'mixed' | 'tagged';

/** Groups sentence marks by the decoration they get: for, against, mixed/neutral, or tagged without a stance. */
export function groupMarks(marks: readonly SentenceMark[]): Record<MarkKind, SentenceMark[]> {
  const groups: Record<MarkKind, SentenceMark[]> = { supports: [], opposes: [], mixed: [], tagged: [] };
  for (const mark of marks) {
    const kind: MarkKind = mark.polarity === 1 ? 'supports' : mark.polarity === -1 ? 'opposes' : mark.polarity === 0 ? 'mixed' : 'tagged';
    groups[kind].push(mark);
  }
  return groups;
}
