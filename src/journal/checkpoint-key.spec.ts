import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { loadSigningKey, signHash, verifyHash, SigningKeyError } from './checkpoint-key.js';
import { checkpointHash, headsDigest, type SignedCheckpoint } from './checkpoint-record.js';

describe('the checkpoint signing key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'scic-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated outside production, readable by its owner only, with a warning', () => {
    const warnings: string[] = [];
    const path = join(dir, 'nested', 'key.pem');
    const key = loadSigningKey(path, { generate: true, warn: (m) => warnings.push(m) });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([expect.stringContaining(path)]);
    // The same key when loaded again, and no second warning.
    expect(loadSigningKey(path, { generate: true, warn: (m) => warnings.push(m) }).fingerprint).toBe(key.fingerprint);
    expect(warnings).toHaveLength(1);
  });

  it('is never generated when generation is off (production): the error names the variable', () => {
    expect(() => loadSigningKey(join(dir, 'missing.pem'), { generate: false })).toThrow(
      /JOURNAL_SIGNING_KEY_FILE: .*missing\.pem does not exist/,
    );
  });

  it('refuses a key that is not Ed25519', () => {
    const path = join(dir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSigningKey(path, { generate: false })).toThrow(SigningKeyError);
  });

  it('signs a checkpoint hash that verifies with it only', () => {
    const key = loadSigningKey(join(dir, 'a.pem'), { generate: true });
    const other = loadSigningKey(join(dir, 'b.pem'), { generate: true });
    const content: SignedCheckpoint = {
      seq: 1,
      createdAt: '2026-11-23T09:00:00.000Z',
      reason: 'signature',
      dossierCount: 1,
      dossiersDigest: headsDigest(new Map([['d1', { seq: 3, hash: 'a'.repeat(64) }]])),
      adminHead: null,
      prevHash: '0'.repeat(64),
      publicKeyFingerprint: key.fingerprint,
    };
    const hash = checkpointHash(content);
    const signature = signHash(key, hash);
    expect(verifyHash(key, hash, signature)).toBe(true);
    expect(verifyHash(other, hash, signature)).toBe(false);
    expect(verifyHash(key, checkpointHash({ ...content, dossierCount: 2 }), signature)).toBe(false);
  });
});
