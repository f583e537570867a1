import { credentialCheck, hitsFor } from './credential-check';

export const localPresignedUrl = credentialCheck(
  {
    id: 'local.credential.presigned-url',
    title: 'Presigned S3 download link in a file',
    severity: 'medium',
    whatItMeans: 'A file holds a presigned S3 link: until it expires, anyone with the link can download the object, with no sign-in.',
    whyItMatters: 'Links to voter files get forwarded in e-mails and notes; the finding says when each link expires, and an expired one still names the key that signed it.',
    references: ['NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-21', 'NIST SP 800-53 IA-5'],
  },
  {
    noun: 'presigned S3 link',
    hitsOf: hitsFor('local.credential.presigned-url'),
    severityOf: (hits) => (hits.every((h) => h.expired) ? 'low' : undefined),
  },
);
