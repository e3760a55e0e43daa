/** One HTTP POST of a webhook: the status, or an error message when no response came (refused, timed out). */
export type WebhookResponse = { status: number } | { error: string };

export interface WebhookTransport {
  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookResponse>;
}
