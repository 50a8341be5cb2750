/** Transactions: writes seen only inside until committed, gone when rolled back. */
import { describe, expect, it } from 'vitest';
import { PERSON } from '../fixtures/people.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the transaction suite on a connector. */
export function transactionsSuite(harness: ConnectorHarness): void {
  describe('transactions', () => {
    const db = useDataSource(harness, 'suite_transactions', [PERSON]);
    const transactions = harness.transactions;

    if (!transactions) {
      it('are absent: each write is applied at once, as there is no transaction to hold it', async () => {
        expect(harness.transactions).toBeUndefined();
        await db.model('Person').create({ name: 'At once' });
        expect(await db.model('Person').count({ name: 'At once' })).toBe(1);
      });
      return;
    }

    it('keeps writes inside a transaction until it is rolled back, then forgets them', async () => {
      const Person = db.model('Person');
      const transaction = await transactions.begin(db.dataSource);
      const options = { transaction: transaction.handle };
      const ghost = await Person.create({ name: 'Ghost' }, options);
      expect(ghost.name).toBe('Ghost');
      expect(await Person.count({ name: 'Ghost' }, options)).toBe(1);
      expect(await Person.find({ where: { name: 'Ghost' } }, options)).toHaveLength(1);
      expect(await Person.count({ name: 'Ghost' })).toBe(0);
      await transaction.rollback();
      expect(await Person.count({ name: 'Ghost' })).toBe(0);
    });

    it('makes every write of a committed transaction visible', async () => {
      const Person = db.model('Person');
      const transaction = await transactions.begin(db.dataSource);
      const options = { transaction: transaction.handle };
      const kept = await Person.create({ name: 'Kept' }, options);
      await Person.updateAll({ id: kept.id }, { email: 'kept@example.com' }, options);
      await transaction.commit();
      expect(await Person.findById(kept.id, { fields: ['email'] }, { raw: true })).toMatchObject({
        email: 'kept@example.com',
      });
    });

    it('refuses to use a transaction after it ended', async () => {
      const transaction = await transactions.begin(db.dataSource);
      await transaction.commit();
      await expect(db.model('Person').count({}, { transaction: transaction.handle })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });
  });
}
