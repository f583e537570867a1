/**
 * The two detectors a local scan runs on each file, behind one seam: the voter-file
 * classifier and the credential scanner (discovery/). TEMPORARY for the voter-file half:
 * until discovery/voter-file.ts lands, the header classifier gives its verdict's shape.
 */
import { tableShapes } from '../discovery/table-shapes';
import { classifyHeader } from '../discovery/voter-columns';
export { createCredentialScanner, type CredentialHit } from '../discovery/credentials/scanner';

export interface VoterFileVerdict {
  isVoterFile: boolean;
  columns: string[];
  layout?: { state: string; name: string; score: number };
  rowEstimate?: number;
  format: string;
  reason: string;
}

export function classifyTableHead(head: Uint8Array, info: { name: string; totalBytes: number }): VoterFileVerdict | null {
  const shapes = tableShapes(Buffer.from(head.buffer, head.byteOffset, head.byteLength), head.byteLength >= info.totalBytes);
  if (!shapes?.header) return null;
  const v = classifyHeader(shapes.header);
  return {
    isVoterFile: v.isVoterFile,
    columns: v.columns,
    ...(v.layout ? { layout: { state: v.layout.layout.state, name: v.layout.layout.name, score: v.layout.score } } : {}),
    format: 'delimited text',
    reason: v.reason,
  };
}

export async function classifyXlsx(_source: string | Buffer, _info: { name: string; totalBytes: number }): Promise<VoterFileVerdict | null> {
  return null;
}
