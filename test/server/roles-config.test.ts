/**
 * The authorization settings are checked when the configuration is read (shapes) and when the
 * gateway starts (names against the served models): a mistake is a ConfigError naming the setting.
 */
import { describe, expect, it } from 'vitest';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { resolveHiddenValues } from '../../src/server/access/hidden-values.js';
import { operationSwitches } from '../../src/server/access/model-switches.js';
import { RoleRuleBook } from '../../src/server/access/role-rules.js';
import { loadConfig } from '../../src/server/config.js';

const definitions: ModelDefinition[] = [
  {
    name: 'Invoice',
    options: { postgresql: { schema: 'public', table: 'invoice' } },
    properties: {
      invoiceId: { type: 'Number', id: 1, postgresql: { columnName: 'invoice_id' } },
      customerId: { type: 'Number', postgresql: { columnName: 'customer_id' } },
    },
  },
];

function load(env: Record<string, string>) {
  return loadConfig({ env, cwd: '/nonexistent-dir-for-config-tests' });
}

describe('authorization settings', () => {
  it('reads roles and readOnly from the environment', () => {
    const config = load({
      DISCOGRAPH_ROLES: '{"viewer": {"*": {"read": true}}}',
      DISCOGRAPH_READ_ONLY: 'yes',
    });
    expect(config.roles).toEqual({ viewer: { '*': { read: true } } });
    expect(config.readOnly).toBe(true);
    expect(config.exposeSecretColumns).toBe(false);
  });

  it.each([
    ['{"viewer": {"Invoice": {"reed": true}}}', /roles\.viewer\.Invoice has the unknown key "reed"/],
    ['{"viewer": {"Invoice": {"read": "yes"}}}', /roles\.viewer\.Invoice\.read must be true or false/],
    ['{"viewer": {"*": {"read": true, "where": {}}}}', /roles\.viewer\.\* cannot have "where"/],
    ['{"viewer": {"Invoice": {"hidden": "total"}}}', /hidden must be a list of property names/],
    ['not json', /DISCOGRAPH_ROLES must hold JSON/],
  ])('refuses the roles %s', (roles, message) => {
    expect(() => load({ DISCOGRAPH_ROLES: roles })).toThrow(message);
  });

  it.each([
    [{ viewer: { Invoce: { read: true } } }, /unknown model "Invoce"; did you mean `Invoice`\?/],
    [
      { viewer: { Invoice: { read: true, hidden: ['total'] } } },
      /hidden names "total", which is not a property of Invoice/,
    ],
    [{ viewer: { Invoice: { read: true, hidden: ['invoiceId'] } } }, /an id cannot be hidden/],
    [
      { viewer: { Invoice: { read: true, where: { custId: { eq: 1 } } } } },
      /where names "custId", which is not a property of Invoice/,
    ],
    [
      { viewer: { Invoice: { read: true, where: { customerId: { equals: 1 } } } } },
      /unknown operator "equals"/,
    ],
  ])('refuses at start the rules %j', (roles, message) => {
    expect(() => RoleRuleBook.from({ roles }, definitions)).toThrow(message);
  });

  it('denies what a rule does not grant, and a model rule replaces the "*" rule', () => {
    const rules = RoleRuleBook.from(
      { roles: { clerk: { '*': { read: true, delete: true }, Invoice: { read: true } } } },
      definitions,
    );
    expect(rules?.rule('clerk', 'Invoice')).toMatchObject({ read: true, create: false, delete: false });
    expect(rules?.rule('visitor', 'Invoice')).toMatchObject({ read: false });
    expect(rules?.knows('visitor')).toBe(false);
    expect(RoleRuleBook.from({}, definitions)).toBeUndefined();
  });

  it('refuses switches and hidden values for columns that are not served', () => {
    expect(() =>
      operationSwitches(
        { readOnly: false, models: { Invoices: { operations: { delete: false } } } },
        definitions,
      ),
    ).toThrow(/models names the unknown model "Invoices"/);
    expect(() =>
      resolveHiddenValues({ hiddenColumnValues: { 'invoice.created_by': '$claims.sub' } }, definitions),
    ).toThrow(/hiddenColumnValues names "invoice.created_by"/);
    expect(
      resolveHiddenValues({ hiddenColumnValues: { 'public.invoice.customer_id': 1 } }, definitions).get(
        'Invoice',
      ),
    ).toEqual(new Map([['customerId', 1]]));
  });
});
