import type { DocumentMediaType } from './placement.schema';

const EXTENSIONS: Record<DocumentMediaType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/**
 * The type a file really is, from its first bytes (never its name or the declared Content-Type): a PDF starts
 * with "%PDF-", a PNG with its 8-byte signature, a JPEG with FF D8 FF. Anything else is refused.
 */
export function sniffMediaType(bytes: Buffer): DocumentMediaType | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

export const extensionOf = (t: DocumentMediaType): string => EXTENSIONS[t];
