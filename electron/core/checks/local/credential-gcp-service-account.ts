import { credentialCheck, hitsFor } from './credential-check';

export const localGcpServiceAccount = credentialCheck(
  {
    id: 'local.credential.gcp-service-account',
    title: 'Google Cloud service-account key file',
    severity: 'high',
    whatItMeans: "A file is a Google Cloud service-account key (the JSON file with a private key): whoever can open it can act as that service account.",
    whyItMatters: "Service-account keys never expire on their own; a copy on a shared drive opens whatever the account can reach in the county's Google Cloud projects.",
    references: ['NIST SP 800-53 IA-5', 'NIST SP 800-53 IA-5(7)', 'NIST SP 800-53 IR-4'],
  },
  { noun: 'Google Cloud service-account key', hitsOf: hitsFor('local.credential.gcp-service-account') },
);
