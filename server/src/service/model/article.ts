import { LineMap } from '../text/lineMap';
import { segmentSentences, sentenceIndexAt, type SegmentationOptions, type SentenceSpan } from '../segmentation';

/** An article's text with its sentences, segmented once per set of options. */
export class Article {
  readonly lineMap: LineMap;
  private readonly segmentations = new Map<string, readonly SentenceSpan[]>();

  constructor(readonly uri: string, readonly text: string) {
    this.lineMap = new LineMap(text);
  }

  sentences(options: SegmentationOptions = {}): readonly SentenceSpan[] {
    const key = `${options.hardWrapped ? 'w' : 'l'}|${(options.abbreviations ?? []).join('\u0000')}`;
    let sentences = this.segmentations.get(key);
    if (!sentences) {
      sentences = segmentSentences(this.text, options);
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
    return this.text.split(/\r\n|\r|\n/).find((line) => line.trim())?.trim() ?? '';
  }
}
