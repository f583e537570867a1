/** Three-valued logic (Kleene): "unknown" is what we cannot read, and it never becomes "no". */
export type Tri = true | false | 'unknown';

export const or = (...xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes('unknown') ? 'unknown' : false);
export const and = (...xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes('unknown') ? 'unknown' : true);
export const not = (x: Tri): Tri => (x === 'unknown' ? 'unknown' : !x);
