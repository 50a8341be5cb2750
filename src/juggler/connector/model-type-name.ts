/**
 * The type vocabulary shared by the juggler, the connectors and the GraphQL layer: the canonical
 * model type names, and the row shape values travel in between the juggler and a connector.
 */

/** The canonical model type names the juggler resolves every property type to. */
export type ModelTypeName =
  | 'String'
  | 'Text'
  | 'Number'
  | 'BigInt'
  | 'Decimal'
  | 'Boolean'
  | 'Date'
  | 'DateTime'
  | 'LocalDateTime'
  | 'DateString'
  | 'Buffer'
  | 'Array'
  | 'Object'
  | 'JSON'
  | 'Any'
  | 'GeoPoint';

/**
 * A row keyed by property name. Values use the juggler's representation:
 * String/Text → string; Number → number; BigInt and Decimal → exact decimal string;
 * Boolean → boolean; Date → Date (LoopBack's type: milliseconds); DateTime → canonical instant
 * text '2022-06-21T07:41:50.707316Z'; LocalDateTime → '2020-01-01T10:00:00.654321'; DateString →
 * 'YYYY-MM-DD' (the three exact texts are described in juggler/types/date-time-text.ts); Buffer → Buffer;
 * Object/JSON/Any → plain JSON value; Array → array; GeoPoint → {lat, lng}.
 */
export type Row = Record<string, unknown>;
