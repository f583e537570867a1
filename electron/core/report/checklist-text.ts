import type { ChecklistInput } from '../remediation/checklist-schema';
import type { FilledChecklist, FilledStep } from '../remediation/checklists';
import { settled, type FindingWork, type StepView } from '../remediation/work';
import { redactSecrets } from './markup';

/**
 * A finding's checklist as plain text for the person at the terminal (`canvass checklist`):
 * the steps still to do, with their commands filled in for the finding's bucket and ready to
 * paste, the blanks (<NAME>) each still needs and what they mean, and the settled steps in one
 * line. Commands stay on lines of their own, indented by four spaces, never wrapped, so a
 * triple click copies exactly one; a file to create is a here-document, flush left.
 */

const INDENT = '    ';
const STATE_WORD: Record<StepView['state'], string> = { open: 'open', done: 'done', not_applicable: 'not applicable', blocked: 'blocked' };

/**
 * One line of what a terminal shows as text: control characters from untrusted names and notes
 * would move the cursor or clear the screen, and a newline or carriage return in one would
 * forge a line of its own (a step, a command to paste). Anything shaped like a secret is masked
 * as in the report. Applied to each line before they are joined.
 */
const printable = (s: string) => redactSecrets(s).replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');

const INPUT_RE = /<([A-Z][A-Z0-9_]*)>/g;
const blanksIn = (s: string) => [...s.matchAll(INPUT_RE)].map((m) => m[0]);

/** The checklist files a step uses: named in a command (file://NAME) or in what it says to do. */
function stepFiles(step: FilledStep, checklist: FilledChecklist): FilledChecklist['files'] {
  return checklist.files.filter((f) => step.cli?.some((c) => c.includes(`file://${f.name}`)) || step.do.includes(f.name));
}

function settledLine(w: FindingWork): string | undefined {
  const done = w.steps.filter((s) => settled(s.state));
  if (!done.length) return undefined;
  const words = done.map((s) => `${s.n} ${STATE_WORD[s.state]}${s.reason ? ` (${s.reason})` : ''}${s.updatedBy ? ` by ${s.updatedBy}` : ''}`);
  return `Settled: step${done.length > 1 ? 's' : ''} ${words.join('; ')}.`;
}

function stepText(step: FilledStep, view: StepView, checklist: FilledChecklist, inputs: Map<string, ChecklistInput>): string[] {
  const head = `Step ${step.n}${view.state === 'blocked' ? ` (blocked: ${view.reason})` : ''}: ${step.title}`;
  const out = [head, `  Who: ${step.who.join(', ')}${step.changes ? '. This step changes settings or data.' : '. This step only reads or records.'}`, `  Do: ${step.do}`];
  if (step.console) out.push(`  In the AWS console: ${step.console}`);
  // What could go wrong and what to fill in come before the lines to paste, so they are read first.
  if (step.caution) out.push(`  Caution: ${step.caution}`);
  const files = stepFiles(step, checklist);
  out.push(...fillIn([...new Set([...step.missing, ...files.flatMap((f) => blanksIn(f.content ?? ''))])], inputs));
  for (const f of files) {
    if (f.content === undefined) {
      out.push(`  File ${f.name}: ${f.about}`);
      continue;
    }
    // Flush left: bash ends a here-document only at a line that is exactly its terminator.
    out.push(`  File ${f.name}: ${f.about} To create it, paste these lines:`);
    out.push(`cat > ${f.name} <<'CANVASS_EOF'`, ...f.content.trimEnd().split('\n'), 'CANVASS_EOF');
  }
  if (step.cli?.length) {
    out.push(step.manual ? '  Commands (adapt them as the step says before running):' : '  Commands:');
    out.push(...step.cli.map((c) => INDENT + c));
  }
  return out;
}

/** The blanks still to fill, each with what it means from the checklist's inputs. */
function fillIn(blanks: string[], inputs: Map<string, ChecklistInput>): string[] {
  if (!blanks.length) return [];
  return [
    `  Fill in first: ${blanks.join(', ')}`,
    ...blanks.flatMap((b) => {
      const input = inputs.get(b.slice(1, -1));
      return input ? [`${INDENT}${b}: ${input.meaning} Example: ${input.example}`] : [];
    }),
  ];
}

/** The header line of a finding, then its open steps in full and its settled ones in a line. */
export function checklistText(w: FindingWork): string {
  const f = w.finding;
  const lines = [`== Finding ${f.seq}: ${f.title} (${f.severity}, ${f.status === 'unknown' ? 'could not check' : f.status}), ${f.resource.type} ${f.resource.name}`];
  const c = w.checklist;
  const who = [w.assignee ? `assigned to ${w.assignee}` : 'not assigned', w.dueDate ? `due ${w.dueDate}${w.overdue ? ' (overdue)' : ''}` : ''].filter(Boolean).join(', ');
  if (!c) {
    lines.push(`No checklist exists for check ${f.checkId}; ${who}.`);
    return lines.map(printable).join('\n');
  }
  const open = w.steps.filter((s) => !settled(s.state));
  lines.push(`${c.title}`, `Checklist ${c.checkId} ${c.version}; ${open.length} of ${w.steps.length} steps to do; ${who}.`);
  const settledSummary = settledLine(w);
  if (settledSummary) lines.push(settledSummary);
  if (w.closedAt) lines.push(`Fixed: verified on ${w.closedAt.slice(0, 10)}. Nothing left to do.`);
  else if (w.signoff) lines.push(`Signed off by ${w.signoff.name} (${w.signoff.role}) on ${w.signoff.at.slice(0, 10)}.`);
  else if (!open.length) lines.push('Every step is settled: it can be signed off in Canvass.');
  if (!w.closedAt && open.length) {
    const inputs = new Map((c.inputs ?? []).map((i) => [i.name, i]));
    const byN = new Map(c.steps.map((s) => [s.n, s]));
    for (const view of open) {
      const step = byN.get(view.n);
      if (step) lines.push('', ...stepText(step, view, c, inputs));
    }
    lines.push('', `Then check the fix: ${c.verify.do}`, ...fillIn(c.verify.missing, inputs));
    if (c.verify.cli?.length) lines.push(...c.verify.cli.map((x) => INDENT + x));
    lines.push(`  ${c.verify.rescan}`);
  }
  return lines.map(printable).join('\n');
}
