/**
 * Instance introspection: property definitions inferred from sample documents.
 */
export { inferPropertyType, introspectInstances, introspectJson } from './introspect.js';
