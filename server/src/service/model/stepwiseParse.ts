import { parseAnnotationFile, updateAnnotationFile, type AnnotationFileModel } from './annotationFile';

/** About how much text each step parses, unless told (a 128 KB step takes about 30 ms). */
const STEP_CHARS = 128 * 1024;

/**
 * Parses a whole annotation file away from this thread (the language server:
 * in a worker thread) and resolves to the model parseAnnotationFile gives.
 * Undefined when it could not, or when `wanted` turned false meanwhile (the
 * file changed again: the parse was stopped).
 */
export type ParseElsewhere = (text: string, wanted: () => boolean) => Promise<AnnotationFileModel | undefined>;

/**
 * Parses an annotation file in steps, giving way (`pause`) between them, with
 * the same result as parseAnnotationFile: a 7 MB file takes seconds to parse,
 * and the language server must answer hovers meanwhile.
 *
 * It parses the head and the first items, then adds items in steps with
 * updateAnnotationFile (the incremental re-parse that the property tests
 * compare with a full parse): each step cuts at the start of an item of the
 * `annotations:` list. Only a file whose list runs to its end in block style
 * can be cut, and only while the items read so far have no YAML error: any
 * other file needs one parse of the whole, which `yaml` does in one go (a 7 MB
 * file with one syntax error: 20–40 s). That parse is handed to `elsewhere`
 * when given, so this thread keeps answering meanwhile.
 */
export async function parseAnnotationFileInSteps(
  text: string,
  pause: () => Promise<void>,
  stepChars = STEP_CHARS,
  elsewhere?: (text: string) => Promise<AnnotationFileModel | undefined>,
): Promise<AnnotationFileModel> {
  const whole = async () => (elsewhere && (await elsewhere(text))) || parseAnnotationFile(text);
  const cuts = itemCuts(text, stepChars);
  if (!cuts) return whole();
  let model = parseAnnotationFile(text.slice(0, cuts[0]));
  if (!steppable(model)) return whole();
  for (const cut of [...cuts.slice(1), text.length]) {
    await pause();
    const fullParse = Symbol('full parse');
    try {
      // With somewhere else to parse it whole, a step that only yaml's parse can read (a syntax error, a block
      // scalar) is not parsed here: for 64 KB that takes 0.2–0.7 s, which the thread would not answer in.
      model = updateAnnotationFile(
        model,
        text.slice(0, cut),
        () => {
          throw fullParse;
        },
        elsewhere !== undefined,
      );
    } catch (error) {
      if (error !== fullParse) throw error;
      return whole();
    }
  }
  // As if parsed at once: not an update of the last step's prefix.
  const { edit: _edit, ...parsed } = model;
  return parsed;
}

/** A model the next step can extend: its list is cut into items and it has no YAML errors. */
function steppable(model: AnnotationFileModel): boolean {
  return model.chunks !== undefined && !model.problems.some((problem) => problem.code === 'yaml-syntax');
}

/**
 * Where to cut: starts of `- ` lines of a top-level `annotations:` block list
 * that runs to the end of the file, about `stepChars` apart (the first cut
 * after the first item). Undefined when the file does not look like that.
 */
function itemCuts(text: string, stepChars: number): number[] | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined;
  const key = /^annotations:[ ]*(#.*)?$/m.exec(text);
  if (!key) return undefined;
  let at = key.index + key[0].length + 1;
  let dash: string | undefined;
  const cuts: number[] = [];
  let lastCut = -1;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const line = text.slice(at, end);
    const trimmed = line.trimStart();
    if (trimmed && !trimmed.startsWith('#')) {
      const indent = line.length - trimmed.length;
      // Another top-level key after the list: a step could not be told from the end of the list.
      if (indent === 0 && !trimmed.startsWith('- ') && trimmed !== '-') return undefined;
      if (dash === undefined) {
        if (!/^-( |$)/.test(trimmed)) return undefined;
        dash = line.slice(0, indent);
        lastCut = at;
      } else if (indent === dash.length && /^-( |$)/.test(trimmed)) {
        if (at - lastCut >= stepChars) {
          cuts.push(at);
          lastCut = at;
        }
      } else if (indent < dash.length) {
        return undefined;
      }
    }
    at = end + 1;
  }
  return cuts.length ? cuts : undefined;
}
