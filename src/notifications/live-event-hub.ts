import type { ChannelAuthoriser, ChannelSubscriber, LiveEvent, LiveEvents } from './live-events.port';
import { inboxChannel } from './live-events.port';

export type LiveListener = (channel: string, event: LiveEvent) => void;

/**
 * The in-process hub behind GET /v1/events: publishers name a channel, each open stream listens on the
 * channels it was allowed. One process serves the pages, so nothing leaves memory; a page that was not
 * connected reloads what it missed from the database.
 */
export class LiveEventHub implements LiveEvents {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private readonly closers = new Set<() => void>();
  private readonly authorisers: ChannelAuthoriser[] = [];

  /** Another area's channels (the selection service: `talk:<id>`), decided by its own membership rule. */
  addAuthoriser(authorise: ChannelAuthoriser): void {
    this.authorisers.push(authorise);
  }

  /** Own inbox always; any other channel only when an authoriser says yes (unknown channels are refused). */
  mayListen(subscriber: ChannelSubscriber, channel: string): boolean {
    if (channel === inboxChannel(subscriber.recipient)) return true;
    for (const a of this.authorisers) {
      const verdict = a(subscriber, channel);
      if (verdict !== undefined) return verdict;
    }
    return false;
  }

  publish(channel: string, event: LiveEvent): void {
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener(channel, event);
      } catch {
        // One broken stream must not keep the event from the others (its close handler removes it).
      }
    }
  }

  /** Listens on the channels until the returned function is called (or the hub closes, which calls onClose). */
  subscribe(channels: readonly string[], listener: LiveListener, onClose: () => void): () => void {
    for (const c of channels) {
      let set = this.listeners.get(c);
      if (!set) this.listeners.set(c, (set = new Set()));
      set.add(listener);
    }
    const unsubscribe = () => {
      this.closers.delete(onClose);
      for (const c of channels) {
        const set = this.listeners.get(c);
        set?.delete(listener);
        if (set && !set.size) this.listeners.delete(c);
      }
    };
    this.closers.add(onClose);
    return unsubscribe;
  }

  /** Open subscriptions (tests, health). */
  size(): number {
    return this.closers.size;
  }

  /** Ends every open stream (the app is closing). */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }
}
