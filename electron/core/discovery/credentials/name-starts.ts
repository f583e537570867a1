/** The bytes of a name for namedMatches: a Uint8Array over the first 128 code points, 1 where a name may go on. */
export function nameChars(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/**
 * The matches of `named` (a sticky regex opening with a run of name characters, such as
 * [A-Za-z_]*, that must hold a match of `word`) as a global search of it would find them, but
 * tried only where one can start: at the start of the run of name characters around each
 * `word` (or where the last match ended). Tried at every position, the leading run made a long
 * run of letters quadratic (16,000 letters and one "secret": half a second per window).
 * `word` is global; a run whose try failed is not tried again (the regex reads the whole run).
 */
export function* namedMatches(text: string, word: RegExp, named: RegExp, name: Uint8Array): Generator<RegExpExecArray> {
  let from = 0;
  let failed = -1;
  word.lastIndex = 0;
  for (let w = word.exec(text); w; w = word.exec(text)) {
    let start = w.index;
    while (start > from && name[text.charCodeAt(start - 1)] === 1) start--;
    if (start === failed) continue;
    named.lastIndex = start;
    const m = named.exec(text);
    if (!m) {
      failed = start;
      continue;
    }
    from = named.lastIndex;
    word.lastIndex = from;
    yield m;
  }
}
