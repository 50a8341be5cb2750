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
    [
      '{"viewer": {"Invoice": {"reed": true}}}',
      'environment: unknown setting "viewer.Invoice.reed" in "DISCOGRAPH_ROLES"',
    ],
    [
      '{"viewer": {"Invoice": {"read": "yes"}}}',
      'environment: "DISCOGRAPH_ROLES" (at viewer.Invoice.read) is "yes"; expected true or false (a JSON boolean, not a string)',
    ],
    [
      '{"viewer": {"*": {"read": true, "where": {}}}}',
      /"DISCOGRAPH_ROLES" \(at viewer\.\*\.where\) is \{\}; expected no "where" under "\*"/,
    ],
    [
      '{"viewer": {"Invoice": {"hidden": "total"}}}',
      'environment: "DISCOGRAPH_ROLES" (at viewer.Invoice.hidden) is "total"; expected a list of property names',
    ],
    ['not json', /^environment: "DISCOGRAPH_ROLES" is not JSON \(.*\); expected a JSON object$/],
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
