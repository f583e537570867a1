import type { CredentialHit } from '../../electron/core/discovery/credentials/scanner';
import type { FileReport } from '../../electron/core/local/file-report';
import type { LocalInventory } from '../../electron/core/local/local-inventory';

/** Hand-made local-scan inventories for the local.* check tests: ten files read under one folder. */

export const LOCAL_ROOT = '/county/share';

export const localInventory = (files: FileReport[]): LocalInventory => ({
  root: LOCAL_ROOT,
  files,
  stats: { files: 10, bytes: 1000, binarySkipped: 1, archiveMembers: 0, directories: 2, symlinksSkipped: 0, specialSkipped: 0 },
});

export const localFile = (name: string, extra: Partial<FileReport> = {}): FileReport => ({ id: `${LOCAL_ROOT}/${name}`, name, bytes: 100, hits: [], ...extra });

export const awsKeyHit: CredentialHit = { checkId: 'local.credential.aws-access-key', kind: 'aws-access-key-id', line: 6, fingerprint: 'AKIA…MMQQ', account: '210987654321' };

export const presignedUrlHit: CredentialHit = { checkId: 'local.credential.presigned-url', kind: 's3-presigned-url', line: 2, fingerprint: 'AKIA…TXPM', expires: '2026-01-01T00:00:00Z', expired: true };

export const voterVerdict = {
  isVoterFile: true,
  columns: ['VOTER_ID', 'LAST_NAME'],
  layout: { state: 'OH', name: 'Voter file', score: 0.8 },
  rowEstimate: 1200,
  format: 'csv' as const,
  reason: 'its header is the OH layout',
};
