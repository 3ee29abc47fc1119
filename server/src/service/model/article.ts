import { LineMap } from '../text/lineMap';
import { segmentSentences, sentenceIndexAt, type SegmentationOptions, type SentenceSpan, type UnitSentences } from '../segmentation';

/** An article's text with its sentences, segmented once per set of options. */
export class Article {
  readonly lineMap: LineMap;
  private readonly segmentations = new Map<string, readonly SentenceSpan[]>();
  /** Per segmentation key, the sentences of each unit of this text; kept only for articles being edited. */
  private readonly units?: Map<string, UnitSentences>;
  private earlierUnits?: ReadonlyMap<string, UnitSentences>;

  /**
   * `earlier`: the unit memo of the article's previous text (see `unitMemo`),
   * when it is being edited: unchanged lines are not segmented again.
   */
  constructor(
    readonly uri: string,
    readonly text: string,
    earlier?: ReadonlyMap<string, UnitSentences>,
  ) {
    this.lineMap = new LineMap(text);
    if (earlier) {
      this.units = new Map();
      this.earlierUnits = earlier;
    }
  }

  /** What the next version of this article can reuse (an empty memo turns reuse on for it). */
  unitMemo(): ReadonlyMap<string, UnitSentences> {
    return this.units ?? new Map();
  }

  sentences(options: SegmentationOptions = {}): readonly SentenceSpan[] {
    const key = `${options.hardWrapped ? 'w' : 'l'}|${(options.abbreviations ?? []).join('\u0000')}`;
    let sentences = this.segmentations.get(key);
    if (!sentences) {
      let current: UnitSentences | undefined;
      if (this.units) this.units.set(key, (current = new Map()));
      sentences = segmentSentences(this.text, options, current && { earlier: this.earlierUnits?.get(key), current });
      this.segmentations.set(key, sentences);
    }
    return sentences;
  }

  sentenceText(sentence: SentenceSpan): string {
    return this.text.slice(sentence.start, sentence.end);
  }

  /** The sentence containing the offset, if any (white space between sentences belongs to none). */
  sentenceAt(options: SegmentationOptions, offset: number): SentenceSpan | undefined {
    const sentences = this.sentences(options);
    const index = sentenceIndexAt(sentences, offset);
    const sentence = sentences[index];
    return sentence && offset <= sentence.end ? sentence : undefined;
  }

  /** The article's first non-empty line, for hovers. */
  firstLine(): string {
    return (
      this.text
        .split(/\r\n|\r|\n/)
        .find((line) => line.trim())
        ?.trim() ?? ''
    );
  }
}
