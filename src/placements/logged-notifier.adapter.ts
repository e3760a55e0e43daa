import type { Logger } from '../shared/logger';
import type { PlacementNotification, PlacementNotifier } from './placement.types';

/**
 * The notifier until the notification port (inbox and signed webhooks, src/notifications) is merged: each
 * notice goes to the log, so nothing is lost silently and a deployment can see what would have been sent.
 */
export class LoggedNotifier implements PlacementNotifier {
  constructor(private readonly logger: Logger) {}

  notify(event: PlacementNotification): void {
    this.logger.info({ notification: { type: event.type, regionCode: event.regionCode, recipients: event.recipients, data: event.data } }, event.subject);
  }
}
