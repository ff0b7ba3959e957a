// Accuracy of the sentiment engine on the hand-labelled sets in test/fixtures/sentiment (the same
// computation as test/shared/sentiment-accuracy.test.ts), loaded through Vite so the TypeScript runs as is.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export async function sentimentAccuracy() {
  const file = fileURLToPath(new URL('../../test/fixtures/sentiment/accuracy.ts', import.meta.url));
  const { module } = await runnerImport(file, { configFile: false, logLevel: 'silent' });
  return module.LANGUAGES.map((lang) => {
    const a = module.accuracy(lang);
    return { name: `sentiment-accuracy-${lang}`, value: a.accuracy, unit: '', note: `${a.n} hand-labelled sentences` };
  });
}
