import { assertEmptyTarget, writeBundleFolder } from '../write-bundle';
import type { LiveOptions } from './live-options';
import { readLiveEvidence, type LiveEvidence, type LiveRunOptions } from './read-live';

/**
 * Collect only (`canvass collect --out DIR`, and the app's "Collect evidence only"): a live
 * read written as a canvass-evidence/1 bundle into a new or empty folder, whole or not at all.
 * A full folder is refused before any call is made; a cancelled read writes nothing.
 */
export async function collectToFolder(out: string, o: LiveOptions, run: LiveRunOptions = {}): Promise<LiveEvidence> {
  await assertEmptyTarget(out);
  const live = await readLiveEvidence(o, run);
  await writeBundleFolder(out, live.files);
  return live;
}
