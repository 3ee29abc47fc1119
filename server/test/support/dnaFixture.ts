import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';

/**
 * Builds DNA 3 databases for tests, the way DNA fills them (Sql.java
 * createTables and addStatement): the default statement types and variables,
 * an empty entity per short-text variable, a data row for every variable of a
 * statement. The tables are declared here independently of the code under
 * test, with DNA's columns but without its CHECK constraints.
 */

let sql: Promise<SqlJsStatic> | undefined;
export function sqlJs(): Promise<SqlJsStatic> {
  const wasm = readFileSync(createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm'));
  sql ??= initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
  return sql;
}

const TABLES = [
  'CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL)',
  'CREATE TABLE CODERS(ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL, Red INTEGER, Green INTEGER, Blue INTEGER, Password TEXT NOT NULL)',
  "CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL, Coder INTEGER, Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '', Section TEXT NOT NULL DEFAULT '', Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '', Date INTEGER NOT NULL)",
  'CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL, Red INTEGER, Green INTEGER, Blue INTEGER)',
  "CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL, DataType TEXT NOT NULL DEFAULT 'short text', StatementTypeId INTEGER)",
  'CREATE TABLE VARIABLELINKS(ID INTEGER NOT NULL PRIMARY KEY, SourceVariableId INTEGER, TargetVariableId INTEGER)',
  'CREATE TABLE REGEXES(Label TEXT PRIMARY KEY, Red INTEGER, Green INTEGER, Blue INTEGER)',
  'CREATE TABLE CODERRELATIONS(ID INTEGER NOT NULL PRIMARY KEY, Coder INTEGER, OtherCoder INTEGER, viewStatements INTEGER, editStatements INTEGER, viewDocuments INTEGER, editDocuments INTEGER)',
  'CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, Start INTEGER NOT NULL, Stop INTEGER NOT NULL, Coder INTEGER)',
  'CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 1)',
  'CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 0)',
  "CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, Value TEXT NOT NULL DEFAULT '', Red INTEGER, Green INTEGER, Blue INTEGER, ChildOf INTEGER)",
  'CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL)',
  "CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value TEXT DEFAULT '')",
  'CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, AttributeVariable TEXT NOT NULL)',
  "CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL, AttributeVariableId INTEGER NOT NULL, AttributeValue TEXT NOT NULL DEFAULT '')",
];

export type Values = Record<string, string | number>;

/** A DNA 3 database under construction, with DNA's default statement types (ids 1–3) and variables (1–11). */
export class DnaFixture {
  private nextStatement = 1;
  private readonly entityIds = new Map<string, number>();
  private readonly variablesOfType = new Map<number, [number, string, string][]>();
  private readonly prepared = new Map<string, Statement>();

  /** Runs an insert through a cached prepared statement (large fixtures insert many thousand rows). */
  private run(sql: string, params: SqlValue[]): void {
    let statement = this.prepared.get(sql);
    if (!statement) this.prepared.set(sql, (statement = this.db.prepare(sql)));
    statement.run(params);
  }

  private constructor(readonly db: Database) {}

  static async create(version = '3.0.11.5'): Promise<DnaFixture> {
    const SQL = await sqlJs();
    const db = new SQL.Database();
    for (const ddl of TABLES) db.run(ddl);
    const fixture = new DnaFixture(db);
    db.run("INSERT INTO SETTINGS VALUES ('version', ?), ('date', '2025-02-05')", [version]);
    db.run("INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (1, 'Admin', 255, 255, 0, 'x')");
    db.run("INSERT INTO STATEMENTTYPES VALUES (1, 'DNA Statement', 239, 208, 51), (2, 'NPF Story Element', 100, 200, 190), (3, 'Annotation', 211, 211, 211)");
    const variables: [number, string, string, number][] = [
      [1, 'person', 'short text', 1],
      [2, 'organization', 'short text', 1],
      [3, 'concept', 'short text', 1],
      [4, 'agreement', 'boolean', 1],
      [5, 'narrator', 'short text', 2],
      [6, 'victim', 'short text', 2],
      [7, 'villain', 'short text', 2],
      [8, 'plot', 'short text', 2],
      [9, 'hero', 'short text', 2],
      [10, 'policy solution', 'short text', 2],
      [11, 'note', 'long text', 3],
    ];
    for (const v of variables) fixture.db.run('INSERT INTO VARIABLES VALUES (?, ?, ?, ?)', v);
    for (const attribute of ['Type', 'Alias', 'Notes']) for (const v of [1, 2, 3]) db.run('INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)', [v, attribute]);
    return fixture;
  }

  coder(id: number, name: string): this {
    this.db.run('INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (?, ?, 0, 0, 0, ?)', [id, name, 'x']);
    return this;
  }

  /** `date`: ISO date-time read as UTC, as DNA stores its LocalDateTime. */
  document(id: number, fields: { title: string; text: string; date: string; coder?: number; author?: string; source?: string; section?: string; notes?: string; type?: string }): this {
    this.db.run('INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      id,
      fields.title,
      fields.text,
      fields.coder ?? 1,
      fields.author ?? '',
      fields.source ?? '',
      fields.section ?? '',
      fields.notes ?? '',
      fields.type ?? '',
      Date.parse(`${fields.date}${fields.date.length === 10 ? 'T00:00:00' : ''}Z`) / 1000,
    ]);
    return this;
  }

  statementType(id: number, label: string, variables: [number, string, string][]): this {
    this.db.run('INSERT INTO STATEMENTTYPES VALUES (?, ?, 0, 0, 0)', [id, label]);
    for (const [variableId, name, dataType] of variables) this.db.run('INSERT INTO VARIABLES VALUES (?, ?, ?, ?)', [variableId, name, dataType, id]);
    return this;
  }

  /** The entity id of a value, created as DNA does on first use. */
  entity(variableId: number, value: string): number {
    const known = this.entityIds.get(`${variableId}\u0000${value}`);
    if (known !== undefined) return known;
    this.run('INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 0, 0, 0)', [variableId, value]);
    const id = this.db.exec('SELECT last_insert_rowid()')[0].values[0][0] as number;
    this.entityIds.set(`${variableId}\u0000${value}`, id);
    for (const row of this.db.exec('SELECT ID FROM ATTRIBUTEVARIABLES WHERE VariableId = ?', [variableId])[0]?.values ?? []) {
      this.db.run('INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)', [id, row[0], '']);
    }
    return id;
  }

  attribute(variableId: number, value: string, attribute: string, attributeValue: string): this {
    const entity = this.entity(variableId, value);
    const variable = this.db.exec('SELECT ID FROM ATTRIBUTEVARIABLES WHERE VariableId = ? AND AttributeVariable = ?', [variableId, attribute])[0].values[0][0];
    this.db.run('UPDATE ATTRIBUTEVALUES SET AttributeValue = ? WHERE EntityId = ? AND AttributeVariableId = ?', [attributeValue, entity, variable]);
    return this;
  }

  /**
   * A statement with a value for every variable of its type (missing short
   * text → the empty entity, missing boolean → 1, integer → 0, long text → '').
   */
  statement(fields: { document: number; start: number; stop: number; coder?: number; type?: number; values?: Values; id?: number }): number {
    const id = fields.id ?? this.nextStatement;
    this.nextStatement = Math.max(this.nextStatement, id + 1);
    const type = fields.type ?? 1;
    this.run('INSERT INTO STATEMENTS VALUES (?, ?, ?, ?, ?, ?)', [id, type, fields.document, fields.start, fields.stop, fields.coder ?? 1]);
    let variables = this.variablesOfType.get(type);
    if (!variables)
      this.variablesOfType.set(type, (variables = this.db.exec('SELECT ID, Variable, DataType FROM VARIABLES WHERE StatementTypeId = ?', [type])[0].values as [number, string, string][]));
    for (const [variableId, name, dataType] of variables) {
      const value = fields.values?.[name];
      if (dataType === 'short text') this.run('INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)', [id, variableId, this.entity(variableId, String(value ?? ''))]);
      else if (dataType === 'long text') this.run('INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (?, ?, ?)', [id, variableId, String(value ?? '')]);
      else
        this.run(`INSERT INTO ${dataType === 'boolean' ? 'DATABOOLEAN' : 'DATAINTEGER'} (StatementId, VariableId, Value) VALUES (?, ?, ?)`, [
          id,
          variableId,
          Number(value ?? (dataType === 'boolean' ? 1 : 0)),
        ]);
    }
    return id;
  }

  bytes(): Uint8Array {
    for (const statement of this.prepared.values()) statement.free();
    this.prepared.clear();
    return this.db.export();
  }
}

/** DNA's offset of `needle` in `text`: UTF-16 code units of the text with its line ends read as LF (as DNA's text pane holds it). */
export function dnaSpan(text: string, needle: string, occurrence = 0): { start: number; stop: number } {
  const pane = text.replace(/\r\n?/g, '\n');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = pane.indexOf(needle.replace(/\r\n?/g, '\n'), at + 1);
    if (at === -1) throw new Error(`"${needle}" not in the text`);
  }
  return { start: at, stop: at + needle.replace(/\r\n?/g, '\n').length };
}
