// Source bytes to text: BOM and PEP 263 coding declarations, as CPython's tokenizer reads files.

const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** Decodes a Python source file's bytes (UTF-8 unless a BOM or coding cookie says otherwise). */
export function decodeSource(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  // The cookie may be on line 1 or 2 (line 2 only if line 1 is a comment or blank).
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 400));
  const lines = head.split("\n", 2);
  let enc: string | null = null;
  const m1 = CODING.exec(lines[0] ?? "");
  if (m1) enc = m1[1]!;
  else if (/^[ \t\f]*(#.*)?\r?$/.test(lines[0] ?? "")) {
    const m2 = CODING.exec(lines[1] ?? "");
    if (m2) enc = m2[1]!;
  }
  let label = (enc ?? "utf-8").toLowerCase().replace(/_/g, "-");
  if (label.startsWith("utf-8") || label === "utf8") label = "utf-8";
  if (label === "latin-1" || label === "iso-latin-1" || label.startsWith("latin-1-"))
    label = "latin1";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
