/**
 * Values people write where a credential would go but that are not one: AWS's documentation
 * examples (every one of them contains EXAMPLE: AKIAIOSFODNN7EXAMPLE,
 * wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, ...), template variables, redactions and filler.
 * A detector only calls this on a value that already has the credential's exact shape, so
 * the test can be blunt.
 */
const PLACEHOLDER = /EXAMPLE|(.)\1{5}|X{4}|your|here|change.?me|redacted|dummy|sample|placeholder|fake|insert|replace|<|>|\$\{|\{\{|%[A-Z_]+%|\.\.\./i;
/** "TEST" or "test": in a random mix of cases, "Test" or "tEsT" turns up in about one secret key of 30,000. */
const TEST_WORD = /TEST|test/;
/** A run this long of the alphabet or the digits in order ("ABCDEF", "123456"): typed, not drawn (one in 10^5 random keys). */
const RUN = 6;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || TEST_WORD.test(value) || hasAlphabetRun(value);
}

function hasAlphabetRun(value: string): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // The one before is alphanumeric too: "0", "A" and "a" only follow characters that are not.
    run = c === value.charCodeAt(i - 1) + 1 && ((c > 0x30 && c <= 0x39) || (c > 0x41 && c <= 0x5a) || (c > 0x61 && c <= 0x7a)) ? run + 1 : 1;
    if (run >= RUN) return true;
  }
  return false;
}

/**
 * A randomly generated key or signature mixes upper and lower case letters and digits (one of
 * 40 or more random base64 characters lacks one of them about once in a thousand); hex
 * digests, words and filler do not.
 */
export function looksRandom(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value) && !isPlaceholder(value);
}
