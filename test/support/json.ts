/**
 * The type of a GraphQL response's `data` in tests: the shapes are asserted by the tests
 * themselves (toEqual against plain SQL), so a static type would only repeat them.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; used only in tests.
export type ResponseData = any;
