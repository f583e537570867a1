import { describe, expect, it } from 'vitest';
import { account, aclWith, bucket, ctx, denied, notCollected, ownerAcl, pab, v } from '../../../../tests/helpers/inventory';
import { objectPublicAcl } from './object-public-acl';

const open = { publicAccessBlock: v(pab(false)), ownership: v('ObjectWriter') };
const run = (b: ReturnType<typeof bucket>, a = account()) => objectPublicAcl.evaluate(b, ctx(a));
const acls = (map: Record<string, ReturnType<typeof aclWith>>) => v(map);

describe('s3.object.public-acl', () => {
  it('gives one finding per sampled object, with object resources', () => {
    const r = run(bucket('b', { ...open, objectAcls: acls({ 'z.txt': ownerAcl, 'maps/a.geojson': aclWith(['AllUsers', 'READ']) }) }));
    expect(r.map((x) => [x.resource, x.verdict.status])).toEqual([
      [{ type: 'object', id: 'arn:aws:s3:::b/maps/a.geojson', name: 'b/maps/a.geojson' }, 'fail'],
      [{ type: 'object', id: 'arn:aws:s3:::b/z.txt', name: 'b/z.txt' }, 'pass'],
    ]);
    expect(r[0].verdict.detail).toBe('Anyone on the internet can download object b/maps/a.geojson: its ACL grants READ to AllUsers (anyone on the internet).');
  });
  it('fails on AuthenticatedUsers too (AWS counts it public)', () => {
    const [r] = run(bucket('b', { ...open, objectAcls: acls({ 'a.csv': aclWith(['AuthenticatedUsers', 'READ']) }) }));
    expect(r.verdict.status).toBe('fail');
    expect(r.verdict.detail).toMatch(/^Anyone with any AWS account can download/);
  });
  it('lowers the severity when only the permissions can be read', () => {
    const [r] = run(bucket('b', { ...open, objectAcls: acls({ 'a.csv': aclWith(['AllUsers', 'READ_ACP']) }) }));
    expect(r.verdict).toMatchObject({ status: 'fail', severity: 'low' });
  });
  it('passes a public object ACL neutralized by IgnorePublicAcls, and says so', () => {
    const [r] = run(bucket('b', { ownership: v('ObjectWriter'), publicAccessBlock: v(pab({ IgnorePublicAcls: true })), objectAcls: acls({ 'a.html': aclWith(['AllUsers', 'READ']) }) }));
    expect(r.verdict.status).toBe('pass');
    expect(r.verdict.detail).toContain('IgnorePublicAcls (on at bucket level)');
  });
  it('passes a public object ACL when ACLs are disabled (BucketOwnerEnforced)', () => {
    const [r] = run(bucket('b', { publicAccessBlock: v(pab(false)), objectAcls: acls({ 'a.html': aclWith(['AllUsers', 'READ']) }) }));
    expect(r.verdict.detail).toContain('BucketOwnerEnforced');
  });
  it('is unknown for a public object ACL when Block Public Access could not be read', () => {
    const [r] = run(
      bucket('b', { ownership: v('ObjectWriter'), publicAccessBlock: denied('get-public-access-block'), objectAcls: acls({ 'a.csv': aclWith(['AllUsers', 'READ']) }) }),
      account({ publicAccessBlock: denied('get-public-access-block') }),
    );
    expect(r.verdict.status).toBe('unknown');
  });
  it('gives one unknown finding for the bucket when object ACLs were denied or not collected', () => {
    for (const objectAcls of [denied<Record<string, never>>('get-object-acl'), notCollected<Record<string, never>>('get-object-acl')]) {
      const r = run(bucket('b', { ...open, objectAcls }));
      expect(r).toHaveLength(1);
      expect(r[0].resource).toEqual({ type: 'bucket', id: 'arn:aws:s3:::b', name: 'b' });
      expect(r[0].verdict.status).toBe('unknown');
      expect(r[0].verdict.detail).toContain('get-object-acl');
    }
  });
  it('is unknown when no object ACL was sampled from a bucket that has objects', () => {
    expect(run(bucket('b', { ...open, objectAcls: v({}) }))[0].verdict.detail).toContain('no object ACL was sampled');
  });
  it('passes the bucket when object ACLs were not collected but cannot take effect', () => {
    const r = run(bucket('b', { objectAcls: notCollected('get-object-acl') }));
    expect(r).toHaveLength(1);
    expect(r[0].verdict.status).toBe('pass');
  });
  it('gives no finding for a bucket known to be empty', () => {
    expect(run(bucket('b', { ...open, objects: v({ sample: [], truncated: false }), objectAcls: notCollected('get-object-acl') }))).toEqual([]);
  });
});
