import { expect, it } from 'vitest';
import { Forge } from '../../../../tests/helpers/credential-corpus';
import { seededRandom } from '../../../../tests/helpers/seeded-random';
import { NAMED_SECRET, SECRET_NAME_CHAR, SECRET_WORD } from './aws';
import { KEY_NAME_CHAR, KEY_WORD, NAMED_KEY } from './azure';
import { namedMatches } from './name-starts';

const f = new Forge(31);

const CASES = [
  { what: 'AWS named secrets', named: NAMED_SECRET, word: SECRET_WORD, name: SECRET_NAME_CHAR, values: [f.secretKey(), f.secretKey(), f.secretKey().slice(0, 39)], words: ['secret', 'SECRET', 'Secret', 'secre', 'aws', 'key', 'secret_access_key=', 'Secret: '] },
  { what: 'Azure named keys', named: NAMED_KEY, word: KEY_WORD, name: KEY_NAME_CHAR, values: [f.azureKey(), f.azureKey(), f.azureKey().slice(1)], words: ['account', 'Account', 'AccountKey', 'storage', 'primary', 'Secondary', 'key', 'access', 'AccountKey=', 'primary_access_key = ', '--account-key '] },
];

for (const c of CASES) {
  it(`${c.what}: finds what a global search of the same regex finds, on names, runs and assignments cut and joined at random`, () => {
    const global = new RegExp(c.named.source, 'gi');
    const rnd = seededRandom(17);
    const int = (n: number) => Math.floor(rnd() * n);
    const parts = [...c.words, '_', '.', '-', ' ', 'x', '=', ':', '=>', ' = ', '"', "'", '\n', '+', '/', '0', ...c.values, ...c.values];
    let matches = 0;
    for (let n = 0; n < 5_000; n++) {
      const text = Array.from({ length: 2 + int(30) }, () => parts[int(parts.length)]).join('');
      const want = [...text.matchAll(global)].map((m) => [m.index, ...m]);
      expect([...namedMatches(text, c.word, c.named, c.name)].map((m) => [m.index, ...m]), JSON.stringify(text)).toEqual(want);
      matches += want.length;
    }
    expect(matches).toBeGreaterThan(300);
  });
}

it('tries a long run of names once, however many of the words it holds', () => {
  // Tried at every letter, or once per word, these took minutes.
  const key = f.azureKey();
  const text = `${'x'.repeat(200_000)}AccountKey=${key} ${'account'.repeat(30_000)} ${'y'.repeat(200_000)}==`;
  expect([...namedMatches(text, KEY_WORD, NAMED_KEY, KEY_NAME_CHAR)].map((m) => m[2])).toEqual([key]);
});
