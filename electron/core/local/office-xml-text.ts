/**
 * The text of an Office document's XML parts (Word paragraphs, Excel shared strings and
 * cells), streamed: tags removed, entities decoded (a SAS URL's "&" is "&amp;" there), a
 * line per paragraph, string or row, so a credential split across Word's runs reads whole.
 */
const NEWLINE_AFTER = new Set(['w:p', 'a:p', 'si', 'row', 'w:br', 'w:cr']);
const TAB_AFTER = new Set(['c', 'w:tab']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(_: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name] ?? '';
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

function tagText(_: string, close: string, name: string, selfClose: string): string {
  if ((close || selfClose) && NEWLINE_AFTER.has(name)) return '\n';
  if ((close || selfClose) && TAB_AFTER.has(name)) return '\t';
  return '';
}

/** A converter for one XML part: call with each decoded chunk, then with nothing at the end. */
export function officeXmlText(): (chunk?: string) => string {
  let carry = '';
  return (chunk) => {
    let s = carry + (chunk ?? '');
    carry = '';
    if (chunk !== undefined) {
      // Keep an unfinished tag or entity for the next chunk.
      const lt = s.lastIndexOf('<');
      if (lt !== -1 && s.indexOf('>', lt) === -1) {
        carry = s.slice(lt);
        s = s.slice(0, lt);
      }
      const amp = s.lastIndexOf('&');
      if (amp !== -1 && amp > s.length - 12 && s.indexOf(';', amp) === -1) {
        carry = s.slice(amp) + carry;
        s = s.slice(0, amp);
      }
      // A "<" that never closes is not a tag: do not hold the rest of the part for it.
      if (carry.length > 65536) {
        s += carry;
        carry = '';
      }
    }
    return s.replace(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g, tagText).replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, decodeEntity);
  };
}
