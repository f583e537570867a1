/**
 * Values people write where a credential would go but that are not one: AWS's documentation
 * examples (every one of them contains EXAMPLE: AKIAIOSFODNN7EXAMPLE,
 * wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, ...), template variables, redactions and filler.
 * A detector only calls this on a value that already has the credential's exact shape, so
 * the test can be blunt.
 */
const PLACEHOLDER = /EXAMPLE|(.)\1{5}|X{4}|your|here|change.?me|redacted|dummy|sample|placeholder|fake|insert|replace|<|>|\$\{|\{\{|%[A-Z_]+%|\.\.\./i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/**
 * A randomly generated key or signature mixes upper and lower case letters and digits (one of
 * 40 or more random base64 characters lacks one of them about once in a thousand); hex
 * digests, words and filler do not.
 */
export function looksRandom(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value) && !isPlaceholder(value);
}
