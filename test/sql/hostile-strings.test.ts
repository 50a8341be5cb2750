import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChinookGateway, startChinookGateway } from '../support/chinook-gateway.js';

const UNICODE = 'ʼ＇‘’🤖';
const BY_NAME = 'query ($name: String!) { tracks(where: { name: { eq: $name } }) { trackId } }';

describe.each(['postgresql', 'mysql'] as const)('hostile strings on %s', (kind) => {
  let client: ChinookGateway;

  beforeAll(async () => {
    client = await startChinookGateway(kind);
  });

  afterAll(async () => {
    await client?.stop();
  });

  it('answers quotes and characters from every plane without an internal error', async () => {
    for (const name of ['ʼ＇‘’', "it's", '\\', '%_', '�']) {
      const answer = await client.post(BY_NAME, { name });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ tracks: [] });
    }
    for (const operator of ['like', 'nlike', 'ilike', 'regexp']) {
      if (kind === 'mysql' && operator === 'ilike') continue;
      const answer = await client.post(
        `query ($text: String!) { tracksCount(where: { name: { ${operator}: $text } }) }`,
        { text: `%${UNICODE}%` },
      );
      expect(answer.errors, operator).toBeUndefined();
    }
  });

  it('refuses a text the database cannot compare or store as the client’s error, never an internal one', async () => {
    // MariaDB: a character the utf8mb3 column cannot hold matches nothing (discovery records the
    // column's character set), as no stored value can equal it.
    const refused = kind === 'postgresql' ? ['a\u0000b'] : [];
    for (const name of refused) {
      const answer = await client.post(BY_NAME, { name });
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_TEXT_REPRESENTATION',
      });
    }
    const fine = kind === 'postgresql' ? [UNICODE, '🤖'] : ['a\u0000b', UNICODE, '🤖'];
    for (const name of fine) {
      const answer = await client.post(BY_NAME, { name });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ tracks: [] });
    }
  });

  it('keeps answering after the refused ones', async () => {
    const answer = await client.post(BY_NAME, { name: 'Balls to the Wall' });
    expect(answer.data).toEqual({ tracks: [{ trackId: 2 }] });
  });
});
