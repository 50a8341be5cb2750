/**
 * Instance introspection: property definitions inferred from sample documents.
 */
export { inferPropertyType, introspectJson } from './introspect.js';
