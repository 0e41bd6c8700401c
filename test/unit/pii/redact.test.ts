import { findPii, redactPii } from '../../../functions/core/pii/redact';

describe('findPii', () => {
  it.each([
    ['NHS number, spaced', 'NHS no: 943 476 5919', 'nhs-number', '943 476 5919'],
    ['NHS number, dashed', 'it is 943-476-5919 ok', 'nhs-number', '943-476-5919'],
    ['NHS number, compact', '9434765919', 'nhs-number', '9434765919'],
    ['email', 'write to jo.bloggs+nhs@example.co.uk today', 'email', 'jo.bloggs+nhs@example.co.uk'],
    ['email before a full stop', 'email me at jo@example.com.', 'email', 'jo@example.com'],
    ['UK mobile', 'call me on 07700 900123 please', 'uk-phone', '07700 900123'],
    ['UK mobile, international', 'or +44 7700 900123', 'uk-phone', '+44 7700 900123'],
    ['UK landline with area code in brackets', 'ring (0113) 243 3144', 'uk-phone', '(0113) 243 3144'],
    ['UK landline, compact', 'ring 01132433144', 'uk-phone', '01132433144'],
    ['date of birth after DOB', 'DOB 12/03/1954 ward 4', 'date-of-birth', '12/03/1954'],
    ['date of birth in words', 'her date of birth is 3rd March 1954', 'date-of-birth', '3rd March 1954'],
    ['date of birth, d.o.b.', 'd.o.b: 01-02-80', 'date-of-birth', '01-02-80'],
  ])('%s', (_name, text, kind, found) => {
    const findings = findPii(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.kind).toBe(kind);
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe(found);
  });

  it.each([
    ['an invalid NHS number checksum', 'my number is 943 476 5918'],
    ['a social handle is not an email', 'thanks @NHSEngland and @nhs.uk'],
    ['emergency and 111 numbers are not personal', 'call 999 or 111, or 116 123 for Samaritans'],
    ['a date with no sign it is a birth date', 'my appointment is on 12/03/2026'],
    ['times and counts', 'waited 4 hours, from 09:00 to 13:00, 3 - 4 nurses'],
    ['a long reference that contains a phone-like tail', 'order 12345601132433144'],
  ])('finds nothing in %s', (_name, text) => {
    expect(findPii(text)).toEqual([]);
  });

  it('when a number reads as both, a valid NHS number wins over a phone number', () => {
    // 0130000132 passes Modulus 11 and is also shaped like a UK number (0 + nine digits).
    expect(findPii('ref 0130000132')).toEqual([{ kind: 'nhs-number', start: 4, end: 14 }]);
  });

  it('returns findings in order and never overlapping', () => {
    const text = 'jo@example.com 07700 900123 943 476 5919 DOB 01/02/1980';
    const findings = findPii(text);
    expect(findings.map((f) => f.kind)).toEqual(['email', 'uk-phone', 'nhs-number', 'date-of-birth']);
    findings.slice(1).forEach((f, i) => expect(f.start).toBeGreaterThanOrEqual(findings[i]!.end));
  });
});

describe('redactPii', () => {
  it.each([
    ['My NHS number is 943 476 5919, please check', 'My NHS number is [NHS number removed], please check', ['nhs-number']],
    ['943-476-5919', '[NHS number removed]', ['nhs-number']],
    ['email me at jo@example.com.', 'email me at [email address removed].', ['email']],
    ['Call me on 07700 900123', 'Call me on [phone number removed]', ['uk-phone']],
    ['Mum (DOB 12/03/1954) is on ward 4', 'Mum (DOB [date of birth removed]) is on ward 4', ['date-of-birth']],
    [
      'jo@example.com / 9434765919 / jo@example.com',
      '[email address removed] / [NHS number removed] / [email address removed]',
      ['email', 'nhs-number'],
    ],
    ['nothing personal here, 943 476 5918', 'nothing personal here, 943 476 5918', []],
  ])('%j -> %j', (input, expected, kinds) => {
    expect(redactPii(input)).toEqual({ text: expected, kinds });
  });
});

describe('UK phone numbers (libphonenumber-js)', () => {
  it.each([
    ['mobile', 'ring me on 07911 123456', '07911 123456'],
    ['mobile, dashed', 'ring 07911-123-456', '07911-123-456'],
    ['mobile, 0044', 'or 0044 7911 123456', '0044 7911 123456'],
    ['+44 (0) landline', 'call +44 (0)20 7946 0018', '+44 (0)20 7946 0018'],
    ['Cardiff landline', 'tel 029 2074 7747', '029 2074 7747'],
    ['freephone', '0800 123 4567 is the line', '0800 123 4567'],
    ['a number followed by more digits', 'call 07911 123456 943 476 5918', '07911 123456'],
  ])('%s', (_name, text, found) => {
    const phones = findPii(text).filter((f) => f.kind === 'uk-phone');
    expect(phones.map((f) => text.slice(f.start, f.end))).toEqual([found]);
  });

  it.each([
    ['a US number', 'my cousin is on +1 202 555 0143'],
    ['a reference without a trunk 0', 'ref 1234-5678-90'],
    ['a nine-digit reference', 'my ref is 123456789'],
    ['a complaint reference', 'complaint ref 2024/118873'],
    ['Samaritans and 111', 'call 116 123 or 111'],
  ])('not in %s', (_name, text) => {
    expect(findPii(text).filter((f) => f.kind === 'uk-phone')).toEqual([]);
  });
});

describe('postcodes', () => {
  it.each([
    ['CF14 4XW', 'send it to 1 High St, CF14 4XW please'],
    ['sw1a 1aa', 'i live at sw1a 1aa'],
    ['M11AE', 'postcode M11AE'],
    ['EC1A 1BB', 'EC1A 1BB'],
  ])('finds %s', (postcode, text) => {
    const found = findPii(text).filter((f) => f.kind === 'postcode');
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([postcode]);
  });

  it.each([
    ['an ordinal after a road', 'turn off the A1 1st exit'],
    ['a ward and a bed', 'ward 12 bed 4'],
    ['a word that looks like one', 'covid19 2nd dose'],
  ])('ignores %s', (_name, text) => {
    expect(findPii(text).filter((f) => f.kind === 'postcode')).toEqual([]);
  });

  it("leaves the trust's own sites' postcodes alone, in any spacing or case", () => {
    expect(redactPii('parking at cf144xw or at LS1 3EX?', { ignorePostcodes: ['CF14 4XW'] })).toEqual({
      text: 'parking at cf144xw or at [postcode removed]?',
      kinds: ['postcode'],
    });
  });
});
