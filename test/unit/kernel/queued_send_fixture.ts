/**
 * Run as `node queued_send_fixture.js sender|raw`: a worker thread sends long messages to a peer that
 * does not read, closes its socket and ends; then the main thread drops the peer, so ZeroMQ releases the
 * messages it still held, after the worker is gone. `sender` sends through the kernel's SocketSender,
 * `raw` hands zeromq.js the Buffers themselves. Prints `done` if the process survives.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { SocketSender } from 'deconvlab-kernel/dist/socket_sender';
import * as zmq from 'zeromq';

const MESSAGES = 2000;
const PAYLOAD = JSON.stringify({ text: 'x'.repeat(4000) });

async function worker(mode: string): Promise<void> {
  const router = new zmq.Router({ sendHighWaterMark: MESSAGES * 2 });
  await router.bind('tcp://127.0.0.1:*');
  parentPort!.postMessage(router.lastEndpoint);
  const [peer] = await router.receive();
  const sender = new SocketSender(router);
  for (let i = 0; i < MESSAGES; i++) {
    const frames = [Buffer.from(peer), Buffer.from(PAYLOAD)];
    if (mode === 'raw') await router.send(frames);
    else sender.send(frames);
  }
  await sender.drained();
  router.close();
  parentPort!.postMessage('closed');
}

async function main(mode: string): Promise<void> {
  const peer = new zmq.Dealer({ receiveHighWaterMark: 1 });
  const thread = new Worker(__filename, { workerData: mode });
  const next = (): Promise<unknown> => new Promise((resolve) => thread.once('message', resolve));
  peer.connect((await next()) as string);
  await peer.send('hello');
  await next();
  await thread.terminate();
  peer.close();
  // Let ZeroMQ's threads release the dropped messages, then use the heap.
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (let i = 0; i < 1000; i++) Buffer.alloc(1000 + i).fill(1);
  console.log('done');
  process.exit(0);
}

if (isMainThread) void main(process.argv[2]);
else void worker(workerData as string);
