import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeDnaDatabase } from './database';
import { buildDnaTables, type DnaExportInput, type DnaExportSummary } from './exportMapping';
import { dnaPasswordHash } from './password';

export interface ExportDnaRequest {
  readonly input: DnaExportInput;
  /** The `.dna` file to write (replaced atomically if it exists). */
  readonly output: string;
  /** Every coder's password in the new database (DNA asks for it when opening). */
  readonly password: string;
}

/** Writes a corpus as a DNA 3 database: the whole file is written to a temporary name, then renamed into place. */
export async function exportDna(request: ExportDnaRequest): Promise<DnaExportSummary> {
  const { tables, summary } = buildDnaTables(request.input);
  const bytes = await writeDnaDatabase(tables, dnaPasswordHash(request.password));
  await writeAtomically(request.output, bytes);
  return summary;
}

export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, bytes, { flag: 'wx' });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
