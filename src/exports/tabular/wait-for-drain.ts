import { Writable } from 'node:stream';

/**
 * Backpressure: when `stream`'s buffer is full, wait until it has been flushed.
 * Fails instead of waiting forever when `destination` (the response, or the
 * file) is closed or fails meanwhile: a client that went away must end the
 * export and give its database connection back.
 */
export function waitForDrain(stream: Writable & { _writableState?: { needDrain?: boolean } }, destination: Writable = stream): Promise<void> {
  // readable-stream's writables (inside exceljs' zip) lack writableNeedDrain: read their state.
  const full = stream.writableNeedDrain ?? stream._writableState?.needDrain ?? false;
  if (destination.destroyed) return Promise.reject(new Error('the destination was closed before the export ended'));
  if (!full) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off('drain', drained);
      destination.off('close', closed);
      destination.off('error', failed);
    };
    const drained = () => {
      cleanup();
      resolve();
    };
    const closed = () => {
      cleanup();
      reject(new Error('the destination was closed before the export ended'));
    };
    const failed = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.on('drain', drained);
    destination.on('close', closed);
    destination.on('error', failed);
  });
}
