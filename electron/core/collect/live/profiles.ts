import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where the SDK looks for the shared files: the environment's choice, else ~/.aws. */
function sharedFiles(): { config: string; credentials: string } {
  const home = process.env.HOME || process.env.USERPROFILE || os.homedir();
  return {
    config: process.env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentials: process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

/** A section header "[profile NAME]", as the SDK reads it (its prefix pattern, its name characters). */
const PREFIXED = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/;

/**
 * The names of the sections of an INI file that hold at least one setting, read the way the
 * SDK reads them (comments, blank sections). Values are skipped, never kept: the page that
 * asks for this list must not see a key.
 */
function sectionNames(text: string, keep: (section: string) => string | undefined): Set<string> {
  const names = new Set<string>();
  let current: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(^|\s)[;#]/)[0].trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      current = keep(line.slice(1, -1).trim());
    } else if (current !== undefined && line.indexOf('=') > 0) {
      names.add(current);
    }
  }
  return names;
}

/** ~/.aws/config names profiles "[default]" and "[profile NAME]"; its other sections (sso-session, services) are not profiles. */
const configProfile = (section: string) => {
  if (section === 'default') return 'default';
  const m = PREFIXED.exec(section);
  return m && m[1] === 'profile' ? m[3] : undefined;
};

/** ~/.aws/credentials names profiles "[NAME]". */
const credentialsProfile = (section: string) => (PREFIXED.test(section) ? undefined : section);

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    // A missing or unreadable file has no profiles, as for the SDK.
    return '';
  }
}

/**
 * The names of the profiles the SDK would find in the shared config and credentials files,
 * "default" first, then by name. Only names: no setting of any profile leaves this function.
 */
export async function listProfileNames(): Promise<string[]> {
  const files = sharedFiles();
  const [config, credentials] = await Promise.all([readOrEmpty(files.config), readOrEmpty(files.credentials)]);
  const names = new Set([...sectionNames(config, configProfile), ...sectionNames(credentials, credentialsProfile)]);
  // The SDK refuses this name outright; it would only be a trap in a list.
  names.delete('__proto__');
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}
