/**
 * Stands in for `fast-json-stringify` in the bundled CLI (scripts/bundle-cli.mjs). graphql-jit
 * imports it at its top level but calls it only for its opt-in `customJSONSerializer`, which
 * Discograph never enables (src/server/jit-operation.ts); bundling it would bring ajv and its
 * ~80 modules (~650 KB) into the chunk loaded at the first query. Called anyway, it says so.
 */
export default function fastJsonStringify() {
  throw new Error(
    "graphql-jit's customJSONSerializer needs fast-json-stringify, which the bundled discograph CLI leaves out",
  );
}
