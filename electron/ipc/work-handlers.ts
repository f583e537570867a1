import type { LiveOptions } from '../core/collect/live/live-options';
import { addAttachment } from '../core/remediation/attachments';
import { getBoard } from '../core/remediation/board';
import type { ChecklistCatalogue } from '../core/remediation/checklists';
import { verifyFix } from '../core/remediation/verify-fix';
import { addNote, assignFinding, getFindingWork, reopenFinding, setStep, signOff, type EditContext } from '../core/remediation/work';
import { requireAudit, requireFinding } from '../core/remediation/work-store';
import { listLog, verifyLog } from '../core/store/audit-log';
import type { HandlerDeps } from './handlers';
import type { Handlers } from './router';

type WorkMethod = Extract<keyof Handlers, `work.${string}` | `log.${string}`>;

/**
 * Working a finding: the board, the checklist with its steps, people, notes and files, the
 * sign-off, verify fix, and the audit trail.
 */
export function createWorkHandlers(
  deps: HandlerDeps,
  /** handlers.ts's: how a live source in the contract becomes the core's options. */
  liveOptions: (input: Pick<LiveOptions, 'profile' | 'region' | 'endpoint' | 'pathStyle' | 'credentials'>) => LiveOptions,
  /** handlers.ts's: the checklist catalogue, read once. */
  checklists: () => ChecklistCatalogue,
): Pick<Handlers, WorkMethod> {
  const { db, host } = deps;
  const ctx = (actor: string): EditContext => ({ catalogue: checklists(), actor });

  return {
    'work.board': ({ auditId }) => {
      const audit = requireAudit(db, auditId);
      return { ...getBoard(db, auditId, checklists()), jurisdiction: audit.jurisdiction, auditStatus: audit.status };
    },
    // inputs only fill in the checklist returned: nothing typed there is written anywhere.
    'work.get': ({ auditId, seq, inputs }) => ({
      ...getFindingWork(db, auditId, seq, checklists(), new Date(), inputs),
      jurisdiction: requireAudit(db, auditId).jurisdiction,
    }),
    'work.setStep': ({ actor, ...edit }) => setStep(db, edit, ctx(actor)),
    'work.assign': ({ actor, ...a }) => assignFinding(db, a, ctx(actor)),
    'work.addNote': ({ actor, ...n }) => addNote(db, n, ctx(actor)),
    'work.attach': async ({ auditId, seq, actor }) => {
      // No dialog for a finding that is not there.
      requireFinding(db, auditId, seq);
      const file = await host.chooseAttachment();
      if (!file) return { attachment: null };
      return { attachment: await addAttachment(db, { auditId, seq, file }, { ...ctx(actor), dataDir: deps.dataDir }) };
    },
    'work.signOff': ({ actor, ...s }) => signOff(db, s, ctx(actor)),
    'work.reopen': ({ actor, ...r }) => {
      reopenFinding(db, r, ctx(actor));
      return {};
    },
    'work.verifyFix': ({ auditId, seq, actor, source }) =>
      verifyFix(db, { auditId, seq, source: source.kind === 'live' ? { kind: 'live', options: liveOptions(source) } : source }, ctx(actor)),
    'log.list': ({ auditId }) => listLog(db, auditId).map(({ prevHash: _prev, ...e }) => e),
    'log.verify': () => verifyLog(db),
  };
}
