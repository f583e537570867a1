import type { CredentialHit } from '../../discovery/credentials/scanner';
import type { FileReport } from '../../local/file-report';
import { filesCheck, type CheckMeta, type FilesCheck, type ResourceVerdict, type Severity } from '../types';
import { fileRef, folderVerdict } from './folder-verdicts';

type Meta = Omit<CheckMeta, 'resourceType' | 'category'>;

export interface CredentialCheckSpec {
  /** What is looked for, without an article: "AWS access key". */
  noun: string;
  /** The hits of a file this check reports. */
  hitsOf(r: FileReport): CredentialHit[];
  /** A file's severity from its hits, when it differs from the check's. */
  severityOf?(hits: CredentialHit[]): Severity | undefined;
}

/** What a clerk and an engineer need of a hit; never the secret (the scanner keeps none). */
const hitEvidence = (h: CredentialHit) => ({
  kind: h.kind,
  line: h.line,
  fingerprint: h.fingerprint,
  ...(h.account ? { account: h.account } : {}),
  ...(h.withSecret !== undefined ? { withSecret: h.withSecret } : {}),
  ...(h.expires ? { expires: h.expires } : {}),
  ...(h.expired !== undefined ? { expired: h.expired } : {}),
});

const describe = (h: CredentialHit) =>
  `${h.kind.replace(/-/g, ' ')} ${h.fingerprint} on line ${h.line}${h.account ? ` (account ${h.account})` : ''}${h.withSecret ? ', with its secret' : ''}${h.expires ? `, ${h.expired ? 'expired' : 'expires'} ${h.expires}` : ''}`;

/** The four local.credential.* checks: one fail per file holding the kind, and the folder's verdict. */
export function credentialCheck(meta: Meta, spec: CredentialCheckSpec): FilesCheck {
  return filesCheck({ ...meta, category: 'data' }, (local) => {
    const out: ResourceVerdict[] = [];
    const taken = new Set<string>();
    for (const r of local.files) {
      const hits = spec.hitsOf(r);
      if (!hits.length) continue;
      taken.add(r.id);
      const severity = spec.severityOf?.(hits);
      out.push({
        resource: fileRef(r),
        verdict: {
          status: 'fail',
          detail: `${spec.noun[0].toUpperCase()}${spec.noun.slice(1)} in ${r.name}: ${hits.slice(0, 3).map(describe).join('; ')}${hits.length > 3 ? `; and ${hits.length - 3} more` : ''}.${r.problem ? ` The file ${r.problem}.` : ''}`,
          evidence: { file: r.name, path: r.id, hits: hits.map(hitEvidence), ...(r.problem ? { problem: r.problem } : {}) },
          ...(severity ? { severity } : {}),
        },
      });
    }
    return [...out, ...folderVerdict(local, spec.noun, out.length, taken)];
  });
}

export const hitsFor = (checkId: CredentialHit['checkId']) => (r: FileReport) => r.hits.filter((h) => h.checkId === checkId);
