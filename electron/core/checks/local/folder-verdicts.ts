import type { FileReport } from '../../local/file-report';
import type { LocalInventory } from '../../local/local-inventory';
import type { ResourceRef, ResourceVerdict } from '../types';

/** A file or archive member as a finding's resource: its absolute path (with !member) and its path in the scanned folder. */
export const fileRef = (r: FileReport): ResourceRef => ({ type: 'file', id: r.id, name: r.name });

/** How many paths a finding's evidence names before it only counts the rest. */
const MAX_LISTED = 200;

/**
 * The verdict on the rest of the scanned folder, beside the files that failed: pass when every
 * file was read and none failed, unknown (naming each path and why) when something could not
 * be read, since it may hold what was not found. Nothing when files failed and all was read:
 * their findings say it. A check that could not read what it needs never says pass.
 */
export function folderVerdict(local: LocalInventory, /** without an article */ what: string, failed: number, taken: Set<string>): ResourceVerdict[] {
  const unread = local.files.filter((f) => f.problem);
  // A scanned file is its own folder: its file finding already speaks for it.
  if (taken.has(local.root)) return [];
  const resource: ResourceRef = { type: 'file', id: local.root, name: local.root };
  const read = `${local.stats.files.toLocaleString('en-US')} file${local.stats.files === 1 ? '' : 's'} read`;
  const stats = { filesRead: local.stats.files, bytesRead: local.stats.bytes, archiveMembers: local.stats.archiveMembers, binarySkipped: local.stats.binarySkipped };
  if (unread.length) {
    const first = unread.slice(0, 3).map((f) => `${f.name} (${f.problem})`).join('; ');
    return [
      {
        resource,
        verdict: {
          status: 'unknown',
          detail: `${unread.length.toLocaleString('en-US')} path${unread.length === 1 ? '' : 's'} under ${local.root} could not be read completely, so an unseen ${what} may be there: ${first}${unread.length > 3 ? '; ...' : ''}.`,
          evidence: {
            ...stats,
            unreadable: unread.slice(0, MAX_LISTED).map((f) => ({ file: f.name, path: f.id, reason: f.problem })),
            ...(unread.length > MAX_LISTED ? { unreadableNotListed: unread.length - MAX_LISTED } : {}),
          },
        },
      },
    ];
  }
  if (failed) return [];
  return [{ resource, verdict: { status: 'pass', detail: `No ${what} found under ${local.root} (${read}).`, evidence: stats } }];
}
