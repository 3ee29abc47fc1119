import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { applySentenceNumberEdits, type LanguageService, type SentenceFix } from '../service/index';
import { decodeText } from '../service/text/decode';
import { isAnnotationFileName } from '../service/workspace';

/**
 * `standpoint check --fix`: the unambiguous sentence fixes of one annotation
 * file (`sentence-moved` with a sure new number, `quote-sentence-mismatch`
 * whose quote is in exactly one sentence), written byte-exactly: only the
 * digits change, the BOM, line ends and every other byte stay. Articles are
 * never written. The file is replaced atomically (a temporary file renamed
 * over it), keeping its permissions.
 */

export interface AppliedFix {
  /** 0-based line of the number. */
  readonly line: number;
  readonly oldNumber: number;
  readonly newNumber: number;
  /** The sentence the annotation points at now, white space runs as one space. */
  readonly sentence?: string;
}

export type FixOutcome = { readonly kind: 'fixed'; readonly fixes: readonly AppliedFix[] } | { readonly kind: 'none' } | { readonly kind: 'skipped'; readonly reason: string };

/** Applies a file's unambiguous fixes on disk; the service is told the file changed. */
export async function fixFile(service: LanguageService, uri: string): Promise<FixOutcome> {
  if (!isAnnotationFileName(uri)) return { kind: 'none' };
  const { fixes, model, preview, fixed: anchors } = await service.sentenceFixes(uri);
  if (!fixes.length || !model) return { kind: 'none' };
  const fsPath = URI.parse(uri).fsPath;
  let target: string;
  let bytes: Buffer;
  try {
    target = await fs.realpath(fsPath);
    bytes = await fs.readFile(target);
  } catch (error) {
    return { kind: 'skipped', reason: `it cannot be read (${(error as Error).message})` };
  }
  const decoded = decodeText(bytes);
  // The fixes were worked out from this text: if the file changed meanwhile, nothing is written.
  if (decoded.kind !== 'text' || decoded.text !== model.text) return { kind: 'skipped', reason: 'it changed while it was checked' };
  const onDisk = bytes.toString('utf8');
  const fixed = applySentenceNumberEdits(onDisk, fixes);
  await writeAtomically(target, fixed);
  // Told before the service reads the file again: the anchors are those of the text the fixes were made in.
  await service.recordFixed(uri, anchors);
  service.changed([uri]);
  return { kind: 'fixed', fixes: fixes.map((fix) => applied(model.lineMap.positionAt(fix.span.start).line, fix, preview(fix.newNumber))) };
}

function applied(line: number, fix: SentenceFix, sentence: string | undefined): AppliedFix {
  return { line, oldNumber: fix.oldNumber, newNumber: fix.newNumber, sentence };
}

async function writeAtomically(target: string, text: string): Promise<void> {
  const stat = await fs.stat(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await fs.writeFile(temporary, text, { mode: stat.mode & 0o7777 });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}
