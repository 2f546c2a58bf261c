// A user's file name is only ever shown or offered as a download name, never used as a path.
export const MAX_NAME_LENGTH = 200;

// control characters, bidirectional overrides and invisible characters (a name like "cod.exe" shown as "exe.doc")
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;
// reserved on common file systems, and the quote that would end a header parameter
const RESERVED = /["*/:<>?\\|]/g;

export function sanitiseFileName(raw: string, options: { extension?: string; fallback?: string } = {}): string {
  const extension = options.extension ?? '';
  const fallback = options.fallback ?? 'file';
  // keep only the last path segment, whichever separator the client used
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  // no hidden files, no "." or ".."
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (name === '') name = fallback;
  if (extension !== '' && !name.toLowerCase().endsWith(extension.toLowerCase())) name = `${name}${extension}`;
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const keep = [...extension].length;
    name = `${chars.slice(0, MAX_NAME_LENGTH - keep).join('').trimEnd()}${chars.slice(chars.length - keep).join('')}`;
  }
  return name;
}

// RFC 5987 value characters: everything else is percent-encoded
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// RFC 6266: an ASCII fallback for old clients, and filename* with the real UTF-8 name.
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const clean = sanitiseFileName(name);
  const ascii = clean.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  if (ascii === clean) return `${type}; filename="${ascii}"`;
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}

export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  if (bytes < 1024) return `${bytes} bytes`;
  const kb = bytes / 1024;
  return `${Number.isInteger(kb) ? kb : kb.toFixed(1)} KB`;
}
