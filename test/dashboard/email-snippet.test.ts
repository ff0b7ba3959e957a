import { describe, expect, it } from 'vitest';
import { emailSnippet } from '../../dashboard/src/distribute/email-snippet';

const URL_ = 'https://collector.example/s/TOKEN123';
const nps = {
  questions: [
    {
      id: 'nps',
      type: 'nps' as const,
      prompt: { en: 'How likely are you to <recommend> us?', fa: 'چقدر ما را به دوستانتان پیشنهاد می‌کنید؟' },
    },
  ],
};

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('email snippet', () => {
  it('one link per score of the first question, each pre-answering it in the chosen language', () => {
    const html = emailSnippet({ survey: nps, url: URL_, locale: 'en' });
    const links = hrefs(html).map((h) => new URL(h));
    const scored = links.filter((u) => u.searchParams.has('a'));
    expect(scored.map((u) => u.searchParams.get('a'))).toEqual(Array.from({ length: 11 }, (_, i) => `nps:${i}`));
    for (const u of links) {
      expect(u.origin + u.pathname).toBe(URL_);
      expect(u.searchParams.get('lang')).toBe('en');
    }
    // and a plain link to the page without an answer
    expect(links.some((u) => !u.searchParams.has('a'))).toBe(true);
  });

  it('is safe for Outlook and Gmail: tables, inline styles, bgcolor, no flex/grid/classes/<style>', () => {
    const html = emailSnippet({ survey: nps, url: URL_, locale: 'en' });
    expect(html).toMatch(/^<!--[\s\S]*<table role="presentation"/);
    expect(html).not.toMatch(/flex|grid|class=|<style|<div/);
    expect(html).toContain('bgcolor="#f3f4f6"');
    expect(html).toContain('Not at all likely');
    // the survey's text is escaped, never markup
    expect(html).not.toContain('<recommend>');
    expect(html).toContain('&lt;recommend&gt;');
  });

  it('Persian: right to left on every table, Persian digits on the buttons, ASCII values in the links', () => {
    const html = emailSnippet({ survey: nps, url: URL_, locale: 'fa' });
    const tables = html.match(/<table [^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThan(1);
    for (const t of tables) expect(t).toContain('dir="rtl"');
    expect(html).toContain('>۱۰</a>');
    expect(html).toContain('>۰</a>');
    expect(html).toContain('اصلاً محتمل نیست');
    expect(
      hrefs(html)
        .filter((h) => h.includes('a='))
        .at(-1),
    ).toBe(`${URL_}?lang=fa&a=nps%3A10`);
  });

  it('a single choice is one link per option; a text question is a plain link', () => {
    const choice = {
      questions: [
        {
          id: 'reason',
          type: 'choice' as const,
          prompt: { en: 'Why?' },
          options: [
            { id: 'price', label: { en: 'Price' } },
            { id: 'speed', label: { en: 'Speed' } },
          ],
        },
      ],
    };
    const a = hrefs(emailSnippet({ survey: choice, url: URL_, locale: 'en' })).map((h) =>
      new URL(h).searchParams.get('a'),
    );
    expect(a).toEqual(['reason:price', 'reason:speed', null]);
    const text = { questions: [{ id: 'why', type: 'text' as const, prompt: { en: 'Tell us' } }] };
    expect(hrefs(emailSnippet({ survey: text, url: URL_, locale: 'en' }))).toEqual([`${URL_}?lang=en`]);
  });
});
