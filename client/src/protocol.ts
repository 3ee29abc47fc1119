/** Names of Standpoint's own LSP messages (the server defines them in server/src/lsp/server.ts). */
export const ANNOTATE_REQUEST = 'standpoint/annotate';
export const RELATED_FILES_REQUEST = 'standpoint/relatedFiles';
export const SENTENCES_REQUEST = 'standpoint/sentences';
export const SENTENCE_MARKS_REQUEST = 'standpoint/sentenceMarks';
export const STATUS_NOTIFICATION = 'standpoint/status';

/** Commands the client implements itself, so the server does not advertise them. */
export const ANNOTATE_COMMAND = 'standpoint.annotateSentence';
export const SHOW_REFERENCES_COMMAND = 'standpoint.showReferences';

export interface ProtocolPosition {
  line: number;
  character: number;
}

export interface ProtocolRange {
  start: ProtocolPosition;
  end: ProtocolPosition;
}

export interface StatusParams {
  indexing: boolean;
  files: number;
}

export interface RelatedFiles {
  kind: 'article' | 'annotations' | 'codebook' | 'other';
  articles: string[];
  annotationFiles: string[];
  codebooks: string[];
}

export interface NumberedSentence {
  n: number;
  range: ProtocolRange;
  text: string;
}

export interface SentenceMark {
  n: number;
  range: ProtocolRange;
  annotations: number;
  polarity: 1 | 0 | -1 | null;
  summary: string;
}
