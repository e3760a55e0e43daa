// The notification contract: use-cases (selection, placements) call `notify` inside the transaction of the change
// it announces, so an event is recorded (inbox rows, webhook outbox rows) exactly when the change commits.

export type Recipient =
  | { kind: 'participant'; side: 'enterprise' | 'expert'; key: string } // credit code / expert external id
  | { kind: 'staff'; userId: number }
  | { kind: 'county'; regionCode: string }; // every reviewer of that county

export type NotificationEvent = {
  type: string;
  regionCode: string;
  subject: string;
  body: string;
  link?: string;
  recipients: readonly Recipient[];
  data?: Record<string, unknown>;
};

export interface Notifier {
  /** Synchronous DB writes (inbox + webhook outbox) in the caller's transaction. */
  notify(event: NotificationEvent): void;
}
