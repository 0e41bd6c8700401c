/** The local bus's PutEvents endpoint (AWS JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`). */
import { closeServer, listen } from './http-util';
import { AwsJsonError, createAwsJsonServer } from './aws-json';
import { PutEventsValidationError, type LocalBus } from './event-bus';
import type { LocalLogger } from './log';

export interface LocalEventBridge {
  url: string;
  close(): Promise<void>;
}

export async function startEventBridge(options: { bus: LocalBus; port?: number; log: LocalLogger }): Promise<LocalEventBridge> {
  const { bus, log } = options;
  const server = createAwsJsonServer(
    'AWSEvents',
    {
      PutEvents: (input) => {
        try {
          return bus.putEvents(input.Entries);
        } catch (error) {
          if (error instanceof PutEventsValidationError) throw new AwsJsonError('ValidationException', error.message);
          throw error;
        }
      },
    },
    log,
  );
  const url = await listen(server, options.port);
  return { url, close: () => closeServer(server) };
}
