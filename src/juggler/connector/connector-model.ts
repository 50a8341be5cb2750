/**
 * What a connector receives about a model: its names already resolved to a table (or collection)
 * and columns (or document fields) by `resolveConnectorModel`, with the facts a statement needs.
 */
import type { ModelSettings } from '../model-definition.js';
import type { ModelTypeName } from './model-type-name.js';

/** What a connector needs to know about one property. */
export interface ConnectorProperty {
  /** Property name (the key in rows). */
  name: string;
  /** Column (or document field) name. */
  column: string;
  type: ModelTypeName;
  /** For `Array`: the element type. */
  itemType?: ModelTypeName;
  /** The database type from the column block (`numeric`, `int8`, `jsonb`...), when known. */
  dataType?: string;
  /** The database's own name of the type (`int4`, an enum type's name `mood`), when known. */
  udtName?: string;
  /** A text column's character set when it cannot hold every character (MySQL's `utf8mb3`, `latin1`). */
  characterSet?: string;
  /** 1-based position in the (possibly composite) id, or undefined. */
  idIndex?: number;
  /** The database generates the value (identity, serial, auto_increment, generated column). */
  generated: boolean;
  /** Can hold null (never an id); see model/model-facts.ts. */
  nullable: boolean;
  /** The column cannot be written (a generated column, a property declared `readOnly`). */
  readOnly?: boolean;
  /** Maximum length of a string column (`varchar(length)`), when the definition gives one. */
  length?: number | null;
  /** Numeric precision (`numeric(precision, scale)`), when the definition gives one. */
  precision?: number | null;
  /** Numeric scale, when the definition gives one. */
  scale?: number | null;
  /**
   * The properties of the embedded documents the property holds (`embedded` in its definition:
   * document stores), by property name; a dotted path (`lines.unitPrice`) resolves through them.
   */
  embedded?: ReadonlyMap<string, ConnectorProperty>;
}

/** What a connector needs to know about one model, names already resolved. */
export interface ConnectorModel {
  name: string;
  /** Table, view or collection name. */
  table: string;
  /** Schema (PostgreSQL), database (MySQL) or undefined for the connection's default. */
  schema?: string;
  /** Properties in definition order. */
  properties: readonly ConnectorProperty[];
  /** Lookup by property name. */
  propertyByName: ReadonlyMap<string, ConnectorProperty>;
  /** Id property names in id order (composite ids have several; model/model-facts.ts `idNamesOf`). */
  idProperties: readonly string[];
  readOnly: boolean;
  settings: ModelSettings;
}
