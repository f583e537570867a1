import { describe, expect, it } from 'vitest';
import { bucket, inventory, v } from '../../../tests/helpers/inventory';
import { evaluate, readingOrder } from './engine';
import { bucketCheck, objectRef, objectsCheck, type Finding } from './types';

const meta = { title: 't', severity: 'medium' as const, category: 'exposure' as const, whatItMeans: 'w', whyItMatters: 'w', references: [] };

describe('evaluate with objects checks', () => {
  const perObject = objectsCheck({ ...meta, id: 'test.objects' }, (b) =>
    b.objects.kind === 'value' ? b.objects.value.sample.map((o) => ({ resource: objectRef(b, o.key), verdict: { status: 'pass' as const, detail: o.key } })) : [],
  );
  const perBucket = bucketCheck({ ...meta, id: 'test.bucket' }, () => ({ status: 'fail', detail: 'd' }));
  const inv = inventory([bucket('a', { objects: v({ sample: [{ key: 'x/1.csv', size: 1 }, { key: '2.csv', size: 1 }], truncated: false }) }), bucket('b')]);

  it('gives one finding per resource an objects check names, beside one per bucket for bucket checks', () => {
    const f = evaluate(inv, { checks: [perObject, perBucket] });
    expect(f.filter((x) => x.checkId === 'test.objects').map((x) => [x.resource.type, x.resource.id, x.resource.name])).toEqual([
      ['object', 'arn:aws:s3:::a/x/1.csv', 'a/x/1.csv'],
      ['object', 'arn:aws:s3:::a/2.csv', 'a/2.csv'],
      ['object', 'arn:aws:s3:::b/readme.txt', 'b/readme.txt'],
    ]);
    expect(f.filter((x) => x.checkId === 'test.bucket').map((x) => x.resource.name)).toEqual(['a', 'b']);
  });

  it('turns an objects check that throws into one unknown finding for the bucket', () => {
    const broken = objectsCheck({ ...meta, id: 'test.broken' }, () => {
      throw new Error('odd evidence');
    });
    const f = evaluate(inv, { checks: [broken] });
    expect(f.map((x) => [x.status, x.resource.type, x.resource.name])).toEqual([
      ['unknown', 'bucket', 'a'],
      ['unknown', 'bucket', 'b'],
    ]);
    expect(f[0].detail).toContain('odd evidence');
  });
});

describe('severity where exposure meets what it exposes', () => {
  const publicPolicy = (name: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }],
  });
  const open = (name: string, keys: string[], isPublic: boolean) =>
    bucket(name, {
      publicAccessBlock: v({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false }),
      ...(isPublic ? { policy: v(publicPolicy(name)) } : {}),
      objects: v({ sample: keys.map((key) => ({ key, size: 10 })), truncated: false }),
      objectAcls: v({}),
    });
  const at = (f: ReturnType<typeof evaluate>, check: string, name: string) => f.find((x) => x.checkId === check && x.resource.name === name)!;

  it('raises a public bucket holding dumps or keys to critical, and leaves a private one as it was', () => {
    const f = evaluate(inventory([open('dumps-public', ['backups/vr-db.sql.gz'], true), open('dumps-private', ['backups/vr-db.sql.gz'], false)]));
    expect(at(f, 's3.bucket.sensitive-files', 'dumps-public')).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(at(f, 's3.bucket.sensitive-files', 'dumps-private').status).toBe('fail');
    expect(at(f, 's3.bucket.sensitive-files', 'dumps-private').severity).not.toBe('critical');
  });

  it('raises public read of voter data to critical, on both findings', () => {
    const f = evaluate(inventory([open('rolls', ['voter-rolls/voter-extract.csv'], true)]));
    expect(at(f, 's3.bucket.public-read', 'rolls').severity).toBe('critical');
    expect(at(f, 's3.bucket.voter-data', 'rolls')).toMatchObject({ status: 'fail', severity: 'critical' });
  });
});

describe('the reading order', () => {
  const f = (checkId: string, status: Finding['status'], severity: Finding['severity'], type: Finding['resource']['type'], name: string): Finding => ({
    checkId,
    status,
    severity,
    resource: { type, id: name, name },
    title: checkId,
    detail: '',
    evidence: {},
    references: [],
  });

  it('puts what anyone can reach first (a public bucket, a voter file or key on a drive), then what could not be checked, then the rest, passes last', () => {
    const findings = [
      f('s3.bucket.versioning', 'fail', 'low', 'bucket', 'b1'),
      f('local.voter-file', 'unknown', 'high', 'file', '/share'),
      f('s3.bucket.public-read', 'pass', 'high', 'bucket', 'b2'),
      f('local.credential.aws-access-key', 'fail', 'high', 'file', '/share/deploy.sh'),
      f('s3.bucket.public-read', 'fail', 'high', 'bucket', 'b3'),
      f('s3.bucket.public-read', 'unknown', 'high', 'bucket', 'b4'),
    ];
    expect([...findings].sort(readingOrder).map((x) => `${x.status} ${x.resource.name}`)).toEqual([
      'fail b3',
      'fail /share/deploy.sh',
      'unknown b4',
      'unknown /share',
      'fail b1',
      'pass b2',
    ]);
  });
});
