import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { InputError } from '../errors';
import { appendLog } from '../store/audit-log';
import type { Db } from '../store/db';
import type { EditContext } from './work';
import { ensureWork } from './work-store';

/** Screenshots, exported logs and signed letters fit; a disk image does not belong in an audit. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export const attachmentsDir = (dataDir: string) => path.join(dataDir, 'attachments');

/** Where an attachment's bytes live: named by their SHA-256, so a copy can be checked against its record. */
export const attachmentPath = (dataDir: string, sha256: string) => path.join(attachmentsDir(dataDir), sha256);

const reasonOf = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder, not a file' : (code ?? 'it cannot be read');
};

/**
 * Copies a file into the app's data folder while hashing it, then records it on the finding.
 * The copy is written under a temporary name and renamed once complete, so a failure (too
 * large, unreadable, the app killed) never leaves a half file under a hash name.
 */
export async function addAttachment(
  db: Db,
  a: { auditId: string; seq: number; file: string },
  c: EditContext & { dataDir: string },
): Promise<{ id: number; name: string; size: number; sha256: string }> {
  const name = path.basename(a.file);
  let st;
  try {
    st = await fs.stat(a.file);
  } catch (e) {
    throw new InputError(`${a.file}: cannot be attached (${reasonOf(e)})`);
  }
  if (st.isDirectory()) throw new InputError(`${a.file}: cannot be attached (it is a folder, not a file)`);
  if (st.size > MAX_ATTACHMENT_BYTES) {
    throw new InputError(`${a.file}: too large to attach (${st.size.toLocaleString('en-US')} bytes; the limit is ${MAX_ATTACHMENT_BYTES / 1048576} MB)`);
  }
  // Fail early on an unknown finding, before copying anything.
  db.transaction(() => ensureWork(db, a.auditId, a.seq, c.catalogue))();

  const dir = attachmentsDir(c.dataDir);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.incoming-${randomBytes(6).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      // The file may grow after stat(): the limit holds on what is actually read.
      if (size > MAX_ATTACHMENT_BYTES) return done(new InputError(`${a.file}: too large to attach (over ${MAX_ATTACHMENT_BYTES / 1048576} MB)`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(a.file), count, createWriteStream(tmp, { flags: 'wx' }));
    const fh = await fs.open(tmp, 'r+');
    await fh.sync();
    await fh.close();
  } catch (e) {
    await fs.rm(tmp, { force: true });
    if (e instanceof InputError) throw e;
    throw new InputError(`${a.file}: cannot be attached (${reasonOf(e)})`);
  }
  const sha256 = hash.digest('hex');
  await fs.rename(tmp, attachmentPath(c.dataDir, sha256));
  const at = (c.now ?? (() => new Date()))().toISOString();
  const id = db.transaction(() => {
    ensureWork(db, a.auditId, a.seq, c.catalogue);
    const rowId = Number(
      db
        .prepare('INSERT INTO attachments (audit_id, finding_seq, at, added_by, name, stored_name, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(a.auditId, a.seq, at, c.actor, name, sha256, size, sha256).lastInsertRowid,
    );
    appendLog(db, { at, actor: c.actor, action: 'attachment.added', auditId: a.auditId, findingSeq: a.seq, payload: { attachmentId: rowId, name, size, sha256 } });
    return rowId;
  })();
  return { id, name, size, sha256 };
}
