/**
 * PLACEHOLDER (log channel only) — the notifications work replaces this file with real email
 * (nodemailer) and signed webhook delivery. Signature is the contract used by activities/index.ts.
 */
import type { Logger } from 'pino';
import type { Directory } from '../../src/directory/directory';
import type { Channel, DeliveryResult, NotificationMessage } from '../../src/domain/types';
import type { CoordinationActivities } from '../types';

export interface NotificationDeps {
  directory: Directory;
  publicBaseUrl: string;
  mail: { smtpUrl?: string; from: string; outboxDir: string };
  logger: Logger;
}

export function createNotificationActivities(deps: NotificationDeps): Pick<CoordinationActivities, 'deliverNotification'> {
  return {
    async deliverNotification(message: NotificationMessage, channel: Channel): Promise<DeliveryResult> {
      deps.logger.info({ notification: message, channel }, 'notification');
      return { channel, outcome: 'delivered' };
    },
  };
}
