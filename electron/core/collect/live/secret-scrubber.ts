/**
 * Remembers the secret parts of the credentials a live read resolved (the secret key and the
 * session token, never persisted) and takes them out of any text Canvass keeps or shows: an
 * error message from a server or from the SDK could quote them, and no output may.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  remember(credentials: { secretAccessKey?: string; sessionToken?: string }): void {
    for (const s of [credentials.secretAccessKey, credentials.sessionToken]) if (s && s.length >= 8) this.secrets.add(s);
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[secret removed]');
    return out;
  }
}
