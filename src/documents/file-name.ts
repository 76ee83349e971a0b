/**
 * File names as the client sent them are only a label: files are stored under their
 * hash, so a name can never choose a path. Still, the name is shown and sent back in
 * `Content-Disposition`, so it is cleaned first: one Unicode form, no folders, no
 * control or bidirectional-override characters, a bounded length.
 */
import { FORMATS, type DocumentFormat } from './content-sniffing.js';

export const MAX_FILE_NAME_LENGTH = 200;
const FALLBACK_NAME = 'document';

/** C0/C1 controls, DEL, and format characters (bidi overrides such as U+202E hide an `.exe`). */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Characters that some systems refuse in a file name. */
const RESERVED = /[<>:"|?*]/g;

/** Cuts to `max` code points without splitting a surrogate pair. */
function truncate(value: string, max: number): string {
  return Array.from(value).slice(0, max).join('');
}

function splitExtension(name: string): { base: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { base: name, extension: '' };
  return { base: name.slice(0, dot), extension: name.slice(dot + 1) };
}

export function sanitizeFileName(raw: string | undefined | null): string {
  // A lone surrogate (possible in a JSON string, not in UTF-8) becomes U+FFFD first.
  let name = ((raw ?? '') as string & { toWellFormed(): string }).toWellFormed().normalize('NFC');
  // Only the last path component, whichever separator the client's system uses.
  name =
    name
      .split(/[/\\]/)
      .filter((part) => part.trim() !== '')
      .pop() ?? '';
  // Whitespace (tabs, newlines) becomes one space before the other controls go.
  name = name.replace(/\s+/g, ' ').replace(UNSAFE, '').replace(RESERVED, '_').trim();
  // No hidden file, and nothing that reads as "." or "..".
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!name) return FALLBACK_NAME;
  if (Array.from(name).length <= MAX_FILE_NAME_LENGTH) return name;
  const { base, extension } = splitExtension(name);
  const keep = extension && Array.from(extension).length <= 10 ? `.${extension}` : '';
  return `${truncate(base, MAX_FILE_NAME_LENGTH - Array.from(keep).length)}${keep}`;
}

/** The name with an extension that matches the sniffed format (`rapport.exe` → `rapport.exe.pdf`). */
export function withFormatExtension(name: string, format: DocumentFormat): string {
  const { extensions } = FORMATS[format];
  const { extension } = splitExtension(name);
  if (extensions.includes(extension.toLowerCase())) return name;
  const suffix = `.${extensions[0]}`;
  return `${truncate(name, MAX_FILE_NAME_LENGTH - suffix.length)}${suffix}`;
}

/** RFC 5987 `value-chars`: percent-encode everything but `attr-char`. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback for old clients and the exact
 * name in `filename*` (RFC 6266 / 5987). Always an attachment: a piece is downloaded,
 * never rendered inside the application's origin.
 */
export function contentDisposition(name: string): string {
  const clean = sanitizeFileName(name);
  const ascii =
    clean
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%]/g, '_') || FALLBACK_NAME;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}
