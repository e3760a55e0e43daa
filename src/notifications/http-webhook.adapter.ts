import type { WebhookResponse, WebhookTransport } from './webhook-transport.port';

/** POSTs with Node's fetch, with a timeout; redirects are not followed (a receiver answers where it was registered). */
export function createHttpWebhookTransport(timeoutMs: number): WebhookTransport {
  return {
    async post(url, headers, body): Promise<WebhookResponse> {
      try {
        const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
        // The body is read and dropped so the connection can be reused.
        await res.arrayBuffer().catch(() => undefined);
        return { status: res.status };
      } catch (err) {
        return { error: (err as Error).message.slice(0, 500) };
      }
    },
  };
}
