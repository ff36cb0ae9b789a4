import pino, { Logger as Pino, LoggerOptions } from 'pino';
import pinoPretty from 'pino-pretty';
import type { LogFormat } from '../config/environment';

/** The format chosen by LOG_FORMAT, else readable lines in a terminal and JSON lines for files, pipes and containers. */
export function chooseLogFormat(setting: LogFormat | undefined, stdoutIsTerminal: boolean): LogFormat {
  return setting ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

/**
 * A pino logger writing `format` to `destination` (stdout by default). Pretty lines are formatted in
 * this process, synchronously, so nothing is lost when it exits; JSON lines stay as pino writes them.
 */
export function createPino(options: LoggerOptions, format: LogFormat, destination: NodeJS.WritableStream = process.stdout): Pino {
  if (format === 'json') return destination === process.stdout ? pino(options) : pino(options, destination);
  const colorize = destination === process.stdout && process.stdout.isTTY === true;
  return pino(
    options,
    pinoPretty({ destination, sync: true, colorize, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss', ignore: 'pid,hostname', singleLine: true }),
  );
}
