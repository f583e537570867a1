import { credentialCheck, hitsFor } from './credential-check';

export const localAzureStorage = credentialCheck(
  {
    id: 'local.credential.azure-storage',
    title: 'Azure storage key or SAS token in a file',
    severity: 'high',
    whatItMeans: 'A file holds an Azure storage account key, a connection string with one, or a SAS token: whoever can open the file can read the storage it opens.',
    whyItMatters: 'An account key opens every container of the storage account, backups and exports of voter data included, and it works until someone rotates it.',
    references: ['NIST SP 800-53 IA-5', 'NIST SP 800-53 IA-5(7)', 'NIST SP 800-53 SC-12'],
  },
  {
    noun: 'Azure storage key or SAS token',
    hitsOf: hitsFor('local.credential.azure-storage'),
    // Only expired SAS tokens: nothing in the file still opens the storage.
    severityOf: (hits) => (hits.every((h) => h.expired) ? 'low' : undefined),
  },
);
