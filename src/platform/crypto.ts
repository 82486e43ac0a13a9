import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { CryptoProfile } from './config.js';

/** Hashing and field encryption behind one interface, so a certified module can replace it. */
export interface CryptoProvider {
  readonly profile: CryptoProfile;
  /** Hash algorithm name used by the audit chain (`sm3` or `sha256`). */
  readonly hashAlgorithm: string;
  /** Hex digest of a string. */
  hash(data: string): string;
  /** Encrypts a field value; the result is self-describing text safe to store. */
  encrypt(plain: string): string;
  /** Decrypts what `encrypt` produced (with either profile's format). */
  decrypt(sealed: string): string;
  /** A keyed MAC of a string (hex), for signed cookies. */
  sign(data: string): string;
}

/**
 * Builds the provider. SM profile: SM4-CBC with an HMAC-SM3 tag (encrypt-then-MAC), since
 * Node's OpenSSL has no SM4-GCM. International profile: AES-256-GCM.
 */
export function createCryptoProvider(profile: CryptoProfile, masterKeyHex: string): CryptoProvider {
  const master = Buffer.from(masterKeyHex, 'hex');
  if (master.length !== 32) throw new Error('master key must be 32 bytes');
  const derive = (label: string, length: number) => createHmac('sha256', master).update(label).digest().subarray(0, length);
  const sm4Key = derive('shiji/sm4', 16);
  const macKey = derive('shiji/hmac-sm3', 32);
  const aesKey = derive('shiji/aes-256-gcm', 32);
  const hashAlgorithm = profile === 'sm' ? 'sm3' : 'sha256';

  const encryptSm = (plain: string) => {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', sm4Key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = createHmac('sm3', macKey).update(iv).update(body).digest();
    return `sm4:${iv.toString('base64')}:${body.toString('base64')}:${tag.toString('base64')}`;
  };
  const encryptAes = (plain: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `aes:${iv.toString('base64')}:${body.toString('base64')}:${cipher.getAuthTag().toString('base64')}`;
  };

  return {
    profile,
    hashAlgorithm,
    hash: (data) => createHash(hashAlgorithm).update(data, 'utf8').digest('hex'),
    sign: (data) => createHmac(hashAlgorithm, macKey).update(data, 'utf8').digest('hex'),
    encrypt: (plain) => (profile === 'sm' ? encryptSm(plain) : encryptAes(plain)),
    decrypt(sealed) {
      const [scheme, ivB64, bodyB64, tagB64] = sealed.split(':');
      if (!ivB64 || !bodyB64 || !tagB64) throw new Error('malformed ciphertext');
      const iv = Buffer.from(ivB64, 'base64');
      const body = Buffer.from(bodyB64, 'base64');
      const tag = Buffer.from(tagB64, 'base64');
      if (scheme === 'sm4') {
        const expected = createHmac('sm3', macKey).update(iv).update(body).digest();
        if (expected.length !== tag.length || !timingSafeEqual(expected, tag)) throw new Error('ciphertext tag mismatch');
        const decipher = createDecipheriv('sm4-cbc', sm4Key, iv);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      }
      if (scheme === 'aes') {
        const decipher = createDecipheriv('aes-256-gcm', aesKey, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      }
      throw new Error(`unknown ciphertext scheme ${scheme}`);
    },
  };
}

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 };

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number, len: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, len, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a password with scrypt; the output records its parameters: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored scrypt hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(key, expected);
}

/** A random token of `bytes` bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a token, hex: tokens are stored only as this. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
