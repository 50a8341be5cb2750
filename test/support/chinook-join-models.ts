/** The Chinook tables the join tests read, as connector models in either naming of the fixtures. */
import type { ModelTypeName } from '../../src/juggler/connector/model-type-name.js';
import { type ChinookNaming, type SqlPropertySpec, snakeCase, sqlModel } from './connector-models.js';

type Spec = Exclude<SqlPropertySpec, ModelTypeName>;

/** The Chinook tables these tests join, as discovery would describe them in one naming. */
export function joinModels(naming: ChinookNaming) {
  const pascal = naming === 'pascal';
  const column = (property: string) =>
    pascal ? property.charAt(0).toUpperCase() + property.slice(1) : snakeCase(property);
  const table = (model: string) => (pascal ? model : snakeCase(model));
  const int = (extra: Partial<Spec> = {}): Spec => ({
    type: 'Number',
    dataType: pascal ? 'int' : 'integer',
    ...extra,
  });
  const text: Spec = { type: 'String', dataType: pascal ? 'varchar' : 'character varying' };
  const money: Spec = { type: 'Decimal', dataType: pascal ? 'decimal' : 'numeric', precision: 10, scale: 2 };
  const date: Spec = { type: 'Date', dataType: pascal ? 'datetime' : 'timestamp without time zone' };
  const model = (name: string, specs: Record<string, Spec>) =>
    sqlModel(
      name,
      Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, { ...spec, column: column(key) }])),
      { table: table(name) },
    );
  return {
    Track: model('Track', {
      trackId: int({ id: 1 }),
      name: text,
      albumId: int(),
      genreId: int(),
      milliseconds: int(),
      unitPrice: money,
    }),
    Album: model('Album', { albumId: int({ id: 1 }), title: text, artistId: int() }),
    Artist: model('Artist', { artistId: int({ id: 1 }), name: text }),
    Genre: model('Genre', { genreId: int({ id: 1 }), name: text }),
    Employee: model('Employee', {
      employeeId: int({ id: 1 }),
      lastName: text,
      firstName: text,
      reportsTo: int(),
      birthDate: date,
    }),
    Invoice: model('Invoice', {
      invoiceId: int({ id: 1 }),
      customerId: int(),
      invoiceDate: date,
      total: money,
    }),
    InvoiceLine: model('InvoiceLine', {
      invoiceLineId: int({ id: 1 }),
      invoiceId: int(),
      trackId: int(),
      unitPrice: money,
      quantity: int(),
    }),
  };
}
