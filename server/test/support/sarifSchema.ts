import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** A validator for the SARIF 2.1.0 JSON Schema from @microsoft/sarif-multitool-linux@5.7.0 (see fixtures/sarif/README.md), with `uri` formats checked. */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-2.1.0.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
