// The text of an uploaded spreadsheet file, whatever Excel saved it as: UTF-8 (with or without BOM),
// Shift_JIS, or 「Unicode テキスト」 (UTF-16). Used by the department list and the plan files alike.
import iconv from "iconv-lite";
import { SpreadsheetReadError } from "./read-error";


function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Bytes per character a UTF-8 lead byte announces (0 for a byte that cannot lead). */
function utf8Length(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** How many bytes at the end start a UTF-8 character that the file cuts short (0 when none does). */
function cutUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const needed = utf8Length(byte);
    return needed > back ? back : 0;
  }
  return 0;
}

/** "utf-16le" / "utf-16be" for Excel's 「Unicode テキスト」 (with its byte order mark), else null. */
function utf16Of(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  // Without a mark: text that is mostly ASCII has a zero in every other byte.
  const sample = bytes.subarray(0, 2000);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  const half = sample.length / 2;
  if (half >= 8 && oddZeros > half * 0.3 && evenZeros < half * 0.05) return "utf-16le";
  if (half >= 8 && evenZeros > half * 0.3 && oddZeros < half * 0.05) return "utf-16be";
  return null;
}

/**
 * The text of an uploaded spreadsheet file: UTF-16 when it is Excel's 「Unicode テキスト」; UTF-8 when
 * the bytes are valid UTF-8 (as they almost never are by accident); else Shift_JIS (cp932). A UTF-8 or
 * UTF-16 file cut inside its last character is refused with SpreadsheetReadError, rather than read as
 * Shift_JIS garble.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    if (bytes.length % 2 === 1) {
      throw new SpreadsheetReadError(
        lineCount(text),
        "UTF-16（Excel の「Unicode テキスト」）のファイルが文字の途中で終わっています。ファイルが途中で切れていないか確認し、もう一度保存してください。",
      );
    }
    return text;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const tail = cutUtf8Tail(bytes);
    if (tail > 0) {
      const head = bytes.subarray(0, bytes.length - tail);
      try {
        const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(head);
        throw new SpreadsheetReadError(
          lineCount(text),
          "UTF-8 のファイルが最後の文字の途中で終わっています。ファイルが途中で切れていないか確認し、もう一度保存してください。",
        );
      } catch (error) {
        if (error instanceof SpreadsheetReadError) throw error;
      }
    }
    return iconv.decode(Buffer.from(bytes), "cp932");
  }
}
