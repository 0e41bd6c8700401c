import { findNhsNumbers, isValidNhsNumber } from '../../../functions/core/pii/nhs-number';

describe('isValidNhsNumber (Modulus 11)', () => {
  it.each([
    ['9434765919', 'the NHS Data Dictionary example'],
    ['4010232137', 'check digit 7'],
    ['4505577104', 'check digit 4'],
    ['6000000006', 'check digit 6'],
    ['1234567881', 'check digit 1'],
    ['4010232080', 'remainder 0: check digit 0, not 11'],
    ['943 476 5919', 'spaced 3-3-4 as printed on letters'],
    ['943-476-5919', 'dashed'],
    ['943 - 476 - 5919', 'dashes with spaces'],
  ])('accepts %s (%s)', (digits) => {
    expect(isValidNhsNumber(digits)).toBe(true);
  });

  it.each([
    ['9434765918', 'wrong check digit'],
    ['9434765910', 'wrong check digit (0)'],
    ['4010232081', 'remainder 0 but check digit 1'],
    ['4010232138', 'one digit off'],
    ['1234567890', 'remainder gives 10: no valid check digit exists'],
    ['1234567891', 'remainder gives 10, whatever the last digit'],
    ['1111111111', 'all the same digit: passes the arithmetic but is never issued'],
    ['0000000000', 'all zeros'],
    ['943476591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['943476591X', 'a letter'],
    ['', 'empty'],
    ['943.476.5919', 'dots are not a way NHS numbers are written'],
  ])('rejects %s (%s)', (digits) => {
    expect(isValidNhsNumber(digits)).toBe(false);
  });
});

describe('findNhsNumbers', () => {
  it.each([
    ['My number is 9434765919 thanks', ['9434765919']],
    ['NHS no 943 476 5919.', ['943 476 5919']],
    ['943-476-5919, mum is on ward 7', ['943-476-5919']],
    ['Ward 12 9434765919', ['9434765919']],
    ['wide spacing 943     476     5919', ['943     476     5919']],
    ['across lines 943\n476\n5919', []],
    ['two: 9434765919 and 401 023 2137', ['9434765919', '401 023 2137']],
    ['invalid 943 476 5918', []],
    ['ten digits inside a longer number 94347659190', []],
    ['order ref 123456789434765919', []],
    ['phone 0113 243 3144', []],
  ])('in %j finds %j', (text, expected) => {
    expect(findNhsNumbers(text).map(({ start, end }) => text.slice(start, end))).toEqual(expected);
  });
});
