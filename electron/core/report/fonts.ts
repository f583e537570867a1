import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The report's fonts, embedded as data: URLs so the document makes no request at all.
 * Three faces only (about 110 KB once encoded): Public Sans regular and bold for the text,
 * Roboto Mono for evidence. They come from @uswds/uswds, a dependency that ships with the
 * app; if the files cannot be found the report falls back to the system font stack.
 */
const FACES = [
  { family: 'Public Sans', weight: 400, file: 'public-sans/PublicSans-Regular.woff2' },
  { family: 'Public Sans', weight: 700, file: 'public-sans/PublicSans-Bold.woff2' },
  { family: 'Roboto Mono', weight: 400, file: 'roboto-mono/roboto-mono-v5-latin-regular.woff2' },
] as const;

const FONTS_SUBDIR = path.join('node_modules', '@uswds', 'uswds', 'dist', 'fonts');

export const SANS_STACK = `"Public Sans", "Source Sans Pro", "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif`;
export const MONO_STACK = `"Roboto Mono", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace`;

/** The USWDS fonts folder: found through Node's module resolution, else searched upward from this file (source, dist, app.asar) and the working directory. */
export function findFontsDir(): string | undefined {
  try {
    // The package's main file is dist/js/uswds.min.js; the fonts sit beside it in dist/fonts.
    const viaResolve = path.join(path.dirname(require.resolve('@uswds/uswds')), '..', 'fonts');
    if (existsSync(path.join(viaResolve, FACES[0].file))) return viaResolve;
  } catch {
    // not resolvable from here: search the folders instead
  }
  const starts = [typeof __dirname === 'string' ? __dirname : undefined, process.cwd()].filter((s): s is string => !!s);
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, FONTS_SUBDIR);
      if (existsSync(path.join(candidate, FACES[0].file))) return candidate;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return undefined;
}

let cached: string | undefined;

/** @font-face rules with the fonts inlined, or '' when the font files are not available. */
export function fontFaceCss(): string {
  if (cached !== undefined) return cached;
  const dir = findFontsDir();
  let css = '';
  if (dir) {
    try {
      css = FACES.map((f) => {
        const b64 = readFileSync(path.join(dir, f.file)).toString('base64');
        return `@font-face{font-family:"${f.family}";font-style:normal;font-weight:${f.weight};font-display:block;src:url(data:font/woff2;base64,${b64}) format("woff2");}`;
      }).join('\n');
    } catch {
      css = '';
    }
  }
  cached = css;
  return css;
}
