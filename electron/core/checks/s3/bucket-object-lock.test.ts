import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketObjectLock } from './bucket-object-lock';

const run = (b: ReturnType<typeof bucket>) => bucketObjectLock.evaluate(b, ctx());
const lock = (rule?: Record<string, unknown>) => v<Record<string, unknown>>({ ObjectLockEnabled: 'Enabled', ...(rule ? { Rule: { DefaultRetention: rule } } : {}) });

describe('s3.bucket.object-lock', () => {
  it('passes with a 22-month compliance retention', () => {
    const r = run(bucket('b', { objectLock: lock({ Mode: 'COMPLIANCE', Days: 670 }) }));
    expect(r.status).toBe('pass');
    expect(r.detail).not.toContain('shorter');
  });
  it('passes but warns when the default retention is shorter than 22 months', () => {
    expect(run(bucket('b', { objectLock: lock({ Mode: 'GOVERNANCE', Days: 90 }) })).detail).toContain('shorter than the 22 months');
    expect(run(bucket('b', { objectLock: lock({ Mode: 'COMPLIANCE', Years: 2 }) })).detail).not.toContain('shorter');
  });
  it('passes and explains when there is no default retention', () => expect(run(bucket('b', { objectLock: lock() })).detail).toContain('no default retention'));
  it('fails without object lock (ObjectLockConfigurationNotFoundError)', () => expect(run(bucket()).status).toBe('fail'));
  it('fails on a configuration that is not enabled', () => expect(run(bucket('b', { objectLock: v({}) })).status).toBe('fail'));
  it('is unknown when denied', () => expect(run(bucket('b', { objectLock: denied('get-object-lock-configuration') })).status).toBe('unknown'));
});
