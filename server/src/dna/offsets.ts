/**
 * DNA's statement offsets and Standpoint's, in one article text.
 *
 * A DNA statement's Start and Stop are what the coder selected in DNA's text
 * pane (`MainWindow`: `textWindow.getSelectionStart()`/`getSelectionEnd()`),
 * a Swing JTextPane filled with `setText(DOCUMENTS.Text)` (`TextPanel`). Swing
 * documents index Java `char`s, so offsets count UTF-16 code units (a
 * character outside the BMP counts 2), like Standpoint's. But `setText` reads
 * the text through the editor kit (`DefaultEditorKit.read`), which turns every
 * CR LF and every lone CR into one LF: in a text with CR LF line ends, each
 * line end before a position counts 1 in DNA and 2 in the stored text.
 *
 * Standpoint's offsets count UTF-16 code units of the article as written, after
 * a leading byte order mark (which Standpoint does not read as text).
 */
export class DnaOffsets {
  /** Where each CR LF pair starts in the stored text (sorted). Empty for the usual LF-only text. */
  private readonly crlf: number[] = [];
  private readonly bom: number;
  /** Length of the text in DNA's units. */
  readonly dnaLength: number;

  /** `storedText`: DOCUMENTS.Text as stored, i.e. the article file's text including a BOM if it has one. */
  constructor(readonly storedText: string) {
    for (let i = storedText.indexOf('\r'); i !== -1; i = storedText.indexOf('\r', i + 1)) {
      if (storedText.charCodeAt(i + 1) === 10) this.crlf.push(i);
    }
    this.bom = storedText.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.dnaLength = storedText.length - this.crlf.length;
  }

  /** A DNA offset as an offset into the stored text. */
  storedFromDna(dnaOffset: number): number {
    // The k-th CR LF sits at DNA position crlf[k] - k; positions after it gain one unit each.
    let low = 0;
    let high = this.crlf.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.crlf[mid] - mid < dnaOffset) low = mid + 1;
      else high = mid;
    }
    return dnaOffset + low;
  }

  /** An offset into the stored text in DNA's units (a position between CR and LF counts as before the line end). */
  dnaFromStored(storedOffset: number): number {
    let low = 0;
    let high = this.crlf.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.crlf[mid] < storedOffset) low = mid + 1;
      else high = mid;
    }
    return storedOffset - low;
  }

  /** A DNA offset in Standpoint's units (UTF-16 after the BOM). */
  standpointFromDna(dnaOffset: number): number {
    return Math.max(0, this.storedFromDna(dnaOffset) - this.bom);
  }

  /** A Standpoint offset in DNA's units. */
  dnaFromStandpoint(offset: number): number {
    return this.dnaFromStored(offset + this.bom);
  }
}
