/**
 * Shape D's optional encryption (national-platform.md §4.2, Jilin): the JSON of `input` is
 * encrypted with SM4/ECB/PKCS7 under the UTF-8 bytes of the client id (16 bytes), Base64-encoded
 * and put in place of `input`, with `enc_type: "SM4"`; `cainfo` carries the Base64 of the raw
 * 64-byte r‖s SM3-with-SM2 signature of the same plaintext (library default user id), `signtype: "SM2"`.
 */
import smCrypto from 'sm-crypto';

// sm-crypto is CommonJS: Node's ESM loader (tsx CLIs) exposes only its default export.
const { sm2, sm4 } = smCrypto;

const bytes = (text: string) => Array.from(Buffer.from(text, 'utf8'));

/** A Base64 raw 32-byte scalar or 64 hex digits → hex. */
export function privateKeyHex(key: string): string {
  const trimmed = key.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return trimmed.toLowerCase();
  const raw = Buffer.from(trimmed, 'base64');
  if (raw.length !== 32) throw new Error('SM2 私钥格式错误：应为32字节的 Base64 或64位十六进制');
  return raw.toString('hex');
}

/** 04‖X‖Y hex from Base64 of X‖Y (64 bytes), 04‖X‖Y (65 bytes), or hex. */
export function publicKeyHex(key: string): string {
  const trimmed = key.trim();
  if (/^(04)?[0-9a-fA-F]{128}$/.test(trimmed)) return (trimmed.length === 128 ? `04${trimmed}` : trimmed).toLowerCase();
  const raw = Buffer.from(trimmed, 'base64');
  if (raw.length === 64) return `04${raw.toString('hex')}`;
  if (raw.length === 65 && raw[0] === 4) return raw.toString('hex');
  throw new Error('SM2 公钥格式错误');
}

export function sm4EncryptBase64(plaintext: string, key16: string): string {
  return Buffer.from(sm4.encrypt(bytes(plaintext), bytes(key16)), 'hex').toString('base64');
}

export function sm4DecryptBase64(cipherBase64: string, key16: string): string {
  return sm4.decrypt(Buffer.from(cipherBase64, 'base64').toString('hex'), bytes(key16));
}

export function sm2SignBase64(plaintext: string, privateKey: string): string {
  return Buffer.from(sm2.doSignature(bytes(plaintext), privateKeyHex(privateKey), { hash: true, der: false }), 'hex').toString('base64');
}

export function sm2VerifyBase64(plaintext: string, signatureBase64: string, publicKey: string): boolean {
  const sig = Buffer.from(signatureBase64, 'base64');
  if (sig.length !== 64) return false;
  return sm2.doVerifySignature(bytes(plaintext), sig.toString('hex'), publicKeyHex(publicKey), { hash: true });
}

/** The envelope fields that replace a plaintext `input`. */
export function encryptInput(input: unknown, clientId: string, privateKey: string): { input: string; enc_type: 'SM4'; cainfo: string; signtype: 'SM2' } {
  const plaintext = JSON.stringify(input);
  return { input: sm4EncryptBase64(plaintext, clientId), enc_type: 'SM4', cainfo: sm2SignBase64(plaintext, privateKey), signtype: 'SM2' };
}
