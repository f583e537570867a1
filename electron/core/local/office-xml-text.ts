/**
 * The text of an Office document's XML parts (Word paragraphs, Excel shared strings and
 * cells), streamed: tags removed, entities decoded (a SAS URL's "&" is "&amp;" there), a
 * line per paragraph, string or row, so a credential split across Word's runs reads whole.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A closing or self-closing tag of one of `names` (the whole name: "w:p", not "w:pPr").
 * Replaced by a plain string, with no callback per tag: Office XML is mostly tags.
 */
const endTag = (names: string) => new RegExp(`<(?:\\/(?:${names})(?![\\w:.-])[^>]*|(?:${names})(?![\\w:.-])[^>]*\\/)>`, 'g');
const NEWLINE_TAG = endTag('w:p|a:p|si|row|w:br|w:cr');
const TAB_TAG = endTag('c|w:tab');
const TAG = /<[^>]*>/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g;

function decodeEntity(_: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name] ?? '';
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
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
    const text = s.replace(NEWLINE_TAG, '\n').replace(TAB_TAG, '\t').replace(TAG, '');
    return text.includes('&') ? text.replace(ENTITY, decodeEntity) : text;
  };
}
