import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

describe('question types are stated once (shared/questions/registry.ts)', () => {
  it('is the only place that dispatches on a question type (a new type touches its own files only)', () => {
    // Outside shared/questions/, widget/ui/questions/ and dashboard/src/setup/questions/, code asks the
    // registry or indexes a map keyed by QuestionType; a comparison with a type name is a copy.
    const allowed = ['shared/questions/', 'widget/ui/questions/', 'dashboard/src/setup/questions/'];
    const dispatch =
      /\btype\s*[!=]==?\s*['"`](nps|csat|ces|rating|choice|text)['"`]|case\s+['"`](nps|csat|ces|rating|choice|text)['"`]/;
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (name === 'node_modules' || name === 'dist') continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) {
          const rel = relative(root, p);
          if (allowed.some((a) => rel.startsWith(a))) continue;
          readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (dispatch.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const dir of ['shared', 'worker', 'widget', 'dashboard']) walk(join(root, dir));
    expect(found).toEqual([]);
  });
});
