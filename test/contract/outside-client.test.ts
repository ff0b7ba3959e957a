import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../worker/openapi/document';

const client = join(import.meta.dirname, 'client');
const tsc = join(import.meta.dirname, '../../node_modules/typescript/bin/tsc');

describe('an outside client typed from the document (openapi-typescript + openapi-fetch)', () => {
  it('type-checks a whole workflow with no error, and the types catch wrong use', async () => {
    // As an outside user would: from the document saved to a file.
    const doc = join(mkdtempSync(join(tmpdir(), 'seda-openapi-')), 'openapi.json');
    writeFileSync(doc, JSON.stringify(openApiDocument()));
    const ast = await openapiTS(pathToFileURL(doc));
    mkdirSync(join(client, 'generated'), { recursive: true });
    writeFileSync(join(client, 'generated', 'seda-api.d.ts'), astToString(ast));
    const run = spawnSync(process.execPath, [tsc, '-p', client, '--pretty', 'false'], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
