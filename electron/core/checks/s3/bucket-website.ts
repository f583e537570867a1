import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketWebsite = bucketCheck(
  {
    id: 's3.bucket.website',
    title: 'Static website hosting',
    severity: 'low',
    category: 'protection',
    whatItMeans: 'This bucket is set up to serve a public website: its files can be opened in any browser at a website address.',
    whyItMatters:
      'A website bucket is meant to be public. It must hold only what the county means to publish (results pages, notices), never voter files, backups or working documents.',
    references: ['NIST SP 800-53 CM-7', 'NIST SP 800-53 AC-22'],
  },
  (bucket) => {
    const o = bucket.website;
    if (o.kind === 'none') return { status: 'pass', detail: `Bucket ${bucket.name} does not host a static website.` };
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} hosts a website`, o);
    const redirect = o.value.RedirectAllRequestsTo as { HostName?: string } | undefined;
    const index = (o.value.IndexDocument as { Suffix?: string } | undefined)?.Suffix;
    const how = redirect ? `it redirects every request to ${redirect.HostName ?? 'another host'}` : `index document ${index ?? '(none)'}`;
    return {
      status: 'fail',
      detail: `Bucket ${bucket.name} has static website hosting on (${how}); its website address serves every object anyone may read.`,
      evidence: { website: o.value },
    };
  },
);
