import type { AnnotatedArticle, AnnotationRecord } from '../service/analysis/types';
import { jsonText, type Chunks } from './chunks';
import { pathToIriReference, toIriFragment } from './uri';

export interface W3cOptions {
  /** The collection's IRI; default `""`, the document itself (a relative IRI resolves to the file's own address). */
  readonly id?: string;
  readonly label?: string;
}

/** Characters (code points) of context kept before and after the selected text. */
export const CONTEXT_LENGTH = 32;

/**
 * One W3C Web Annotation `AnnotationCollection` (JSON-LD) with one `Annotation`
 * per annotation, its first page embedded. Each annotation targets the
 * article's workspace-relative path with a `TextQuoteSelector` (the selected
 * text, up to 32 code points before and after) and a `TextPositionSelector`
 * (code points after the BOM, end exclusive); bodies tag the involved actors
 * (`tagging`, the codebook id), describe each stance (`describing`,
 * "actor stance target" in ids) and carry the note (`commenting`).
 *
 * Articles are taken one at a time, so the CLI can read each article's text,
 * write its annotations and let it go.
 */
export function* writeW3c(articles: Iterable<AnnotatedArticle>, options: W3cOptions = {}): Chunks {
  const writer = new W3cWriter(options);
  yield writer.head();
  for (const article of articles) {
    const chunk = writer.article(article);
    if (chunk) yield chunk;
  }
  yield writer.tail();
}

/** The same collection from articles that arrive one at a time (the CLI reads each article's text when it comes to it). */
export async function* writeW3cArticles(articles: AsyncIterable<AnnotatedArticle>, options: W3cOptions = {}): AsyncIterable<string> {
  const writer = new W3cWriter(options);
  yield writer.head();
  for await (const article of articles) {
    const chunk = writer.article(article);
    if (chunk) yield chunk;
  }
  yield writer.tail();
}

class W3cWriter {
  private total = 0;

  constructor(private readonly options: W3cOptions) {}

  head(): string {
    const head = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: this.options.id ?? '',
      type: 'AnnotationCollection',
      label: this.options.label ?? 'Standpoint annotations',
    };
    return `${jsonText(head, 2).slice(0, -2)},\n  "first": {\n    "id": "#page-1",\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [`;
  }

  article(article: AnnotatedArticle): string {
    const text = article.text.startsWith('\uFEFF') ? article.text.slice(1) : article.text;
    const offsets = new CodePointOffsets(text);
    let chunk = '';
    for (const annotation of article.annotations) {
      const indented = jsonText(webAnnotation(article.article, text, offsets, annotation), 2).replace(/\n/g, '\n      ');
      chunk += `${this.total++ ? ',' : ''}\n      ${indented}`;
    }
    return chunk;
  }

  tail(): string {
    return `${this.total ? '\n    ' : ''}]\n  },\n  "total": ${this.total}\n}\n`;
  }
}

function webAnnotation(articlePath: string, text: string, offsets: CodePointOffsets, a: AnnotationRecord): Record<string, unknown> {
  if (!Number.isInteger(a.start) || !Number.isInteger(a.end) || a.start < 0 || a.end < a.start || a.end > offsets.length) {
    throw new RangeError(`annotation ${a.annotation} of ${a.file}: code points ${a.start}–${a.end} are not within ${articlePath} (${offsets.length} code points)`);
  }
  const start = offsets.toUtf16(a.start);
  const end = offsets.toUtf16(a.end);
  const prefix = text.slice(offsets.toUtf16(Math.max(0, a.start - CONTEXT_LENGTH)), start);
  const suffix = text.slice(end, offsets.toUtf16(Math.min(offsets.length, a.end + CONTEXT_LENGTH)));

  const quoteSelector: Record<string, string> = { type: 'TextQuoteSelector', exact: text.slice(start, end) };
  if (prefix) quoteSelector.prefix = prefix;
  if (suffix) quoteSelector.suffix = suffix;

  const body: Record<string, string>[] = [];
  for (const actor of new Set(a.actors)) body.push({ type: 'TextualBody', purpose: 'tagging', value: actor });
  for (const s of a.stances) body.push({ type: 'TextualBody', purpose: 'describing', value: `${s.actor} ${s.stance} ${s.toward}` });
  if (a.note !== undefined && a.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note });

  const annotation: Record<string, unknown> = {
    id: `${pathToIriReference(a.file)}#${toIriFragment(a.annotation)}`,
    type: 'Annotation',
    motivation: 'tagging',
  };
  if (a.coder !== undefined) annotation.creator = { type: 'Person', nickname: a.coder };
  if (body.length) annotation.body = body;
  annotation.target = {
    source: pathToIriReference(articlePath),
    selector: [quoteSelector, { type: 'TextPositionSelector', start: a.start, end: a.end }],
  };
  return annotation;
}

/** Code point offsets to UTF-16 offsets for one text; a table only when the text has characters outside the BMP. */
class CodePointOffsets {
  readonly length: number;
  private readonly table: Uint32Array | undefined;

  constructor(text: string) {
    let astral = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          astral++;
          i++;
        }
      }
    }
    this.length = text.length - astral;
    if (astral === 0) return;
    this.table = new Uint32Array(this.length + 1);
    let point = 0;
    for (let i = 0; i < text.length; i++) {
      this.table[point++] = i;
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
    this.table[point] = text.length;
  }

  toUtf16(codePoint: number): number {
    return this.table ? this.table[codePoint] : codePoint;
  }
}
