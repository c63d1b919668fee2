/**
 * The lines that differ between two texts, as `- ` (only in `before`) and `+ ` (only in `after`)
 * lines under `@@ line N` headings (N: the line in `before`), from their longest common subsequence.
 */
export function lineDiff(before: string, after: string, maxLines = 60): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // common(i, j): length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  const common = (i: number, j: number): number => table[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? common(i + 1, j + 1) + 1 : Math.max(common(i + 1, j), common(i, j + 1));
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let inHunk = false;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      inHunk = false;
      continue;
    }
    if (!inHunk) out.push(`@@ line ${i + 1}`);
    inHunk = true;
    if (i < a.length && (j === b.length || common(i + 1, j) >= common(i, j + 1))) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out.length > maxLines ? [...out.slice(0, maxLines), `... ${out.length - maxLines} more lines`] : out;
}
