import { filesCheck, type ResourceVerdict } from '../types';
import { layoutWords } from '../../discovery/voter-file';
import { fileRef, folderVerdict } from './folder-verdicts';

/** Columns, layout, format and row estimate: what made the call, never a value. */
export const localVoterFile = filesCheck(
  {
    id: 'local.voter-file',
    title: 'Voter registration file on a drive',
    severity: 'high',
    category: 'data',
    whatItMeans: 'A file on this drive or share looks like an extract of the voter registration list: its columns are those of a voter file.',
    whyItMatters:
      'A copy of the voter list outside the registration system has none of its protections; on a shared drive, a laptop or a USB stick it is often forgotten until it leaks.',
    references: ['NIST SP 800-53 PM-5(1)', 'NIST SP 800-53 SI-12', 'NIST SP 800-53 MP-6'],
  },
  (local) => {
    const out: ResourceVerdict[] = [];
    const taken = new Set<string>();
    let failed = 0;
    for (const r of local.files) {
      if (!r.voter) continue;
      const v = r.voter;
      taken.add(r.id);
      if (v.isVoterFile) failed++;
      const rows = v.rowEstimate !== undefined ? `, about ${v.rowEstimate.toLocaleString('en-US')} rows` : '';
      out.push({
        resource: fileRef(r),
        verdict: {
          status: v.isVoterFile ? 'fail' : 'pass',
          detail: v.isVoterFile
            ? `${r.name} looks like a voter registration extract (${v.format}${rows}): ${v.reason}${v.layout ? `; ${layoutWords(v.layout)}` : ''}.`
            : `${r.name} is a table but not a voter file: ${v.reason}.`,
          evidence: {
            file: r.name,
            path: r.id,
            format: v.format,
            columns: v.columns,
            ...(v.layout ? { layout: v.layout } : {}),
            ...(v.rowEstimate !== undefined ? { rowEstimate: v.rowEstimate } : {}),
            reason: v.reason,
            ...(r.problem ? { problem: r.problem } : {}),
          },
        },
      });
    }
    return [...out, ...folderVerdict(local, 'voter file', failed, taken)];
  },
);
