import { describe, expect, it } from 'vitest';
import { LOCAL_ROOT, localFile, localInventory, presignedUrlHit } from '../../../../tests/helpers/local-inventory';
import { localPresignedUrl } from './credential-presigned-url';

describe('local.credential.presigned-url', () => {
  it('fails a file holding a link, low when every link in it has expired, medium while one still works', () => {
    const expired = localPresignedUrl.evaluate(localInventory([localFile('notes.txt', { hits: [presignedUrlHit] })]));
    expect(expired[0].verdict).toMatchObject({ status: 'fail', severity: 'low', evidence: { hits: [{ kind: 's3-presigned-url', expires: '2026-01-01T00:00:00Z', expired: true }] } });
    const live = localPresignedUrl.evaluate(localInventory([localFile('notes.txt', { hits: [presignedUrlHit, { ...presignedUrlHit, line: 9, expired: false }] })]));
    expect(live[0].verdict.status).toBe('fail');
    expect(live[0].verdict.severity).toBeUndefined();
    expect(localPresignedUrl.meta.severity).toBe('medium');
  });

  it('passes the folder when no file holds a link', () => {
    expect(localPresignedUrl.evaluate(localInventory([localFile('a.txt')])).map((v) => [v.resource.id, v.verdict.status])).toEqual([[LOCAL_ROOT, 'pass']]);
  });
});
