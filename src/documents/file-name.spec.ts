import { MAX_FILE_NAME_LENGTH, contentDisposition, sanitizeFileName, withFormatExtension } from './file-name.js';

describe('sanitizeFileName', () => {
  it.each<[string, string | undefined, string]>([
    ['keeps an ordinary name', 'statuts 2025.pdf', 'statuts 2025.pdf'],
    ['keeps accents', 'Procès-verbal AG.pdf', 'Procès-verbal AG.pdf'],
    ['normalises to NFC (e + combining accent → é)', 'Proce\u0300s-verbal.pdf', 'Procès-verbal.pdf'],
    ['strips a Unix path', '/etc/passwd', 'passwd'],
    ['strips a relative traversal', '../../../../etc/passwd.pdf', 'passwd.pdf'],
    ['strips a Windows path', 'C:\\Users\\x\\..\\..\\Windows\\system.ini', 'system.ini'],
    ['strips mixed separators', '..\\../..\\evil.pdf', 'evil.pdf'],
    ['a bare ".." becomes the default name', '..', 'document'],
    ['a path ending in a separator keeps its last component', 'dossier/statuts/', 'statuts'],
    ['removes control characters', 'sta\u0000tu\u001bts\u0007.pdf', 'statuts.pdf'],
    ['turns newlines into a space', 'statuts\r\n2025.pdf', 'statuts 2025.pdf'],
    ['removes a right-to-left override (hidden .exe)', 'facture\u202Efdp.exe', 'facturefdp.exe'],
    ['removes zero-width characters', 'sta\u200Btuts.pdf', 'statuts.pdf'],
    ['replaces characters reserved on some systems', 'a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['drops leading dots (no hidden file)', '.bashrc', 'bashrc'],
    ['drops trailing dots and spaces', 'statuts.pdf. . ', 'statuts.pdf'],
    ['collapses whitespace', 'plan   de\tfinancement.pdf', 'plan de financement.pdf'],
    ['replaces a lone surrogate', 'a\uD800b.pdf', 'a\uFFFDb.pdf'],
    ['gives a name to an empty one', '', 'document'],
    ['gives a name to a missing one', undefined, 'document'],
  ])('%s', (_name, raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('caps the length, keeping the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(500)}.pdf`);
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('caps by characters without splitting a surrogate pair', () => {
    const name = sanitizeFileName('😀'.repeat(300));
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect((name as string & { isWellFormed(): boolean }).isWellFormed()).toBe(true);
  });

  it('never leaves a separator, a control character or a leading dot', () => {
    for (const raw of ['../a', '..\\a', '/', '\\\\server\\share\\x', '\u0000', '. /.', 'a/\u0085b']) {
      const name = sanitizeFileName(raw);
      expect(name).not.toMatch(/[/\\\p{Cc}]/u);
      expect(name.startsWith('.')).toBe(false);
    }
  });
});

describe('withFormatExtension', () => {
  it.each([
    ['statuts.pdf', 'pdf', 'statuts.pdf'],
    ['STATUTS.PDF', 'pdf', 'STATUTS.PDF'],
    ['photo.jpeg', 'jpeg', 'photo.jpeg'],
    ['photo.jpg', 'jpeg', 'photo.jpg'],
    ['rapport.exe', 'pdf', 'rapport.exe.pdf'],
    ['comptes', 'xlsx', 'comptes.xlsx'],
    ['export.txt', 'csv', 'export.txt.csv'],
  ] as const)('%s as %s → %s', (name, format, expected) => {
    expect(withFormatExtension(name, format)).toBe(expected);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('Procès-verbal (AG) 2025.pdf')).toBe(
      `attachment; filename="Proces-verbal (AG) 2025.pdf"; filename*=UTF-8''Proc%C3%A8s-verbal%20%28AG%29%202025.pdf`,
    );
  });

  it('cannot break out of the header (quotes, backslashes, newlines)', () => {
    const header = contentDisposition('a"b\\c\r\nSet-Cookie: x=1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]*$/);
  });

  it('replaces characters outside ASCII in the fallback', () => {
    expect(contentDisposition('统计.csv')).toBe(
      `attachment; filename="__.csv"; filename*=UTF-8''%E7%BB%9F%E8%AE%A1.csv`,
    );
  });
});
