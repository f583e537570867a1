import { describe, expect, it } from 'vitest';
import { CREDENTIAL_KINDS, credentialCorpus, scanText } from '../../../../tests/helpers/credential-corpus';

/**
 * Precision and recall per kind on the generated corpus (BENCHMARKS.md has the same corpus
 * beside gitleaks and Kingfisher). Canvass is held to exact answers: every planted credential
 * found with its kind, line, account, pairing and expiry, and no alarm on any close negative.
 * There is no accepted miss or false alarm on this corpus.
 */
describe('the credential corpus', () => {
  const corpus = credentialCorpus();
  const results = corpus.map((file) => ({ file, hits: scanText(file.path, file.content) }));

  it('plants every kind and close negatives', () => {
    const kinds = new Set(corpus.flatMap((f) => f.planted.map((p) => p.kind)));
    expect([...kinds].sort()).toEqual([...CREDENTIAL_KINDS].sort());
    expect(corpus.flatMap((f) => f.negatives).length).toBeGreaterThanOrEqual(40);
  });

  it.each(CREDENTIAL_KINDS)('%s: precision 1 and recall 1', (kind) => {
    let planted = 0;
    let alarms = 0;
    let correct = 0;
    for (const { file, hits } of results) {
      const mine = file.planted.filter((p) => p.kind === kind);
      const reported = hits.filter((h) => h.kind === kind);
      planted += mine.length;
      alarms += reported.length;
      correct += reported.filter((h) => mine.some((p) => p.line === h.line)).length;
    }
    expect({ planted: planted > 0, precision: correct / alarms, recall: correct / planted }).toEqual({ planted: true, precision: 1, recall: 1 });
  });

  it('reports each planted credential with its account, pairing and expiry, and nothing on a close negative', () => {
    for (const { file, hits } of results) {
      const expected = file.planted.map((p) => ({
        kind: p.kind,
        line: p.line,
        account: p.account,
        withSecret: p.withSecret,
        expired: p.expired,
      }));
      const got = hits.map((h) => ({ kind: h.kind, line: h.line, account: h.account, withSecret: h.withSecret, expired: h.expired }));
      expect(got, file.path).toEqual(expected.sort((a, b) => a.line - b.line));
    }
  });
});
