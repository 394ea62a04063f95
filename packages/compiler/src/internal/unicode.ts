// Character classes Python defines through the Unicode database, answered by the host's ICU.

const XID_START = /^[\p{XID_Start}_]$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;
// Python's str.isprintable: false for Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs except the space.
const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

export function isIdentifierStart(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
  return XID_START.test(String.fromCodePoint(cp));
}

export function isIdentifierContinue(cp: number): boolean {
  if (cp < 128)
    return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95 || (cp >= 48 && cp <= 57);
  return XID_CONTINUE.test(String.fromCodePoint(cp));
}

export function isPrintable(cp: number): boolean {
  if (cp < 128) return cp >= 32 && cp < 127;
  if (cp >= 0xd800 && cp < 0xe000) return false;
  return !NON_PRINTABLE.test(String.fromCodePoint(cp));
}
