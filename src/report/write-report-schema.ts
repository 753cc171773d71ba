/**
 * `npm run schema`: regenerates the committed JSON Schema of the JSON report from its zod schema.
 * json-report-schema.test.ts fails until this has been run after a change to the report's shape.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../corpus/fingerprint';
import { REPORT_JSON_SCHEMA_FILE, reportJsonSchemaText } from './json-report-schema';

const file = join(projectRoot(), REPORT_JSON_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, reportJsonSchemaText(), 'utf8');
process.stdout.write(`wrote ${REPORT_JSON_SCHEMA_FILE}\n`);
