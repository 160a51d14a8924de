// Validators for the exports against the public frab/pretalx schemas (../shared/schedule), shared by the
// unit, integration and e2e tests. Test support only: the server never imports it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';
import { scheduleSchemaDir } from './schedule.fixtures.ts';

const schemaDir = scheduleSchemaDir();

export const validateJson = (() => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft6);
  addFormats(ajv);
  ajv.addFormat('color', /^#[0-9a-fA-F]{3,8}$/);
  const schema: unknown = JSON.parse(readFileSync(path.join(schemaDir, 'schedule.json.schema.json'), 'utf8'));
  return ajv.compile(schema as object);
})();

/** Error lines of the JSON Schema validation; empty when the document is valid. */
export function jsonSchemaErrors(doc: unknown): string[] {
  return validateJson(doc) ? [] : (validateJson.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Runs the real `xmllint --schema` on the document. */
export function xmllint(xml: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', path.join(schemaDir, 'schedule.xml.xsd'), '-'], { input: xml, encoding: 'utf8' });
  if (r.error && 'code' in r.error && r.error.code === 'ENOENT') {
    throw new Error('xmllint is not installed; the XML export cannot be validated. Install it with `apt-get install -y libxml2-utils`.');
  }
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
