// The format of a golden program's .expected file: CPython's stdout verbatim, then a line
// "[exit N]" (preceded by "[no newline at end]" when stdout did not end with one).
export function formatExpected(stdout, status) {
  const tail = stdout === "" || stdout.endsWith("\n") ? "" : "\n[no newline at end]\n";
  return `${stdout}${tail}[exit ${status}]\n`;
}

export function parseExpected(text) {
  const m = /\[exit (\d+)\]\n$/.exec(text);
  if (m === null) throw new Error("malformed .expected file: no [exit N] line");
  let stdout = text.slice(0, m.index);
  if (stdout.endsWith("\n[no newline at end]\n")) stdout = stdout.slice(0, -"\n[no newline at end]\n".length);
  return { stdout, status: Number(m[1]) };
}
