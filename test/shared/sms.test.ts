import { describe, expect, it } from 'vitest';
import { isGsm7, smsLength } from '../../shared/sms';

describe('smsLength: what an SMS gateway bills', () => {
  it('plain English is GSM-7: 160 in one message, then parts of 153', () => {
    expect(smsLength('')).toMatchObject({ encoding: 'GSM-7', units: 0, segments: 0 });
    expect(smsLength('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 153 * 2 - 161 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('extension characters count two, and are never split between parts', () => {
    expect(smsLength('€')).toMatchObject({ encoding: 'GSM-7', characters: 1, units: 2 });
    expect(smsLength('{'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(smsLength(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
    // 152 septets, then a 2-septet € does not fit the first part's one free septet: it starts part two
    const r = smsLength(`${'a'.repeat(152)}€${'a'.repeat(10)}`);
    expect(r).toMatchObject({ units: 164, segments: 2, remaining: 153 - 12 });
  });

  it('GSM accents stay GSM-7; one character outside the alphabet makes the whole text UCS-2', () => {
    expect(isGsm7('Café à Zürich £5 @ 10:00')).toBe(true);
    expect(smsLength(`${'a'.repeat(100)}’`)).toMatchObject({
      encoding: 'UCS-2',
      units: 101,
      segments: 2,
      perSegment: 67,
    });
  });

  it('Persian and Arabic are UCS-2: 70 in one message, then parts of 67', () => {
    const fa = 'نظر شما درباره تحویل سفارش چیست؟ لطفا به ما امتیاز بدهید';
    expect(smsLength(fa)).toMatchObject({ encoding: 'UCS-2', characters: fa.length, segments: 1, perSegment: 70 });
    expect(smsLength('س'.repeat(70)).segments).toBe(1);
    expect(smsLength('س'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsLength('س'.repeat(134)).segments).toBe(2);
    expect(smsLength('س'.repeat(135)).segments).toBe(3);
    expect(smsLength('مرحبا، كيف كانت تجربتك؟').encoding).toBe('UCS-2');
  });

  it('an emoji takes two UTF-16 units and is not cut between parts', () => {
    expect(smsLength('👍')).toMatchObject({ encoding: 'UCS-2', characters: 1, units: 2 });
    const r = smsLength(`${'a'.repeat(66)}👍`);
    expect(r).toMatchObject({ units: 68, segments: 1 });
    const split = smsLength(`${'a'.repeat(66)}👍${'a'.repeat(10)}`);
    expect(split).toMatchObject({ units: 78, segments: 2, remaining: 67 - 12 });
  });
});
