import { mkdirSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EVIDENCE } from '../../../tests/helpers/bundle';
import { evidenceKind, inspectEvidence } from './evidence-source';

const SNAPSHOT = path.resolve(__dirname, '../../../tests/fixtures/aws-config/snapshot.json');

describe('offline evidence, whichever form it takes', () => {
  it('reads a file ending .json or .json.gz as AWS Config, anything else as a bundle', () => {
    expect(evidenceKind(SNAPSHOT)).toBe('aws-config');
    expect(evidenceKind('/somewhere/snapshot.JSON.GZ')).toBe('aws-config');
    expect(evidenceKind('/somewhere/evidence.zip')).toBe('evidence');
    expect(evidenceKind(DEMO_EVIDENCE)).toBe('evidence');
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-kind-')), 'named-like.json');
    mkdirSync(folder);
    expect(evidenceKind(folder)).toBe('evidence');
  });

  it('says what a Config file holds, as it does for a bundle (the wizard shows it before a scan)', async () => {
    expect(await inspectEvidence(SNAPSHOT)).toEqual({
      accountId: '111122223333',
      collectedAt: '2026-11-19T21:44:30.000Z',
      collector: 'AWS Config snapshot 94ccff53-83be-42d9-996f-b4624b3c1a55',
      bucketCount: 4,
    });
    expect(await inspectEvidence(DEMO_EVIDENCE)).toMatchObject({ accountId: '210987654321', bucketCount: 15 });
  });
});
