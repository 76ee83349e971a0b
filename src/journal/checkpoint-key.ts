/**
 * The Ed25519 key that signs the journal checkpoints. It lives in a file outside the
 * database (JOURNAL_SIGNING_KEY_FILE): whoever can rewrite the database cannot sign.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { ConfigError } from '../config/app-config.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key, stored with each checkpoint. */
  publicKeyPem: string;
  /** SHA-256 of the public key's DER form, hex. */
  fingerprint: string;
}

/** A configuration error: the start stops with its message alone, naming the variable. */
export class SigningKeyError extends ConfigError {}

/** Writes a new key to `path` (0600), refusing to overwrite one. */
export function generateSigningKeyFile(path: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

/**
 * Loads the key; when the file is missing and `generate` is set (outside production),
 * creates it first and says so through `warn`.
 */
export function loadSigningKey(
  path: string,
  options: { generate: boolean; warn?: (message: string) => void },
): SigningKey {
  if (!existsSync(path)) {
    if (!options.generate) {
      throw new SigningKeyError(
        `JOURNAL_SIGNING_KEY_FILE: ${path} does not exist (the Ed25519 private key, PEM, that signs the journal checkpoints).`,
      );
    }
    generateSigningKeyFile(path);
    options.warn?.(
      `A new journal signing key was generated in ${path}. Keep a copy outside this server: ` +
        'checkpoints signed with it can only be verified with it (set JOURNAL_SIGNING_KEY_FILE in production).',
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(path));
  } catch (error) {
    throw new SigningKeyError(
      `JOURNAL_SIGNING_KEY_FILE: ${path} is not a readable PEM private key (${String(error)}).`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(
      `JOURNAL_SIGNING_KEY_FILE: ${path} holds a ${privateKey.asymmetricKeyType} key, not Ed25519.`,
    );
  }
  return fromPrivateKey(privateKey);
}

export function fromPrivateKey(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

/** The fingerprint of a public key given as SPKI PEM. */
export function fingerprintOfPem(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export function signHash(key: SigningKey, hash: string): string {
  return sign(null, Buffer.from(hash, 'hex'), key.privateKey).toString('base64');
}

export function verifyHash(key: SigningKey, hash: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(hash, 'hex'), key.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
