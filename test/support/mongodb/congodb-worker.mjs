// Runs CongoDB (the in-process MongoDB wire-protocol server of @push.rocks/smartmongo) in a worker
// thread, so that its work does not share the test's event loop: commands sent together overlap
// as they would on a real server, and command timings are the server's, not the test's.
// Listens on workerData.port (0: a free port); posts {port} once listening; stops on the message
// 'stop' and posts 'stopped'.
import { parentPort, workerData } from 'node:worker_threads';
import { congodb } from '@push.rocks/smartmongo';

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
