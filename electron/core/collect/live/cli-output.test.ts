import { describe, expect, it } from 'vitest';
import { cliBucketLocation, cliListObjectsV2, cliOutput, cliTimestamp } from './cli-output';

describe('what the AWS CLI v2 prints', () => {
  it('timestamps as botocore prints them: +00:00, microseconds only when there are any', () => {
    expect(cliTimestamp(new Date('2026-11-10T19:24:50.000Z'))).toBe('2026-11-10T19:24:50+00:00');
    expect(cliTimestamp(new Date('2026-11-10T19:24:50.007Z'))).toBe('2026-11-10T19:24:50.007000+00:00');
  });

  it('drops $metadata and undefined fields, deep', () => {
    expect(cliOutput({ $metadata: { httpStatusCode: 200 }, Owner: { ID: 'o', DisplayName: undefined }, Buckets: [{ Name: 'b', CreationDate: new Date('2020-01-01T00:00:00Z') }] })).toEqual({
      Owner: { ID: 'o' },
      Buckets: [{ Name: 'b', CreationDate: '2020-01-01T00:00:00+00:00' }],
    });
  });

  it('get-bucket-location: null for us-east-1', () => {
    expect(cliBucketLocation({})).toEqual({ LocationConstraint: null });
    expect(cliBucketLocation({ LocationConstraint: 'us-east-2' })).toEqual({ LocationConstraint: 'us-east-2' });
  });

  it('list-objects-v2: URL-encoded keys decoded as botocore does (+ is a space)', () => {
    const out = cliListObjectsV2({ EncodingType: 'url', Prefix: 'voter%2F', Contents: [{ Key: 'voter+rolls%2B2026.csv' }, { Key: 'bad%zzescape' }], CommonPrefixes: [{ Prefix: 'a%20b/' }] });
    expect(out).toEqual({ EncodingType: 'url', Prefix: 'voter/', Contents: [{ Key: 'voter rolls+2026.csv' }, { Key: 'bad%zzescape' }], CommonPrefixes: [{ Prefix: 'a b/' }] });
    expect(cliListObjectsV2({ Contents: [{ Key: 'a+b' }] })).toEqual({ Contents: [{ Key: 'a+b' }] });
  });
});
