import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { checklistsDir, commandArgv, fillChecklist, loadChecklists, placeholderValues } from '../../electron/core/remediation/checklists';
import { verifyFix } from '../../electron/core/remediation/verify-fix';
import { runScan } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { listFindings } from '../../electron/core/store/findings';
import { startAwsCliSession, type AwsCliSession } from '../helpers/aws-cli-session';
import { isolatedAwsEnv } from '../helpers/cli-run';
import { startLoopbackProxy } from '../helpers/loopback-proxy';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';

const CHECK = 'local.credential.aws-access-key';
const USER = 'results-site-deploy';
/** Read-only steps moto cannot answer; they change nothing, so the fix does not rest on them. */
const MOTO_LACKS = new Set(['sts get-access-key-info', 'cloudtrail lookup-events']);

/**
 * The checklist of an AWS access key found in a file, worked on moto's IAM with its own AWS CLI
 * v2 commands (filled in with the key Canvass found and the user it belongs to): a new key
 * made, the exposed one switched off, then deleted; the file cleaned by hand, as step 6 says.
 * The re-check of the file passes, and IAM no longer has the key.
 */
describe('the AWS access key checklist, worked on moto', () => {
  let moto: MotoServer;
  let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
  let cli: AwsCliSession;
  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startLoopbackProxy(moto.port);
    const env = isolatedAwsEnv({ AWS_ACCESS_KEY_ID: MOTO_ROOT_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_ROOT_KEYS.secretAccessKey });
    for (const k of Object.keys(env)) if (/_proxy$/i.test(k)) delete env[k];
    cli = startAwsCliSession({ ...env, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
  }, 120_000);
  afterAll(async () => {
    await cli?.close();
    await proxy?.stop();
    await moto?.stop();
  });

  it('switches the key off and deletes it with the checklist commands, and the file re-check passes once the key is removed', async () => {
    const iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_ROOT_KEYS });
    await iam.send(new CreateUserCommand({ UserName: USER }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: USER }));
    const exposed = { id: AccessKey!.AccessKeyId!, secret: AccessKey!.SecretAccessKey! };

    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-key-')), 'share');
    const script = path.join(dir, 'deploy-results-site.sh');
    mkdirSync(dir);
    writeFileSync(script, `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${exposed.id}\nexport AWS_SECRET_ACCESS_KEY=${exposed.secret}\naws s3 sync ./site s3://results-site/\n`);

    const resourcesDir = findResourcesDir();
    const db = openDatabase(':memory:');
    const { audit } = await runScan(db, { jurisdiction: 'Test County', auditor: 'Pat', sources: [{ kind: 'local', path: dir }] }, { resourcesDir, localWorkers: 0 });
    const finding = listFindings(db, audit.id).find((f) => f.checkId === CHECK && f.status === 'fail')!;
    expect(finding.resource.id).toBe(script);
    // The account is decoded from the key id alone, and the secret is nowhere in the finding.
    expect(JSON.stringify(finding)).toContain(MOTO_ACCOUNT);
    expect(JSON.stringify(finding)).not.toContain(exposed.secret);

    const catalogue = loadChecklists(checklistsDir(resourcesDir));
    const checklist = catalogue.checklists.get(CHECK)!;
    // What county IT reads from the file and from step 2's answer.
    const inputs = { ACCESS_KEY_ID: exposed.id, IAM_USER: USER };
    const values = placeholderValues(finding.resource);
    expect(fillChecklist(checklist, values, inputs).steps.every((s) => s.missing.length === 0)).toBe(true);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'canvass-key-work-'));
    const log: string[] = [];
    for (const step of checklist.steps) {
      if (step.n === 6) {
        // By hand: the key taken out of the script (it would read the new key from a profile).
        writeFileSync(script, readFileSync(script, 'utf8').replace(/^export AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)=.*\n/gm, ''));
        log.push('6: key lines removed from the file by hand');
        continue;
      }
      for (const template of step.cli ?? []) {
        const { argv, redirect } = commandArgv(template, values, inputs);
        if (MOTO_LACKS.has(`${argv[1]} ${argv[2]}`)) {
          log.push(`${step.n}: ${argv[1]} ${argv[2]} not run (moto does not answer it; it only reads)`);
          continue;
        }
        const r = await cli.run(['--endpoint-url', moto.endpoint, '--region', 'us-east-1', ...argv.slice(1)], cwd);
        if (redirect) writeFileSync(path.join(cwd, redirect), r.stdout);
        log.push(`${step.n}: ${argv[1]} ${argv[2]} exited ${r.rc}`);
        expect(r.rc, `step ${step.n}: ${template}\n${r.stderr}`).toBe(0);
      }
    }
    expect(log).toEqual([
      '2: sts get-access-key-info not run (moto does not answer it; it only reads)',
      '2: iam get-access-key-last-used exited 0',
      '3: cloudtrail lookup-events not run (moto does not answer it; it only reads)',
      '4: iam create-access-key exited 0',
      '5: iam update-access-key exited 0',
      '6: key lines removed from the file by hand',
      '7: iam delete-access-key exited 0',
    ]);

    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: USER }))).AccessKeyMetadata ?? [];
    expect(keys.map((k) => k.AccessKeyId)).not.toContain(exposed.id);
    expect(keys).toHaveLength(1);
    const r = await verifyFix(db, { auditId: audit.id, seq: finding.seq, source: { kind: 'local' } }, { catalogue, actor: 'County IT' });
    expect(r).toMatchObject({ status: 'pass', closed: true });
    iam.destroy();
  }, 120_000);
});
