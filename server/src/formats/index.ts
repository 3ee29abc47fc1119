/** The output writers of `standpoint export`, `standpoint agree` and `standpoint check --format sarif`: plain data in, chunks of text out. */
export { collect, type Chunks } from './chunks';
export { writeStatements, writeStatementBatches, writeMentions, statementRecord, mentionRecord, STATEMENT_COLUMN_NAMES, MENTION_COLUMN_NAMES, TABLE_FORMATS, type TableFormat } from './tables';
export { writeNetwork, NETWORK_FORMATS, type NetworkFormat, type NetworkWriterOptions } from './network';
export { writeW3c, writeW3cArticles, type W3cOptions } from './w3c';
export { sarifLog, writeSarif, type SarifFinding, type SarifOptions } from './sarif';
export { writeAgreement, writeAgreementJson, writeAgreementCsv, writeAgreementDisagreementsCsv, AGREEMENT_FORMATS, type AgreementFormat } from './agreement';
export { writeAgreementText, renderAgreementText, type AgreementTextOptions } from './agreementText';
