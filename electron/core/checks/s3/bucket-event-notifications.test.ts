import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketEventNotifications } from './bucket-event-notifications';

const run = (b: ReturnType<typeof bucket>) => bucketEventNotifications.evaluate(b, ctx());

describe('s3.bucket.event-notifications', () => {
  it('passes with a queue, topic or Lambda target', () => {
    const r = run(bucket('b', { notifications: v({ QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-2:111122223333:q', Events: ['s3:ObjectCreated:*'] }] }) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('Queue');
  });
  it('passes with EventBridge, whose setting is an empty object', () => {
    expect(run(bucket('b', { notifications: v({ EventBridgeConfiguration: {} }) })).detail).toContain('EventBridge');
  });
  it('fails with nothing configured (the CLI prints {})', () => {
    expect(run(bucket()).status).toBe('fail');
    expect(run(bucket('b', { notifications: v({ TopicConfigurations: [] }) })).status).toBe('fail');
  });
  it('is unknown when denied', () => expect(run(bucket('b', { notifications: denied('get-bucket-notification-configuration') })).status).toBe('unknown'));
  it('is informational hygiene', () => expect(bucketEventNotifications.meta).toMatchObject({ severity: 'info', category: 'hygiene' }));
});
