import * as os from 'node:os';
import * as path from 'node:path';

/** The same folder Electron's app.getPath('userData') gives the app, so CLI and app share audits. */
export function defaultDataDir(): string {
  if (process.env.CANVASS_DATA_DIR) return process.env.CANVASS_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Canvass');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Canvass');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Canvass');
}

export const defaultDbPath = () => path.join(defaultDataDir(), 'canvass.db');
