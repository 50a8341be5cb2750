/**
 * Compares GraphQL answers of different systems by their leaf values in response order (keys and
 * nesting names ignored, since every system names fields its own way), and when they differ says
 * precisely how: only the JSON types (0.99 vs "0.99"), only the timestamp notation, only the
 * order of the values, or the values themselves (with the first difference and its paths).
 */

/** The leaves of a JSON value in order, each with its path. */
export function leaves(value, path = '', out = []) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) leaves(value[i], `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) leaves(value[k], `${path}.${k}`, out);
  } else {
    out.push({ path, value });
  }
  return out;
}

const strict = (v) => JSON.stringify(v);
const timestamp = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;
/** Loose form: numbers and numeric strings compared as numbers, timestamps without fraction/zone. */
function loose(v) {
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'string') {
    if (/^-?\d+(\.\d+)?$/.test(v)) return `n:${Number(v)}`;
    const m = timestamp.exec(v);
    if (m && (!m[3] || Number(m[3]) === 0) && (!m[4] || /^(Z|[+-]00:?00)$/.test(m[4])))
      return `t:${m[1]}T${m[2]}`;
  }
  return strict(v);
}

/**
 * Verdict of `other` against `reference` (both `data` objects): 'same', 'same values, other JSON
 * types', 'same values, other order', or 'different', with a one-line detail.
 */
export function compareData(reference, other) {
  const a = leaves(reference);
  const b = leaves(other);
  const firstDiff = (f) => {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!a[i] || !b[i] || f(a[i].value) !== f(b[i].value)) return i;
    }
    return -1;
  };
  const show = (i) =>
    `leaf #${i}: ${a[i] ? `${a[i].path}=${strict(a[i].value)}` : '(none)'} vs ${b[i] ? `${b[i].path}=${strict(b[i].value)}` : '(none)'}`;
  const count = `${b.length} vs ${a.length} leaves`;
  const d0 = firstDiff(strict);
  if (d0 < 0) return { verdict: 'same', detail: `${a.length} leaves` };
  const d1 = firstDiff(loose);
  if (d1 < 0)
    return { verdict: 'same values, other notation', detail: `first notation difference at ${show(d0)}` };
  if (a.length === b.length) {
    const sorted = (xs) => xs.map((x) => loose(x.value)).sort();
    const sa = sorted(a);
    const sb = sorted(b);
    if (sa.every((x, i) => x === sb[i])) {
      return { verdict: 'same values, other order', detail: `first order difference at ${show(d1)}` };
    }
  }
  return { verdict: 'different', detail: `${count}; first difference at ${show(d1)}` };
}
