/**
 * Import from and export to the Discourse Network Analyzer (DNA 3). See
 * docs/dna.md for the mapping both ways.
 *
 * - importDna: a `.dna` file → a corpus folder (articles, annotation files, codebook).
 * - exportDna: plain corpus data (DnaExportInput) → a `.dna` file, written atomically.
 * - readCorpusForDna: a corpus folder → DnaExportInput, through the language service.
 * - planImport / renderDocument / buildDnaTables: the pure mappings underneath.
 */
export { importDna, DnaImportCancelled, DnaOutputExistsError, type ImportDnaRequest, type ImportDnaResult } from './importDna';
export { importReport } from './importReport';
export { exportDna, writeAtomically, type ExportDnaRequest } from './exportDna';
export { readCorpusForDna, type CorpusReading, type CorpusSource } from './corpusInput';
export { filterDnaExportInput, type DnaExportFilterResult } from './exportFilters';
export { openDnaDatabase, writeDnaDatabase, sqlWasmPath, type OpenedDnaDatabase } from './database';
export { planImport, renderDocument, DEFAULT_IMPORT_OPTIONS, type DnaImportOptions, type DnaImportSummary, type ImportPlan } from './importMapping';
export {
  buildDnaTables,
  parseDnaNote,
  dnaDate,
  type DnaExportInput,
  type DnaExportSummary,
  type DnaExportAnnotation,
  type DnaExportFile,
  type DnaExportCodebook,
  type DnaExportArticle,
} from './exportMapping';
export { DnaOffsets } from './offsets';
export { dnaPasswordHash, dnaPasswordMatches } from './password';
export { DnaError, DnaOptionError, type DnaMetadata, type DnaTables } from './types';
