import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../worker/openapi/document';

const redocly = join(import.meta.dirname, '../../node_modules/@redocly/cli/bin/cli.js');

type Problem = { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] };

describe('the OpenAPI document under @redocly/cli lint --extends recommended', () => {
  it('has no errors, and only the warnings we accept', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seda-openapi-')), 'openapi.json');
    // As served by `npm start` (its one server is the local Worker).
    writeFileSync(file, JSON.stringify(openApiDocument('http://localhost:8787')));
    const run = spawnSync(process.execPath, [redocly, 'lint', '--extends', 'recommended', '--format', 'json', file], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      timeout: 120_000,
    });
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: Problem[] };
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => found[report.problems.indexOf(p)])).toEqual(
      [],
    );
    // Accepted: the local server URL (the served document names the origin it was fetched from), and
    // the document's own operation, which has no 4xx answer to describe.
    expect(found.filter((f) => f.startsWith('warn'))).toEqual([
      'warn no-server-example.com #/servers/0/url: Server `url` should not point to example.com or localhost.',
      'warn operation-4xx-response #/paths/~1v1~1openapi.json/get/responses: Operation must have at least one `4XX` response.',
    ]);
  });
});
