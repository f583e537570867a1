/** Every detector, run on the window around each anchor the scanner finds. */
import { detectAwsKeys } from './aws';
import { detectAzureKeys, detectAzureSas } from './azure';
import { detectGcpServiceAccount } from './gcp';
import { detectPresignedUrls } from './presigned-url';
import type { Emitter, Window } from './window';

export function detectAt(win: Window, emit: Emitter, now: Date): void {
  detectAwsKeys(win, emit, detectPresignedUrls(win, emit, now));
  detectAzureKeys(win, emit);
  detectAzureSas(win, emit, now);
  detectGcpServiceAccount(win, emit);
}
