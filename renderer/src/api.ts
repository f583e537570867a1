import type { CallError, CallResult, CanvassApi, EventName, EventPayload, Input, MethodName, Output } from '../../electron/ipc/contract';

export type { CallError, CallResult, EventPayload, Input, MethodName, Output };
export type AuditData = Output<'audits.get'>;
export type Audit = AuditData['audit'];
export type Finding = AuditData['findings'][number];
export type Summary = AuditData['summary'];
export type CheckMeta = Output<'checks.catalog'>[number];
export type Status = Finding['status'];
export type Severity = Finding['severity'];
export type ScanProgress = EventPayload<'scan.progress'>;
export type ScanFinished = EventPayload<'scan.finished'>;
export type CollectProgress = EventPayload<'collect.progress'>;
export type CollectFinished = EventPayload<'collect.finished'>;
export type LiveConnection = Input<'live.testConnection'>;
export type Board = Output<'work.board'>;
export type BoardItem = Board['items'][number];
export type FindingWork = Output<'work.get'>;
export type StepView = FindingWork['steps'][number];
export type StepState = StepView['state'];
export type WorkStatus = FindingWork['status'];
export type Carry = FindingWork['carry'];
export type ChecklistView = NonNullable<FindingWork['checklist']>;
export type ChecklistStep = ChecklistView['steps'][number];
export type LogEntry = Output<'log.list'>[number];
export type ChainVerdict = Output<'log.verify'>;

declare global {
  interface Window {
    /** The page's only door to the core (electron/preload.ts). */
    readonly canvass?: CanvassApi;
  }
}

const missingBridge: CallError = {
  code: 'internal',
  message: 'Canvass cannot reach its core: this page was opened outside the Canvass app.',
};

/** Calls one contract method; never throws: a broken bridge comes back as an error result. */
export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<CallResult<Output<M>>> {
  const api = window.canvass;
  if (!api) return { ok: false, error: missingBridge };
  try {
    return await api.call(method, input);
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `Canvass could not complete the request (${(e as Error)?.message ?? String(e)}).` } };
  }
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const api = window.canvass;
  if (!api) return () => {};
  return api.on(event, listener);
}
