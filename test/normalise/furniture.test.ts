import { describe, expect, it } from 'vitest';
import { withoutFurniture } from '../../src/normalise/furniture.js';

describe('document furniture', () => {
  it('cuts an address header up to its postcode and phone number, keeping what follows', () => {
    expect(withoutFurniture("Coroner's Office, County Hall, High Road, Anytown, AB12 3CD Tel 01234 567890 a. The investigation was deficient.")).toBe(
      'a. The investigation was deficient.',
    );
    expect(withoutFurniture("Coroner's Office, County Hall, High Road, Anytown, AB1 2CD")).toBe('');
  });

  it('drops addressee lines, page counters and bare URLs', () => {
    expect(withoutFurniture('To the Secretary of State for Health and Social Care')).toBe('');
    expect(withoutFurniture('Page 3 of 20')).toBe('');
    expect(withoutFurniture('1/20')).toBe('');
    expect(withoutFurniture('https://www.gov.uk/government/publications/x')).toBe('');
  });

  it('keeps sentences that ask for something or merely mention a place', () => {
    for (const sentence of [
      'To the Secretary of State: you should review the guidance on ligature points.',
      'To reduce risk, trusts should audit ligature points.',
      'The A470 near the LL15 junction has no street lighting.',
      'NHS England should publish data on restraint by 2025.',
    ]) {
      expect(withoutFurniture(sentence)).toBe(sentence);
    }
  });
});
