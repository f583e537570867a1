import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

const TARGETS = ['TopicConfigurations', 'QueueConfigurations', 'LambdaFunctionConfigurations'] as const;

export const bucketEventNotifications = bucketCheck(
  {
    id: 's3.bucket.event-notifications',
    title: 'Event notifications',
    severity: 'info',
    category: 'hygiene',
    whatItMeans: 'Nothing is told when files in this bucket are added, changed or deleted.',
    whyItMatters:
      'A notification (by e-mail through SNS, a queue, or EventBridge) lets staff notice an unexpected upload or a deleted election record the day it happens, not months later.',
    references: ['NIST SP 800-53 SI-4', 'NIST SP 800-53 AU-6', 'Prowler s3_bucket_event_notifications_enabled'],
  },
  (bucket) => {
    const o = bucket.notifications;
    if (o.kind === 'none') return { status: 'fail', detail: `Bucket ${bucket.name} sends no event notifications.` };
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} sends event notifications`, o);
    const to = TARGETS.filter((t) => Array.isArray(o.value[t]) && (o.value[t] as unknown[]).length > 0).map((t) => t.replace('Configurations', ''));
    // EventBridge is switched on by an empty object: its presence is the setting.
    if (o.value.EventBridgeConfiguration !== undefined) to.push('EventBridge');
    if (to.length) return { status: 'pass', detail: `Bucket ${bucket.name} sends event notifications (${to.join(', ')}).`, evidence: { notifications: o.value } };
    return { status: 'fail', detail: `Bucket ${bucket.name} sends no event notifications.`, evidence: { notifications: o.value } };
  },
);
