/**
 * A line diff of two texts for failure messages: hunks of changed lines (`-` expected, `+`
 * actual) with a few unchanged lines of context around them, like `diff -u` without headers.
 */

const CONTEXT = 2;

type Line = { kind: ' ' | '-' | '+'; text: string };

/** The lines of `expected` and `actual` aligned on a longest common subsequence. */
function alignLines(expected: readonly string[], actual: readonly string[]): Line[] {
  const rows = expected.length + 1;
  const columns = actual.length + 1;
  // common[i * columns + j]: length of the longest common subsequence of expected[i..] and actual[j..].
  const common = new Uint32Array(rows * columns);
  for (let i = expected.length - 1; i >= 0; i--) {
    for (let j = actual.length - 1; j >= 0; j--) {
      common[i * columns + j] =
        expected[i] === actual[j]
          ? (common[(i + 1) * columns + j + 1] ?? 0) + 1
          : Math.max(common[(i + 1) * columns + j] ?? 0, common[i * columns + j + 1] ?? 0);
    }
  }
  const lines: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < expected.length || j < actual.length) {
    if (i < expected.length && j < actual.length && expected[i] === actual[j]) {
      lines.push({ kind: ' ', text: expected[i] ?? '' });
      i++;
      j++;
    } else if (
      j >= actual.length ||
      (i < expected.length && (common[(i + 1) * columns + j] ?? 0) >= (common[i * columns + j + 1] ?? 0))
    ) {
      lines.push({ kind: '-', text: expected[i] ?? '' });
      i++;
    } else {
      lines.push({ kind: '+', text: actual[j] ?? '' });
      j++;
    }
  }
  return lines;
}

/**
 * The differing lines of two texts with `CONTEXT` lines around each change, `...` between hunks;
 * an empty string when the texts are equal.
 *
 * @example
 * lineDiff('a\nb\nc\n', 'a\nB\nc\n') // '  a\n- b\n+ B\n  c\n  '
 */
export function lineDiff(expected: string, actual: string): string {
  if (expected === actual) return '';
  const lines = alignLines(expected.split('\n'), actual.split('\n'));
  const shown = new Set<number>();
  lines.forEach((line, index) => {
    if (line.kind === ' ') return;
    for (let k = Math.max(0, index - CONTEXT); k <= Math.min(lines.length - 1, index + CONTEXT); k++) {
      shown.add(k);
    }
  });
  const out: string[] = [];
  let previous = -1;
  for (const index of [...shown].sort((a, b) => a - b)) {
    if (previous >= 0 && index > previous + 1) out.push('...');
    const line = lines[index];
    if (line) out.push(`${line.kind} ${line.text}`);
    previous = index;
  }
  return out.join('\n');
}
