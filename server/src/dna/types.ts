/**
 * A DNA 3 database as plain data: the rows of the tables Standpoint reads and
 * writes, with DNA's column meanings. Reading and writing SQLite is done
 * elsewhere (database.ts); the mappings to and from a corpus work on these.
 */

export type DnaDataType = 'short text' | 'long text' | 'boolean' | 'integer';

export interface DnaCoder {
  readonly id: number;
  readonly name: string;
}

export interface DnaDocument {
  readonly id: number;
  readonly title: string;
  /** The coder who added the document (may be null in a database DNA did not write). */
  readonly coder: number | null;
  readonly author: string;
  readonly source: string;
  readonly section: string;
  readonly notes: string;
  readonly type: string;
  /** DNA's LocalDateTime stored as seconds since 1970 read as UTC (Sql.java: `toEpochSecond(ZoneOffset.UTC)`). */
  readonly date: number;
}

export interface DnaStatementType {
  readonly id: number;
  readonly label: string;
}

export interface DnaVariable {
  readonly id: number;
  readonly name: string;
  readonly dataType: string;
  readonly statementTypeId: number | null;
}

export interface DnaEntity {
  readonly id: number;
  readonly variableId: number;
  readonly value: string;
  readonly childOf: number | null;
}

export interface DnaAttributeVariable {
  readonly id: number;
  readonly variableId: number;
  readonly name: string;
}

export interface DnaAttributeValue {
  readonly entityId: number;
  readonly attributeVariableId: number;
  readonly value: string;
}

export interface DnaStatement {
  readonly id: number;
  readonly statementTypeId: number | null;
  readonly documentId: number | null;
  /** UTF-16 code units into the document text as DNA's text pane holds it (line ends read as one LF); see offsets.ts. */
  readonly start: number;
  readonly stop: number;
  readonly coder: number | null;
}

/** A row of DATASHORTTEXT: the entity a statement has for a short-text variable. */
export interface DnaShortTextValue {
  readonly statementId: number;
  readonly variableId: number;
  readonly entity: number;
}

/** A row of DATABOOLEAN or DATAINTEGER. */
export interface DnaNumberValue {
  readonly statementId: number;
  readonly variableId: number;
  readonly value: number;
}

/** Everything of a database except the document texts, which are read one at a time (a 50 MB database need not be in memory twice). */
export interface DnaMetadata {
  /** `SETTINGS.version`. */
  readonly version: string;
  readonly coders: readonly DnaCoder[];
  readonly documents: readonly DnaDocument[];
  readonly statementTypes: readonly DnaStatementType[];
  readonly variables: readonly DnaVariable[];
  readonly entities: readonly DnaEntity[];
  readonly attributeVariables: readonly DnaAttributeVariable[];
  readonly attributeValues: readonly DnaAttributeValue[];
  readonly statements: readonly DnaStatement[];
  readonly shortText: readonly DnaShortTextValue[];
  readonly booleans: readonly DnaNumberValue[];
  readonly integers: readonly DnaNumberValue[];
  /** Non-empty DATALONGTEXT values per variable id (long text is not imported, only counted). */
  readonly longTextCounts: ReadonlyMap<number, number>;
  /** Rows of tables with nothing to map to: REGEXES, CODERRELATIONS, VARIABLELINKS. */
  readonly otherRows: Readonly<Record<'regexes' | 'coderRelations' | 'variableLinks', number>>;
}

/** What export writes: full rows (with texts), ids assigned. */
export interface DnaTables {
  readonly coders: readonly (DnaCoder & { readonly color: readonly [number, number, number] })[];
  readonly documents: readonly (DnaDocument & { readonly text: string })[];
  readonly statementTypes: readonly (DnaStatementType & { readonly color: readonly [number, number, number] })[];
  readonly variables: readonly DnaVariable[];
  readonly entities: readonly DnaEntity[];
  readonly attributeVariables: readonly DnaAttributeVariable[];
  readonly attributeValues: readonly DnaAttributeValue[];
  readonly statements: readonly DnaStatement[];
  readonly shortText: readonly DnaShortTextValue[];
  readonly booleans: readonly DnaNumberValue[];
  readonly integers: readonly DnaNumberValue[];
}

/** A database that cannot be imported: not SQLite, not DNA, another DNA version, damaged. The CLI exits 2 with the message. */
export class DnaError extends Error {
  override readonly name = 'DnaError';
}

/**
 * The database has no statement type or variable of the name an option gives
 * (or one of the wrong data type). Editors offer `choices` instead of failing.
 */
export class DnaOptionError extends DnaError {
  constructor(
    message: string,
    /** The option to choose again: statementType, actor, affiliation, target or qualifier. */
    readonly option: 'statementType' | 'actor' | 'affiliation' | 'target' | 'qualifier',
    /** Names the database has that would fit. */
    readonly choices: readonly string[],
    /** The option may be none (affiliation, qualifier). */
    readonly allowsNone: boolean,
  ) {
    super(message);
  }
}
