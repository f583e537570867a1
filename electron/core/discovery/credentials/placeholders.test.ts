import { describe, expect, it } from 'vitest';
import { Forge } from '../../../../tests/helpers/credential-corpus';
import { isPlaceholder, looksRandom } from './placeholders';

describe('isPlaceholder', () => {
  it.each([
    'AKIAIOSFODNN7EXAMPLE',
    'AKIAI44QH8DHBEXAMPLE',
    'ASIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    'AKIAXXXXXXXXXXXXXXXX',
    'AKIAAAAAAAAAAAAAAAAA',
    'your-key-here',
    '<secret-access-key>',
    '${AWS_SECRET_ACCESS_KEY}',
    '{{ storage_key }}',
    '%AZURE_STORAGE_KEY%',
    'REDACTED',
    'AKIATESTTESTTESTTEST',
    'AKIAABCDEFGHIJKLMNOP',
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ1234',
    'Zq3vT8kLmN2pR7sW0123456789Zq3vT8kLmN2pR7',
  ])('%s is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it('lets random keys through', () => {
    const f = new Forge(3);
    for (let i = 0; i < 2_000; i++) {
      expect(isPlaceholder(f.keyId())).toBe(false);
      expect(isPlaceholder(f.secretKey())).toBe(false);
      expect(isPlaceholder(f.azureKey())).toBe(false);
    }
  });
});

describe('looksRandom', () => {
  it('wants upper and lower case letters and digits', () => {
    expect(looksRandom('Zq3vT8kLmN2pR7sW')).toBe(true);
    expect(looksRandom('da39a3ee5e6b4b0d3255bfef95601890afd80709')).toBe(false);
    expect(looksRandom('ThisIsNotRandomAtAllJustWordsStrungTogether')).toBe(false);
  });
});
