/**
 * Parser of PostgreSQL's array text format (`{1,2,NULL}`, `{"a \"b\"",c}`, `{{1,2},{3,4}}`,
 * `[0:1]={1,2}`), with a parser for the elements.
 */

/** A parsed array: elements, nulls, or nested arrays for multi-dimensional values. */
export type ParsedArray<T> = (T | null | ParsedArray<T>)[];

/**
 * Parses an array literal, converting each non-null element with `element`.
 *
 * @example
 * parseArrayLiteral('{1,NULL,"3"}', Number); // [1, null, 3]
 */
export function parseArrayLiteral<T>(text: string, element: (raw: string) => T): ParsedArray<T> {
  let index = text.charCodeAt(0) === 91 /* [ */ ? text.indexOf('=') + 1 : 0;

  const parseLevel = (): ParsedArray<T> => {
    index++; // the opening brace
    const items: ParsedArray<T> = [];
    if (text[index] === '}') {
      index++;
      return items;
    }
    for (;;) {
      const char = text[index];
      if (char === '{') {
        items.push(parseLevel());
      } else if (char === '"') {
        index++;
        let value = '';
        let start = index;
        while (index < text.length && text[index] !== '"') {
          if (text[index] === '\\') {
            value += text.slice(start, index);
            index++;
            start = index;
          }
          index++;
        }
        value += text.slice(start, index);
        index++; // closing quote
        items.push(element(value));
      } else {
        const start = index;
        while (index < text.length && text[index] !== ',' && text[index] !== '}') index++;
        const raw = text.slice(start, index);
        items.push(raw === 'NULL' ? null : element(raw));
      }
      if (text[index] === ',') {
        index++;
        continue;
      }
      index++; // the closing brace
      return items;
    }
  };

  if (text[index] !== '{') throw new TypeError('not a PostgreSQL array literal');
  return parseLevel();
}
