import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { DNA_REQUIRED_COLUMNS, DNA_SCHEMA_DATE, DNA_SCHEMA_VERSION, DNA_SQLITE_DDL } from './schema';
import { DnaError, type DnaMetadata, type DnaTables } from './types';

/**
 * SQLite through sql.js (SQLite compiled to WebAssembly: a plain npm package,
 * nothing native to build or download). Every query here is a constant
 * string; values from a database or a corpus only ever go in as parameters.
 */

let sqlJs: Promise<SqlJsStatic> | undefined;

/**
 * Where sql.js's WebAssembly file is: next to the bundle (esbuild.mjs copies
 * it to dist/), else in node_modules (tests run from the sources).
 */
export function sqlWasmPath(): string {
  const beside = path.join(__dirname, 'sql-wasm.wasm');
  if (existsSync(beside)) return beside;
  return createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
}

function loadSqlJs(): Promise<SqlJsStatic> {
  // The module is loaded once: sql.js replaces its own `module.exports` after the first initialisation.
  sqlJs ??= initSqlJs({ wasmBinary: toArrayBuffer(readFileSync(sqlWasmPath())) });
  return sqlJs;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** A DNA 3 database opened from its bytes (sql.js keeps its own copy in memory: the file is never written). */
export interface OpenedDnaDatabase {
  readonly metadata: DnaMetadata;
  /** The text of one document, read when needed. */
  documentText(documentId: number): string;
  close(): void;
}

/**
 * Opens the bytes of a `.dna` file: checks that it is SQLite, has DNA 3's
 * tables and says `SETTINGS.version` 3.x, and reads everything but the
 * document texts. `name` is how messages refer to the file.
 */
export async function openDnaDatabase(bytes: Uint8Array, name: string): Promise<OpenedDnaDatabase> {
  if (bytes.length === 0) throw new DnaError(`${name} is empty, not a DNA database.`);
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, SQLITE_MAGIC.length));
  if (header !== SQLITE_MAGIC) throw new DnaError(`${name} is not a DNA database: DNA 3 databases are SQLite files, and this file is not one.`);
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new DnaError(`${name} cannot be read as an SQLite database: ${messageOf(error)}.`);
  }
  try {
    const metadata = readMetadata(db, name);
    const textStatement = db.prepare('SELECT Text FROM DOCUMENTS WHERE ID = ?');
    return {
      metadata,
      documentText(documentId) {
        textStatement.bind([documentId]);
        const text = textStatement.step() ? textStatement.get()[0] : null;
        textStatement.reset();
        return typeof text === 'string' ? text : '';
      },
      close() {
        textStatement.free();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    if (error instanceof DnaError) throw error;
    throw new DnaError(`${name} cannot be read as a DNA database: ${messageOf(error)}.`);
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

type Row = Record<string, SqlValue>;

function rows(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const result: Row[] = [];
    while (statement.step()) result.push(statement.getAsObject() as Row);
    return result;
  } finally {
    statement.free();
  }
}

const text = (value: SqlValue): string => (value === null || value === undefined ? '' : value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value));
const integer = (value: SqlValue): number => (typeof value === 'number' ? Math.trunc(value) : Number.parseInt(text(value), 10) || 0);
const optionalInteger = (value: SqlValue): number | null => (value === null || value === undefined ? null : integer(value));

function readMetadata(db: Database, name: string): DnaMetadata {
  let tables: Set<string>;
  try {
    tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => text(row.name).toUpperCase()));
  } catch (error) {
    throw new DnaError(`${name} cannot be read as an SQLite database: ${messageOf(error)}.`);
  }
  if (!tables.has('SETTINGS')) throw new DnaError(`${name} is an SQLite database but not a DNA database: it has no SETTINGS table.`);
  const versionRow = rows(db, "SELECT Value FROM SETTINGS WHERE Property = 'version'")[0];
  const version = versionRow ? text(versionRow.Value).trim() : '';
  if (!/^3(\.|$)/.test(version)) {
    const found = version ? `version ${version}` : 'no version in its SETTINGS table';
    const advice = /^[12](\.|\s|$)/.test(version) ? ' In DNA 3, create a new database and bring the old one in with Document → Import from DNA database, then import that.' : '';
    throw new DnaError(`${name} is not a DNA 3 database (${found}); Standpoint reads databases of DNA 3.x.${advice}`);
  }
  const missing: string[] = [];
  for (const [table, columns] of Object.entries(DNA_REQUIRED_COLUMNS)) {
    if (!tables.has(table)) {
      missing.push(`table ${table}`);
      continue;
    }
    // Table names come from the constant list above, never from the file.
    const present = new Set(rows(db, `PRAGMA table_info(${table})`).map((row) => text(row.name).toLowerCase()));
    for (const column of columns) if (!present.has(column.toLowerCase())) missing.push(`${table}.${column}`);
  }
  if (missing.length) throw new DnaError(`${name} says DNA ${version} but lacks ${missing.join(', ')}: it is damaged or was not written by DNA 3.`);

  const count = (table: 'REGEXES' | 'CODERRELATIONS' | 'VARIABLELINKS') => (tables.has(table) ? integer(rows(db, `SELECT COUNT(*) AS n FROM ${table}`)[0].n) : 0);
  const longTextCounts = new Map<number, number>();
  for (const row of rows(db, "SELECT VariableId, COUNT(*) AS n FROM DATALONGTEXT WHERE Value IS NOT NULL AND Value != '' GROUP BY VariableId")) {
    longTextCounts.set(integer(row.VariableId), integer(row.n));
  }

  return {
    version,
    coders: rows(db, 'SELECT ID, Name FROM CODERS ORDER BY ID').map((r) => ({ id: integer(r.ID), name: text(r.Name) })),
    documents: rows(db, 'SELECT ID, Title, Coder, Author, Source, Section, Notes, Type, Date FROM DOCUMENTS ORDER BY ID').map((r) => ({
      id: integer(r.ID),
      title: text(r.Title),
      coder: optionalInteger(r.Coder),
      author: text(r.Author),
      source: text(r.Source),
      section: text(r.Section),
      notes: text(r.Notes),
      type: text(r.Type),
      date: integer(r.Date),
    })),
    statementTypes: rows(db, 'SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID').map((r) => ({ id: integer(r.ID), label: text(r.Label) })),
    variables: rows(db, 'SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES ORDER BY ID').map((r) => ({
      id: integer(r.ID),
      name: text(r.Variable),
      dataType: text(r.DataType),
      statementTypeId: optionalInteger(r.StatementTypeId),
    })),
    entities: rows(db, 'SELECT ID, VariableId, Value, ChildOf FROM ENTITIES ORDER BY ID').map((r) => ({
      id: integer(r.ID),
      variableId: integer(r.VariableId),
      value: text(r.Value),
      childOf: optionalInteger(r.ChildOf),
    })),
    attributeVariables: rows(db, 'SELECT ID, VariableId, AttributeVariable FROM ATTRIBUTEVARIABLES ORDER BY ID').map((r) => ({
      id: integer(r.ID),
      variableId: integer(r.VariableId),
      name: text(r.AttributeVariable),
    })),
    attributeValues: rows(db, 'SELECT EntityId, AttributeVariableId, AttributeValue FROM ATTRIBUTEVALUES ORDER BY ID').map((r) => ({
      entityId: integer(r.EntityId),
      attributeVariableId: integer(r.AttributeVariableId),
      value: text(r.AttributeValue),
    })),
    statements: rows(db, 'SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID').map((r) => ({
      id: integer(r.ID),
      statementTypeId: optionalInteger(r.StatementTypeId),
      documentId: optionalInteger(r.DocumentId),
      start: integer(r.Start),
      stop: integer(r.Stop),
      coder: optionalInteger(r.Coder),
    })),
    shortText: rows(db, 'SELECT StatementId, VariableId, Entity FROM DATASHORTTEXT ORDER BY ID').map((r) => ({
      statementId: integer(r.StatementId),
      variableId: integer(r.VariableId),
      entity: integer(r.Entity),
    })),
    booleans: numberRows(db, 'SELECT StatementId, VariableId, Value FROM DATABOOLEAN ORDER BY ID'),
    integers: numberRows(db, 'SELECT StatementId, VariableId, Value FROM DATAINTEGER ORDER BY ID'),
    longTextCounts,
    otherRows: { regexes: count('REGEXES'), coderRelations: count('CODERRELATIONS'), variableLinks: count('VARIABLELINKS') },
  };
}

function numberRows(db: Database, sql: string) {
  return rows(db, sql).map((r) => ({ statementId: integer(r.StatementId), variableId: integer(r.VariableId), value: integer(r.Value) }));
}

/**
 * A new DNA 3 database with DNA's own tables (schema.ts) holding `tables`, as
 * the bytes of an SQLite file. `passwordHash` is stored for every coder.
 */
export async function writeDnaDatabase(tables: DnaTables, passwordHash: string): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    for (const ddl of DNA_SQLITE_DDL) db.run(ddl);
    db.run('BEGIN');
    const insert = (sql: string, values: readonly SqlValue[][]) => {
      const statement = db.prepare(sql);
      try {
        for (const row of values) statement.run(row);
      } finally {
        statement.free();
      }
    };
    insert('INSERT INTO SETTINGS (Property, Value) VALUES (?, ?)', [
      ['version', DNA_SCHEMA_VERSION],
      ['date', DNA_SCHEMA_DATE],
    ]);
    insert(
      'INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (?, ?, ?, ?, ?, ?)',
      tables.coders.map((c) => [c.id, c.name, ...c.color, passwordHash]),
    );
    insert(
      'INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (?, ?, ?, ?, ?)',
      tables.statementTypes.map((t) => [t.id, t.label, ...t.color]),
    );
    insert(
      'INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (?, ?, ?, ?)',
      tables.variables.map((v) => [v.id, v.name, v.dataType, v.statementTypeId]),
    );
    insert(
      'INSERT INTO ATTRIBUTEVARIABLES (ID, VariableId, AttributeVariable) VALUES (?, ?, ?)',
      tables.attributeVariables.map((a) => [a.id, a.variableId, a.name]),
    );
    insert(
      'INSERT INTO ENTITIES (ID, VariableId, Value, Red, Green, Blue, ChildOf) VALUES (?, ?, ?, 0, 0, 0, ?)',
      tables.entities.map((e) => [e.id, e.variableId, e.value, e.childOf]),
    );
    insert(
      'INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)',
      tables.attributeValues.map((a) => [a.entityId, a.attributeVariableId, a.value]),
    );
    insert(
      'INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      tables.documents.map((d) => [d.id, d.title, d.text, d.coder, d.author, d.source, d.section, d.notes, d.type, d.date]),
    );
    insert(
      'INSERT INTO STATEMENTS (ID, StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (?, ?, ?, ?, ?, ?)',
      tables.statements.map((s) => [s.id, s.statementTypeId, s.documentId, s.start, s.stop, s.coder]),
    );
    insert(
      'INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)',
      tables.shortText.map((v) => [v.statementId, v.variableId, v.entity]),
    );
    insert(
      'INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, ?, ?)',
      tables.booleans.map((v) => [v.statementId, v.variableId, v.value]),
    );
    insert(
      'INSERT INTO DATAINTEGER (StatementId, VariableId, Value) VALUES (?, ?, ?)',
      tables.integers.map((v) => [v.statementId, v.variableId, v.value]),
    );
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
