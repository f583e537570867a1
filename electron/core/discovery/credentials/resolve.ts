/**
 * Turns the clues of one file into findings: a profile section of an AWS credentials file is
 * one finding; a key id elsewhere is one, with its secret if one is within NEAR_LINES lines; a
 * secret named as AWS's with no key id near it is one; a service-account key is one when the
 * file says "type": "service_account".
 */
import { accountOfKeyId, redactKeyId } from './aws-key-id';
import type { CredentialHit } from './scanner';
import { NEAR_LINES, type Clue } from './window';

export interface PlacedClue {
  line: number;
  clue: Clue;
}

type Of<K extends Clue['kind']> = { line: number; clue: Extract<Clue, { kind: K }> };

export function resolveClues(clues: PlacedClue[]): CredentialHit[] {
  const of = <K extends Clue['kind']>(kind: K) => clues.filter((c): c is Of<K> => c.clue.kind === kind);
  const keyIds = of('key-id');
  const secrets = of('secret');
  const hits: CredentialHit[] = [];

  const sections = new Map<number, { keyIds: Of<'key-id'>[]; secrets: Of<'secret'>[] }>();
  for (const c of [...keyIds, ...secrets]) {
    if (c.clue.section === undefined) continue;
    const s = sections.get(c.clue.section) ?? { keyIds: [], secrets: [] };
    if (c.clue.kind === 'key-id') s.keyIds.push(c as Of<'key-id'>);
    else s.secrets.push(c as Of<'secret'>);
    sections.set(c.clue.section, s);
  }
  for (const s of sections.values()) {
    for (const k of s.keyIds) hits.push(keyIdHit(k, 'aws-credentials-file', s.secrets.length > 0));
    if (s.keyIds.length === 0)
      for (const x of s.secrets) hits.push({ checkId: 'local.credential.aws-access-key', kind: 'aws-credentials-file', line: x.line, fingerprint: `secret ${x.clue.fingerprint}`, withSecret: true });
  }

  const loose = secrets.filter((x) => x.clue.section === undefined);
  const paired = new Set<Of<'secret'>>();
  for (const k of keyIds.filter((c) => c.clue.section === undefined)) {
    const near = loose.filter((x) => Math.abs(x.line - k.line) <= NEAR_LINES);
    near.forEach((x) => paired.add(x));
    hits.push(keyIdHit(k, 'aws-access-key-id', near.length > 0));
  }
  for (const x of loose)
    if (x.clue.named === 'aws' && !paired.has(x))
      hits.push({ checkId: 'local.credential.aws-access-key', kind: 'aws-secret-access-key', line: x.line, fingerprint: `secret ${x.clue.fingerprint}`, withSecret: true });

  if (of('gcp-type').length > 0) {
    const ids = of('gcp-key-id');
    const emails = of('gcp-email');
    for (const k of of('gcp-private-key')) {
      const id = nearest(ids, k.line)?.clue.id;
      const email = nearest(emails, k.line)?.clue.email;
      hits.push({
        checkId: 'local.credential.gcp-service-account',
        kind: 'gcp-service-account-key',
        line: k.line,
        fingerprint: id ? `key id ${redactKeyId(id)}` : `key ${k.clue.fingerprint}`,
        ...(email ? { account: email } : {}),
        withSecret: true,
      });
    }
  }
  return hits;
}

function keyIdHit(k: Of<'key-id'>, kind: string, withSecret: boolean): CredentialHit {
  const account = accountOfKeyId(k.clue.id);
  return { checkId: 'local.credential.aws-access-key', kind, line: k.line, fingerprint: redactKeyId(k.clue.id), ...(account ? { account } : {}), withSecret };
}

function nearest<T extends { line: number }>(xs: T[], line: number): T | undefined {
  let best: T | undefined;
  for (const x of xs) if (!best || Math.abs(x.line - line) < Math.abs(best.line - line)) best = x;
  return best;
}
