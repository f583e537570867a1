import { describe, expect, it } from 'vitest';
import { account, ctx, denied, notCollected, OWNER, v } from '../../../../tests/helpers/inventory';
import { scanIdentityLongLived } from './scan-identity-long-lived';

const run = (identity: { Arn?: string; UserId?: string; Account?: string }) =>
  scanIdentityLongLived.evaluate(ctx(account({ callerIdentity: v(identity) })));

describe('creds.scan-identity.long-lived', () => {
  it('fails on an IAM user, telling how to move off access keys', () => {
    const r = run({ Arn: `arn:aws:iam::${OWNER}:user/it/auditor`, UserId: 'AIDAEXAMPLEUSER12345', Account: OWNER });
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('IAM user arn:aws:iam::111122223333:user/it/auditor');
    expect(r.detail).toContain('single sign-on');
  });
  it('fails at high severity on root access keys', () => {
    expect(run({ Arn: `arn:aws:iam::${OWNER}:root`, UserId: OWNER, Account: OWNER })).toMatchObject({ status: 'fail', severity: 'high' });
  });
  it('passes an assumed role (SSO sessions are assumed roles too)', () => {
    const sso = `arn:aws:sts::${OWNER}:assumed-role/AWSReservedSSO_SecurityAudit_0123456789abcdef/clerk@county.example`;
    expect(run({ Arn: sso, UserId: 'AROAEXAMPLEROLE12345:clerk@county.example' }).status).toBe('pass');
  });
  it('passes a federated user', () => {
    expect(run({ Arn: `arn:aws-us-gov:sts::${OWNER}:federated-user/auditor` }).status).toBe('pass');
  });
  it('falls back to the unique id when the ARN is missing', () => {
    expect(run({ UserId: 'AIDAEXAMPLEUSER12345' }).status).toBe('fail');
    expect(run({ UserId: 'AROAEXAMPLEROLE12345:session' }).status).toBe('pass');
  });
  it('is unknown for an identity it does not recognize (e.g. an S3-compatible server)', () => {
    expect(run({ Arn: 'arn:aws:sts::123456789012:user/moto' }).status).toBe('unknown');
    expect(run({}).status).toBe('unknown');
  });
  it('is unknown when get-caller-identity failed or was not collected', () => {
    expect(scanIdentityLongLived.evaluate(ctx(account({ callerIdentity: denied('caller-identity') }))).status).toBe('unknown');
    expect(scanIdentityLongLived.evaluate(ctx(account({ callerIdentity: notCollected('caller-identity') }))).detail).toContain('not collected');
  });
});
