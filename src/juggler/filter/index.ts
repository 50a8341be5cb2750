/**
 * Filters: validation and normalization against a model, constant folding, and the in-memory
 * evaluator/sorter the memory connector uses.
 */
export { coerceFilterValue, coerceScalar, describeValue, toRegExp } from './coerce-value.js';
export { compareDecimalStrings, compareValues, valuesEqual } from './compare-values.js';
export { type FilterModel, type FilterProperty, type FilterSchema, toFilterSchema } from './filter-schema.js';
export * from './filter-types.js';
export { likeToRegExp, matchesWhere, type PropertyTypes } from './match-where.js';
export { mergeFilters, mergeWhere } from './merge-filter.js';
export { normalizeFields, normalizeFilter, normalizeOrder } from './normalize-filter.js';
export { isPlainObject, normalizeWhere } from './normalize-where.js';
export { paginateRows, projectRow, rowComparator, sortRows } from './sort-rows.js';
export { closestName, didYouMean, editDistance } from './suggest.js';
export { keyPart, tupleKey } from './value-key.js';
export { andNodes, FALSE_NODE, isAlwaysTrue, orNodes, TRUE_NODE } from './where-nodes.js';
