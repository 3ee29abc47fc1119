import * as crypto from 'node:crypto';

/**
 * A coder password hash DNA accepts. DNA checks passwords with jasypt's
 * StrongPasswordEncryptor (Sql.authenticate): SHA-256 over a 16-byte random
 * salt followed by the password's UTF-8 bytes (NFC), hashed again 99,999
 * times, stored as Base64 of salt + digest.
 */
export function dnaPasswordHash(password: string, salt: Uint8Array = crypto.randomBytes(16)): string {
  let digest = crypto
    .createHash('sha256')
    .update(salt)
    .update(Buffer.from(password.normalize('NFC'), 'utf8'))
    .digest();
  // crypto.hash (node 20.12+) is three times faster than a Hash object per round.
  const sha256 = typeof crypto.hash === 'function' ? (data: Buffer) => crypto.hash('sha256', data, 'buffer') : (data: Buffer) => crypto.createHash('sha256').update(data).digest();
  for (let i = 1; i < 100_000; i++) digest = sha256(digest);
  return Buffer.concat([salt, digest]).toString('base64');
}

/** Whether `password` matches a hash DNA stored (for tests and for checking a database's coder). */
export function dnaPasswordMatches(password: string, hash: string): boolean {
  const bytes = Buffer.from(hash, 'base64');
  if (bytes.length !== 48) return false;
  return dnaPasswordHash(password, bytes.subarray(0, 16)) === hash;
}
