import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt (Node's built-in, no native package) with a per-user random salt. */
const N = 16_384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: 256 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that never verifies, so that an unknown e-mail costs the same time as a wrong password. */
let dummy: Promise<string> | null = null;
export async function burnPasswordTime(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(12).toString('hex'));
  await verifyPassword(password, await dummy);
}

/** 16 characters from an unambiguous alphabet (~93 bits): what a generated or temporary password looks like. */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    // 220 = 4 × 55: bytes above it are rejected so that every character is equally likely
    if (bytes[i] < 220) out += alphabet[bytes[i] % 55];
  }
  return out.length === length ? out : generatePassword(length);
}

export const PASSWORD_RULE =
  'a password has 12 to 200 characters, at least 5 different ones, and is not a common password (nor one with digits or symbols around it)';

/**
 * The 49,233 most common passwords of the zxcvbn list (npm @zxcvbn-ts/language-common, MIT, shipped in
 * node_modules: checked offline). Built on first use.
 */
let common: Set<string> | null = null;
async function commonPasswords(): Promise<Set<string>> {
  if (!common) {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common;
}

/** Why a password is refused, or null when it is acceptable. */
export async function passwordProblem(p: unknown): Promise<string | null> {
  if (typeof p !== 'string' || p.length < 12 || p.length > 200) return PASSWORD_RULE;
  if (new Set(p).size < 5) return `${PASSWORD_RULE}: too few different characters`;
  const lower = p.normalize('NFC').toLowerCase();
  // a short unit repeated: "abcabcabcabc", "azertyazerty"
  if (/^(.{1,6}?)\1+$/su.test(lower)) return `${PASSWORD_RULE}: a repeated pattern`;
  const list = await commonPasswords();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const spaced = lower.replace(/[\s._-]+/gu, '');
  if (!core) return `${PASSWORD_RULE}: only digits or symbols`;
  if ([lower, core, spaced].some((x) => x.length > 0 && list.has(x))) return `${PASSWORD_RULE}: a common password`;
  return null;
}

export async function isAcceptablePassword(p: unknown): Promise<boolean> {
  return (await passwordProblem(p)) === null;
}
