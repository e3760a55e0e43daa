// Live updates of open pages (Server-Sent Events, GET /v1/events). Channels are strings: `inbox:<recipient>` for a
// participant's or staff user's inbox, `talk:<id>` for a one-to-one talk (the selection service publishes there).

export type LiveEvent = { type: string; data: unknown };

/** Publishing side: fire-and-forget, in-process; a page that misses an event reloads (the event is in the DB). */
export interface LiveEvents {
  publish(channel: string, event: LiveEvent): void;
}

/** Who is listening: the caller's key, e.g. `enterprise:<credit code>`, `expert:<external id>` or `staff:<user id>`. */
export type ChannelSubscriber = { recipient: string; kind: 'participant' | 'staff'; regionCode: string | null; role?: string };

/**
 * Decides whether a subscriber may listen on a channel that is not its own inbox. The selection service
 * implements it for `talk:<id>` (a participant only for talks it is part of; county staff for their county).
 * An authoriser answers undefined for channels it does not know, so several can be chained.
 */
export type ChannelAuthoriser = (subscriber: ChannelSubscriber, channel: string) => boolean | undefined;

/** The inbox channel of a recipient key. */
export const inboxChannel = (recipient: string) => `inbox:${recipient}`;
