// Runs CongoDB (the in-process MongoDB wire-protocol server of @push.rocks/smartmongo) in a worker
// thread, so that its work does not share the test's event loop: commands sent together overlap
// as they would on a real server, and command timings are the server's, not the test's.
// Listens on workerData.port (0: a free port); posts {port} once listening; stops on the message
// 'stop' and posts 'stopped'.
import { parentPort, workerData } from 'node:worker_threads';
import { congodb } from '@push.rocks/smartmongo';

// CongoDB 2.2.0 copies every value an update writes ($set, upserts, $push) with a deep clone that
// knows ObjectId, Date and Timestamp only: a Decimal128, Binary or UUID written by an update was
// stored as a plain object of its bytes ({bytes: {0: …}}), which no MongoDB server does. BSON
// values are immutable, so the clone keeps them as they are (test-server-values.test.ts).
const cloneValue = congodb.UpdateEngine.deepClone;
congodb.UpdateEngine.deepClone = function keepBsonValues(value) {
  if (value !== null && typeof value === 'object' && typeof value._bsontype === 'string') return value;
  return cloneValue.call(this, value);
};

const server = new congodb.CongoServer({ port: workerData?.port ?? 0, host: '127.0.0.1' });
await server.start();
// CongoServer reports the port it was given (0), not the one it listens on: read its socket.
parentPort.postMessage({ port: server.server.address().port });
parentPort.on('message', async (message) => {
  if (message !== 'stop') return;
  await server.stop();
  parentPort.postMessage('stopped');
  parentPort.close();
});
