/**
 * What the handlers need from the shell they run in: dialogs and PDF printing. main.ts
 * provides Electron's; the tests provide a real Chromium page's and answer the dialogs.
 */
export type EvidencePick = 'folder' | 'file' | 'local';

export interface Host {
  /**
   * What a scan reads: an evidence bundle's folder, or a file (a zipped bundle or an AWS Config
   * snapshot), or with 'local' a folder, drive or mounted share whose files are scanned.
   */
  chooseEvidence(pick: EvidencePick): Promise<string | null>;
  chooseReportPath(defaultName: string, format: 'pdf' | 'html'): Promise<string | null>;
  /** A folder for a new evidence bundle; the dialog lets the clerk make one. */
  chooseCollectFolder(): Promise<string | null>;
  /** A file to attach to a finding (a screenshot, a signed letter, an exported log). */
  chooseAttachment(): Promise<string | null>;
  htmlToPdf(html: string): Promise<Buffer>;
}
