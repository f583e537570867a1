import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzePolicy, isNarrowCidr, publicGrants } from './policy';

const OWNER = '111122223333';
const stmt = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra }],
});
const isPublic = (policy: unknown) => publicGrants(policy, OWNER, 'b', ['s3:GetObject'], 'objects').length > 0;

/**
 * Cases from AWS's "The meaning of public" (S3 User Guide, Block Public Access) and the
 * places Prowler's own rules differ from it (shared/research/s3-checks.md, section 1a).
 */
describe('policy exposure follows AWS, not Prowler', () => {
  const cases: Array<[string, Record<string, unknown>, boolean]> = [
    ['Principal "*" with no condition', {}, true],
    ['Principal {"AWS":"*"}', { Principal: { AWS: '*' } }, true],
    ['Principal list holding "*" beside the owner', { Principal: { AWS: [`arn:aws:iam::${OWNER}:root`, '*'] } }, true],
    ['Federated principal (AWS example)', { Principal: { Federated: 'graph.facebook.com' } }, true],
    ['NotPrincipal with Allow', { Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${OWNER}:root` } }, true],
    ['StringLike aws:SourceVpc "vpc-*" (AWS example: public)', { Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } }, true],
    ['StringEquals aws:SourceVpc fixed (AWS example: not public)', { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-91237329' } } }, false],
    ['fixed public IP in aws:SourceIp (Prowler says public; AWS not)', { Condition: { IpAddress: { 'aws:SourceIp': '1.2.3.4' } } }, false],
    ['/8 is the broadest fixed IPv4 range', { Condition: { IpAddress: { 'aws:SourceIp': '8.0.0.0/8' } } }, false],
    ['0.0.0.0/1 is public', { Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } } }, true],
    ['IPv6 /32 is fixed', { Condition: { IpAddress: { 'aws:SourceIp': '2600:1f18::/32' } } }, false],
    ['IPv6 /16 is public', { Condition: { IpAddress: { 'aws:SourceIp': '2600::/16' } } }, true],
    ['NotIpAddress limits nothing', { Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }, true],
    ['StringLike aws:userid "AROLEID:*" is public', { Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLE:*' } } }, true],
    ['StringLike aws:PrincipalOrgID "o-*" is public', { Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } }, true],
    ['StringEquals aws:PrincipalOrgID fixed', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }, false],
    ['ArnLike aws:SourceArn with a wildcard is public', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } } }, true],
    ['s3:DataAccessPointAccount fixed (Prowler: public)', { Condition: { StringEquals: { 's3:DataAccessPointAccount': OWNER } } }, false],
    ['s3:DataAccessPointArn with wildcard name but fixed account', { Condition: { ArnLike: { 's3:DataAccessPointArn': `arn:aws:s3:us-west-2:${OWNER}:accesspoint/*` } } }, false],
    ['kms key id fixed (Prowler: public)', { Condition: { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/k' } } }, false],
    ['a policy variable is not a fixed value', { Condition: { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } } }, true],
    ['IfExists limits nothing (absent key passes)', { Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } }, true],
    ['aws:Referer limits nothing', { Condition: { StringLike: { 'aws:Referer': 'https://county.example/*' } } }, true],
    ['condition keys are case-insensitive', { Condition: { StringEquals: { 'AWS:SOURCEVPCE': 'vpce-1a2b3c4d' } } }, false],
    ['Deny grants nothing', { Effect: 'Deny' }, false],
    ['a fixed other account is shared, not public', { Principal: { AWS: 'arn:aws:iam::777788889999:root' } }, false],
    ['a service principal is not public', { Principal: { Service: 'logging.s3.amazonaws.com' } }, false],
    ['a deleted role shown as its unique id is a fixed principal', { Principal: { AWS: 'AROATDMKQ7HW4PXV2NBQE' } }, false],
    ['a principal that is neither an account nor a unique id counts as public', { Principal: { AWS: 'somebody' } }, true],
    ['NotAction excluding other actions still grants GetObject', { Action: undefined, NotAction: 's3:DeleteObject' }, true],
    ['NotAction excluding s3:Get* does not grant GetObject', { Action: undefined, NotAction: 's3:Get*' }, false],
    ['"*" action grants GetObject', { Action: '*' }, true],
    ['actions are case-insensitive', { Action: 'S3:getobject' }, true],
    ['a bucket-only resource grants no object read', { Resource: 'arn:aws:s3:::b' }, false],
    ['another bucket\'s objects are not this bucket\'s', { Resource: 'arn:aws:s3:::other/*' }, false],
    ['a prefix of this bucket is public read', { Resource: 'arn:aws:s3:::b/public/*' }, true],
  ];
  it.each(cases)('%s', (_name, extra, expected) => {
    expect(isPublic(stmt(extra))).toBe(expected);
  });

  it('one public statement makes the policy public, beside non-public ones', () => {
    const policy = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::777788889999:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      ],
    };
    expect(isPublic(policy)).toBe(true);
    expect(analyzePolicy(policy, OWNER).map((r) => r.reach)).toEqual(['cross-account', 'public']);
  });

  it('accepts a single Statement object, not only a list', () => {
    expect(isPublic({ Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } })).toBe(true);
  });
});

describe('isNarrowCidr', () => {
  it.each([
    ['10.0.0.0/8', true],
    ['192.168.1.0/24', true],
    ['1.2.3.4', true],
    ['0.0.0.0/0', false],
    ['128.0.0.0/1', false],
    ['300.1.1.1/32', false],
    ['1.2.3.*', false],
    ['::/0', false],
    ['2001:db8::/64', true],
  ])('%s -> %s', (cidr, ok) => expect(isNarrowCidr(cidr)).toBe(ok));
});

describe('no policy crashes the evaluator', () => {
  it('holds for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (policy) => {
        analyzePolicy(policy, OWNER);
        publicGrants(policy, OWNER, 'b', ['s3:GetObject'], 'objects');
        publicGrants(policy, OWNER, 'b', ['s3:ListBucket'], 'bucket');
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for policy-shaped values with odd members', () => {
    const anyVal = fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(null), fc.integer(), fc.dictionary(fc.string(), fc.jsonValue()));
    const statement = fc.record(
      {
        Effect: fc.oneof(fc.constantFrom('Allow', 'Deny', 'allow'), fc.jsonValue()),
        Principal: anyVal,
        NotPrincipal: anyVal,
        Action: anyVal,
        NotAction: anyVal,
        Resource: anyVal,
        Condition: fc.oneof(fc.dictionary(fc.string(), fc.dictionary(fc.string(), anyVal)), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 5 }), (sts) => {
        const policy = { Version: '2012-10-17', Statement: sts };
        publicGrants(policy, OWNER, 'b', ['s3:GetObject', 's3:PutObject'], 'objects');
      }),
      { numRuns: 2000 },
    );
  });
});
