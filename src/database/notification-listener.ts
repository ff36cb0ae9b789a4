import { Client, ClientConfig, Notification } from 'pg';

/**
 * Opens a connection of its own to the primary (not one of the pool's: it is held for the
 * process's life) that LISTENs on `channel`. `onLost` runs once, when the connection fails or
 * ends; the caller decides when to open another (see PublicEventsListener's backoff).
 */
export async function openNotificationListener(
  config: ClientConfig,
  channel: string,
  applicationName: string,
  onNotification: (payload: string | undefined) => void,
  onLost: (error: Error) => void,
): Promise<Client> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const client = new Client({
    ...config,
    application_name: applicationName,
    // A dead peer is noticed by TCP keepalive; a server that does not answer, within 5 s.
    keepAlive: true,
    connectionTimeoutMillis: 5_000,
  });
  let lost = false;
  const lose = (error: Error) => {
    if (lost) return;
    lost = true;
    client.removeAllListeners('notification');
    onLost(error);
  };
  client.on('notification', (message: Notification) => {
    if (message.channel === channel) onNotification(message.payload);
  });
  client.on('error', lose);
  client.on('end', () => lose(new Error('the listening connection ended')));
  try {
    await client.connect();
    await client.query(`LISTEN "${channel}"`);
  } catch (error) {
    lost = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}
