import { describe, expect, it } from 'vitest';
import { Forge } from '../../../../tests/helpers/credential-corpus';
import { accountOfKeyId, isAccessKeyId, redactKeyId } from './aws-key-id';

describe('accountOfKeyId', () => {
  // Pairs published with the method: Aidan Steele's (answered by sts:GetAccessKeyInfo), psanford's
  // aws-account-id-from-key README, the aws_account_id_from_key_id crate's doc test, and LocalStack's.
  it.each([
    ['ASIAY34FZKBOKMUTVV7A', '609629065308'],
    ['ASIAY34FZKBNKMUTVV7A', '609629065306'],
    ['ASIAY34FZKAOKMUTVV7A', '609629065244'],
    ['ASIAVJ2E6QGR2WZILJFM', '364679954851'],
    ['AKIASP2TPHJSQH3FJXYZ', '171436882533'],
    ['ASIAQAAAAAAAGMKEM7X5', '000000000000'],
  ])('%s belongs to %s', (id, account) => {
    expect(accountOfKeyId(id)).toBe(account);
  });

  it('does not invent an account for ids issued before the account was encoded (fifth character below Q)', () => {
    expect(accountOfKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(accountOfKeyId('AKIAJABCDEFGHIJKLMNO')).toBeUndefined();
  });

  it('decodes back every account the corpus encodes', () => {
    const f = new Forge(7);
    for (let i = 0; i < 500; i++) {
      const account = f.account();
      expect(accountOfKeyId(f.keyId(i % 2 ? 'AKIA' : 'ASIA', account))).toBe(account);
    }
  });
});

describe('isAccessKeyId', () => {
  it('takes the four credential prefixes with sixteen base32 characters', () => {
    for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA']) expect(isAccessKeyId(`${prefix}Y34FZKBOKMUTVV7A`)).toBe(true);
  });

  it('refuses principal ids, other lengths and characters outside base32', () => {
    for (const id of ['AIDAY34FZKBOKMUTVV7A', 'AROAY34FZKBOKMUTVV7A', 'AKIAY34FZKBOKMUTVV7', 'AKIAY34FZKBOKMUTVV7AB', 'AKIAY34FZKBOKMUTVV80']) expect(isAccessKeyId(id)).toBe(false);
  });
});

it('redactKeyId keeps the first and last four characters only', () => {
  expect(redactKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('ASIA…VV7A');
});
