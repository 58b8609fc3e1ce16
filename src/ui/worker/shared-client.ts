// The page's one simulation client, created on first use.
import { SimClient } from './sim-client.ts';

let client: SimClient | null = null;

export function simClient(): SimClient {
  client ??= new SimClient();
  return client;
}
