import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition, RelationDefinition } from '../../src/juggler/model-definition.js';
import { applyModelSelection } from '../../src/server/model-selection.js';

const definitions: ModelDefinition[] = [
  {
    name: 'Account',
    options: {
      postgresql: { schema: 'public', table: 'account' },
      relations: { sessions: { type: 'hasMany', model: 'Session', foreignKey: 'accountId' } },
    },
    properties: {
      accountId: { type: 'Number', id: 1, postgresql: { columnName: 'account_id' } },
      email: { type: 'String', postgresql: { columnName: 'email' } },
      passwordHash: { type: 'String', postgresql: { columnName: 'password_hash' } },
    },
  },
  {
    name: 'Session',
    options: {
      postgresql: { schema: 'public', table: 'session' },
      relations: { account: { type: 'belongsTo', model: 'Account', foreignKey: 'accountId' } },
    },
    properties: {
      sessionId: { type: 'Number', id: 1, postgresql: { columnName: 'session_id' } },
      accountId: { type: 'Number', postgresql: { columnName: 'account_id' } },
    },
  },
  {
    name: 'AuditLog',
    options: { postgresql: { schema: 'public', table: 'audit_log' } },
    properties: { id: { type: 'Number', id: 1 } },
  },
];

const none = { includeTables: [], excludeTables: [], hideColumns: [], rename: {}, exposeSecretColumns: true };

describe('applyModelSelection', () => {
  it('marks a column hidden everywhere with a *.column pattern, keeping it in the model', () => {
    const [account] = applyModelSelection(definitions, { ...none, hideColumns: ['*.password_hash'] });
    expect(Object.keys(account?.properties ?? {})).toEqual(['accountId', 'email', 'passwordHash']);
    expect(account?.properties.passwordHash?.hidden).toBe(true);
    expect(account?.properties.email?.hidden).toBeUndefined();
    expect(definitions[0]?.properties.passwordHash?.hidden).toBeUndefined();
  });

  it('leaves out excluded tables and the relations that pointed at them', () => {
    const result = applyModelSelection(definitions, {
      ...none,
      excludeTables: ['audit_*', 'public.session'],
    });
    expect(result.map((definition) => definition.name)).toEqual(['Account']);
    expect(result[0]?.options?.relations).toEqual({});
  });

  it('keeps only included tables when an include list is given', () => {
    const result = applyModelSelection(definitions, { ...none, includeTables: ['account', 'session'] });
    expect(result.map((definition) => definition.name)).toEqual(['Account', 'Session']);
  });

  it('keeps the relations over a hidden key column, so the models still build', () => {
    const result = applyModelSelection(definitions, { ...none, hideColumns: ['session.account_id'] });
    expect(result.find((definition) => definition.name === 'Session')?.options?.relations).toHaveProperty(
      'account',
    );
    expect(result.find((definition) => definition.name === 'Account')?.options?.relations).toHaveProperty(
      'sessions',
    );
    expect(() => new DataSource('memory').defineModelsLazily(result)).not.toThrow();
  });

  it("keeps a belongsTo that names no foreignKey, over LoopBack's default key `<relation>Id`", () => {
    const session: ModelDefinition = {
      ...(definitions[1] as ModelDefinition),
      options: { relations: { account: { type: 'belongsTo', model: 'Account' } as RelationDefinition } },
    };
    const result = applyModelSelection([definitions[0] as ModelDefinition, session], {
      ...none,
      hideColumns: ['*.password_hash'],
    });
    expect(result[1]?.options?.relations).toHaveProperty('account');
  });

  it('keeps a relation over a key that was never there, for the juggler to report', () => {
    const account: ModelDefinition = {
      ...(definitions[0] as ModelDefinition),
      options: { relations: { sessions: { type: 'hasMany', model: 'Session', foreignKey: 'ownerId' } } },
    };
    const result = applyModelSelection([account, definitions[1] as ModelDefinition], {
      ...none,
      hideColumns: ['*.password_hash'],
    });
    expect(result[0]?.options?.relations).toHaveProperty('sessions');
  });

  it('renames models and relations, updating the relations that point at a renamed model', () => {
    const result = applyModelSelection(definitions, {
      ...none,
      rename: { models: { Account: 'User' }, relations: { 'Session.account': 'owner' } },
    });
    expect(result.map((definition) => definition.name)).toEqual(['User', 'Session', 'AuditLog']);
    expect(result[1]?.options?.relations?.owner).toMatchObject({ type: 'belongsTo', model: 'User' });
  });

  it('passes definitions an empty selection leaves alone through as they are', () => {
    const result = applyModelSelection(definitions, none);
    expect(result[0]).toBe(definitions[0]);
    expect(result[1]).toBe(definitions[1]);
    expect(result[2]).toEqual({ ...definitions[2], options: { ...definitions[2]?.options, relations: {} } });
    expect(definitions[2]?.options).not.toHaveProperty('relations');
  });

  it('copies a definition whose relation points at a model that is not there', () => {
    const orphan: ModelDefinition = {
      name: 'Orphan',
      options: { relations: { ghost: { type: 'belongsTo', model: 'Ghost', foreignKey: 'id' } } },
      properties: { id: { type: 'Number', id: 1 } },
    };
    const [result] = applyModelSelection([orphan], none);
    expect(result).not.toBe(orphan);
    expect(result?.options?.relations).toEqual({});
    expect(orphan.options?.relations).toHaveProperty('ghost');
  });

  it('refuses a rename onto the name of another model, naming both', () => {
    expect(() =>
      applyModelSelection(definitions, { ...none, rename: { models: { AuditLog: 'Account' } } }),
    ).toThrow(
      '"rename.models.AuditLog" is "Account"; expected a name no other model has: "Account" is the name of another model (the discovered "Account"); choose another name, or rename "Account" too',
    );
  });

  it('refuses two models renamed to one name, naming both', () => {
    expect(() =>
      applyModelSelection(definitions, { ...none, rename: { models: { Account: 'User', Session: 'User' } } }),
    ).toThrow(/"rename\.models\.Session" is "User"; .*"Account" is renamed to "User" too/);
  });

  it('allows a rename onto a name the selection left out, and a swap of two names', () => {
    const onExcluded = applyModelSelection(definitions, {
      ...none,
      excludeTables: ['audit_log'],
      rename: { models: { Session: 'AuditLog' } },
    });
    expect(onExcluded.map((definition) => definition.name)).toEqual(['Account', 'AuditLog']);
    const swapped = applyModelSelection(definitions, {
      ...none,
      rename: { models: { Account: 'Session', Session: 'Account' } },
    });
    expect(swapped.map((definition) => definition.name)).toEqual(['Session', 'Account', 'AuditLog']);
  });

  it('refuses a relation rename onto a property or relation the model has, naming both', () => {
    expect(() =>
      applyModelSelection(definitions, {
        ...none,
        rename: { relations: { 'Session.account': 'accountId' } },
      }),
    ).toThrow(
      '"rename.relations.Session.account" is "accountId"; expected a name Session does not have yet: the property "Session.accountId" has it; choose another name',
    );
  });

  it('rejects a rename of a relation that does not exist', () => {
    expect(() =>
      applyModelSelection(definitions, { ...none, rename: { relations: { 'Session.nope': 'x' } } }),
    ).toThrow(/unknown relation "Session\.nope"/);
  });
});
