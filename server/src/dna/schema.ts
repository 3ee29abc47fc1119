/**
 * The DNA 3 database layout, as the Discourse Network Analyzer creates it.
 *
 * Source: leifeld/dna, `dna/src/main/java/sql/Sql.java`, method
 * `createTables` (the `sqlite` branch), at commit
 * 2adbf786ca916bfaf14fa1c5af2087da170628fb (DNA 3.0.11.5, 2025-02-05). The
 * statements below are DNA's own, character for character, so a database
 * Standpoint writes has the same tables, column types, defaults and checks as
 * one DNA creates (SQLite keeps this text in `sqlite_master`). The sample
 * database shipped with rDNA (`rDNA/rDNA/inst/extdata/sample.dna`, written by
 * DNA 3.0.7) has exactly these tables.
 */

export const DNA_SCHEMA_SOURCE = 'leifeld/dna dna/src/main/java/sql/Sql.java createTables() at 2adbf786ca916bfaf14fa1c5af2087da170628fb';

/** What `SETTINGS.version` says in databases Standpoint writes: the DNA release whose schema is copied here. */
export const DNA_SCHEMA_VERSION = '3.0.11.5';
export const DNA_SCHEMA_DATE = '2025-02-05';

export const DNA_SQLITE_DDL: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS SETTINGS(' + 'Property TEXT PRIMARY KEY, ' + 'Value TEXT NOT NULL);',
  'CREATE TABLE IF NOT EXISTS CODERS(' +
    'ID INTEGER NOT NULL PRIMARY KEY, ' +
    'Name TEXT NOT NULL CHECK (LENGTH(Name) < 191), ' +
    'Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255), ' +
    'Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255), ' +
    'Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255), ' +
    'Refresh INTEGER NOT NULL CHECK (Refresh BETWEEN 0 AND 9999) DEFAULT 0, ' +
    'FontSize INTEGER NOT NULL CHECK (FontSize BETWEEN 1 AND 99) DEFAULT 14, ' +
    'Password TEXT NOT NULL CHECK (LENGTH(Password) < 191), ' +
    'PopupWidth INTEGER CHECK (PopupWidth BETWEEN 100 AND 9999) DEFAULT 300, ' +
    'ColorByCoder INTEGER NOT NULL CHECK (ColorByCoder BETWEEN 0 AND 1) DEFAULT 0, ' +
    'PopupDecoration INTEGER NOT NULL CHECK (PopupDecoration BETWEEN 0 AND 1) DEFAULT 0, ' +
    'PopupAutoComplete INTEGER NOT NULL CHECK (PopupAutoComplete BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionAddDocuments INTEGER NOT NULL CHECK (PermissionAddDocuments BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditDocuments INTEGER NOT NULL CHECK (PermissionEditDocuments BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionDeleteDocuments INTEGER NOT NULL CHECK (PermissionDeleteDocuments BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionImportDocuments INTEGER NOT NULL CHECK (PermissionImportDocuments BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionAddStatements INTEGER NOT NULL CHECK (PermissionAddStatements BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditStatements INTEGER NOT NULL CHECK (PermissionEditStatements BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionDeleteStatements INTEGER NOT NULL CHECK (PermissionDeleteStatements BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditAttributes INTEGER NOT NULL CHECK (PermissionEditAttributes BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditRegex INTEGER NOT NULL CHECK (PermissionEditRegex BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditStatementTypes INTEGER NOT NULL CHECK (PermissionEditStatementTypes BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditCoders INTEGER NOT NULL CHECK (PermissionEditCoders BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditCoderRelations INTEGER NOT NULL CHECK (PermissionEditCoderRelations BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionViewOthersDocuments INTEGER NOT NULL CHECK (PermissionViewOthersDocuments BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditOthersDocuments INTEGER NOT NULL CHECK (PermissionEditOthersDocuments BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionViewOthersStatements INTEGER NOT NULL CHECK (PermissionViewOthersStatements BETWEEN 0 AND 1) DEFAULT 1, ' +
    'PermissionEditOthersStatements INTEGER NOT NULL CHECK (PermissionEditOthersStatements BETWEEN 0 AND 1) DEFAULT 1);',
  'CREATE TABLE IF NOT EXISTS DOCUMENTS(' +
    'ID INTEGER NOT NULL PRIMARY KEY, ' +
    'Title TEXT NOT NULL CHECK (LENGTH(Title) < 191), ' +
    'Text TEXT NOT NULL, ' +
    'Coder INTEGER, ' +
    "Author TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Author) < 191), " +
    "Source TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Source) < 191), " +
    "Section TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Section) < 191), " +
    "Notes TEXT NOT NULL DEFAULT '', " +
    "Type TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Type) < 191), " +
    'Date INTEGER NOT NULL, ' +
    'FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE);',
  'CREATE TABLE IF NOT EXISTS STATEMENTTYPES(' +
    'ID INTEGER NOT NULL PRIMARY KEY, ' +
    'Label TEXT NOT NULL CHECK (LENGTH(Label) < 191), ' +
    'Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255), ' +
    'Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255), ' +
    'Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255));',
  'CREATE TABLE IF NOT EXISTS VARIABLES(' +
    'ID INTEGER NOT NULL PRIMARY KEY, ' +
    'Variable TEXT NOT NULL CHECK (LENGTH(Variable) < 191), ' +
    "DataType TEXT NOT NULL CHECK (DataType = 'boolean' OR DataType = 'integer' OR DataType = 'long text' OR DataType = 'short text') DEFAULT 'short text', " +
    'StatementTypeId INTEGER, ' +
    'FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE, ' +
    'UNIQUE (Variable, StatementTypeId));',
  'CREATE TABLE IF NOT EXISTS VARIABLELINKS(' +
    'ID INTEGER NOT NULL PRIMARY KEY, ' +
    'SourceVariableId INTEGER, ' +
    'TargetVariableId INTEGER, ' +
    'CHECK (TargetVariableId != SourceVariableId), ' +
    'FOREIGN KEY(SourceVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(TargetVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);',
  'CREATE TABLE IF NOT EXISTS REGEXES(' +
    'Label TEXT PRIMARY KEY CHECK (LENGTH(Label) < 191), ' +
    'Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255), ' +
    'Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255), ' +
    'Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255));',
  'CREATE TABLE IF NOT EXISTS CODERRELATIONS(' +
    'ID INTEGER NOT NULL PRIMARY KEY, ' +
    'Coder INTEGER CHECK(Coder > 0), ' +
    'OtherCoder INTEGER CHECK(OtherCoder > 0), ' +
    'viewStatements INTEGER NOT NULL DEFAULT 1 CHECK(viewStatements BETWEEN 0 AND 1), ' +
    'editStatements INTEGER NOT NULL DEFAULT 1 CHECK(editStatements BETWEEN 0 AND 1), ' +
    'viewDocuments INTEGER NOT NULL DEFAULT 1 CHECK(viewDocuments BETWEEN 0 AND 1), ' +
    'editDocuments INTEGER NOT NULL DEFAULT 1 CHECK(editDocuments BETWEEN 0 AND 1), ' +
    'CHECK (Coder != OtherCoder), ' +
    'FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(OtherCoder) REFERENCES CODERS(ID) ON DELETE CASCADE);',
  'CREATE TABLE IF NOT EXISTS STATEMENTS(' +
    'ID INTEGER NOT NULL PRIMARY KEY, ' +
    'StatementTypeId INTEGER, ' +
    'DocumentId INTEGER, ' +
    'Start INTEGER NOT NULL CHECK(Start >= 0), ' +
    'Stop INTEGER NOT NULL CHECK(Stop >= 0), ' +
    'Coder INTEGER, ' +
    'CHECK (Start < Stop), ' +
    'FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(DocumentId) REFERENCES DOCUMENTS(ID) ON DELETE CASCADE);',
  'CREATE TABLE IF NOT EXISTS DATABOOLEAN(' +
    'ID INTEGER PRIMARY KEY NOT NULL, ' +
    'StatementId INTEGER NOT NULL, ' +
    'VariableId INTEGER NOT NULL, ' +
    'Value INTEGER NOT NULL DEFAULT 1, ' +
    'FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, ' +
    'UNIQUE (StatementId, VariableId));',
  'CREATE TABLE IF NOT EXISTS DATAINTEGER(' +
    'ID INTEGER PRIMARY KEY NOT NULL, ' +
    'StatementId INTEGER NOT NULL, ' +
    'VariableId INTEGER NOT NULL, ' +
    'Value INTEGER NOT NULL DEFAULT 0, ' +
    'FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, ' +
    'UNIQUE (StatementId, VariableId));',
  'CREATE TABLE IF NOT EXISTS ENTITIES(' +
    'ID INTEGER PRIMARY KEY NOT NULL, ' +
    'VariableId INTEGER NOT NULL, ' +
    "Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191), " +
    'Red INTEGER CHECK (Red BETWEEN 0 AND 255), ' +
    'Green INTEGER CHECK (Green BETWEEN 0 AND 255), ' +
    'Blue INTEGER CHECK (Blue BETWEEN 0 AND 255), ' +
    'ChildOf INTEGER CHECK(ChildOf > 0), ' +
    'UNIQUE (VariableId, Value), ' +
    'FOREIGN KEY(ChildOf) REFERENCES ENTITIES(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);',
  'CREATE TABLE IF NOT EXISTS DATASHORTTEXT(' +
    'ID INTEGER PRIMARY KEY NOT NULL, ' +
    'StatementId INTEGER NOT NULL, ' +
    'VariableId INTEGER NOT NULL, ' +
    'Entity INTEGER NOT NULL, ' +
    'FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(Entity) REFERENCES ENTITIES(ID) ON DELETE CASCADE, ' +
    'UNIQUE (StatementId, VariableId));',
  'CREATE TABLE IF NOT EXISTS DATALONGTEXT(' +
    'ID INTEGER PRIMARY KEY NOT NULL, ' +
    'StatementId INTEGER NOT NULL, ' +
    'VariableId INTEGER NOT NULL, ' +
    "Value TEXT DEFAULT '', " +
    'FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, ' +
    'UNIQUE (StatementId, VariableId));',
  'CREATE TABLE IF NOT EXISTS ATTRIBUTEVARIABLES(' +
    'ID INTEGER PRIMARY KEY NOT NULL, ' +
    'VariableId INTEGER NOT NULL, ' +
    'AttributeVariable TEXT NOT NULL CHECK (LENGTH(AttributeVariable) < 191), ' +
    'UNIQUE(VariableId, AttributeVariable), ' +
    'FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);',
  'CREATE TABLE IF NOT EXISTS ATTRIBUTEVALUES(' +
    'ID INTEGER PRIMARY KEY NOT NULL, ' +
    'EntityId INTEGER NOT NULL, ' +
    'AttributeVariableId INTEGER NOT NULL, ' +
    "AttributeValue TEXT NOT NULL DEFAULT '' CHECK (LENGTH(AttributeValue) < 191), " +
    'UNIQUE (EntityId, AttributeVariableId), ' +
    'FOREIGN KEY(EntityId) REFERENCES ENTITIES(ID) ON DELETE CASCADE, ' +
    'FOREIGN KEY(AttributeVariableId) REFERENCES ATTRIBUTEVARIABLES(ID) ON DELETE CASCADE);',
];

/**
 * The tables and columns the import reads. A database without one of them was
 * not made by DNA 3 (DNA 2 has `ATTRIBUTES` instead of `ENTITIES`, and its
 * data tables hold values, not entity ids).
 */
export const DNA_REQUIRED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  SETTINGS: ['Property', 'Value'],
  CODERS: ['ID', 'Name'],
  DOCUMENTS: ['ID', 'Title', 'Text', 'Coder', 'Author', 'Source', 'Section', 'Notes', 'Type', 'Date'],
  STATEMENTTYPES: ['ID', 'Label'],
  VARIABLES: ['ID', 'Variable', 'DataType', 'StatementTypeId'],
  STATEMENTS: ['ID', 'StatementTypeId', 'DocumentId', 'Start', 'Stop', 'Coder'],
  ENTITIES: ['ID', 'VariableId', 'Value', 'ChildOf'],
  DATASHORTTEXT: ['StatementId', 'VariableId', 'Entity'],
  DATABOOLEAN: ['StatementId', 'VariableId', 'Value'],
  DATAINTEGER: ['StatementId', 'VariableId', 'Value'],
  DATALONGTEXT: ['StatementId', 'VariableId', 'Value'],
  ATTRIBUTEVARIABLES: ['ID', 'VariableId', 'AttributeVariable'],
  ATTRIBUTEVALUES: ['EntityId', 'AttributeVariableId', 'AttributeValue'],
};

/** DNA's own default layout (createTables): the statement type and variables the spec's defaults name. */
export const DNA_DEFAULTS = {
  statementType: 'DNA Statement',
  actor: 'person',
  affiliation: 'organization',
  target: 'concept',
  qualifier: 'agreement',
} as const;

/** The attribute variables DNA creates for every short-text variable. */
export const DNA_ATTRIBUTE_VARIABLES = ['Type', 'Alias', 'Notes'] as const;

/** DNA's colours for its default rows (createTables). */
export const DNA_STATEMENT_COLOR = [239, 208, 51] as const;
export const DNA_ADMIN_COLOR = [255, 255, 0] as const;

/** SQLite's length checks (`LENGTH(x) < 191`) count characters (code points). */
export const DNA_MAX_SHORT_TEXT = 190;
