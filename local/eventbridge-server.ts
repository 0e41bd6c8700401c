/**
 * The local bus's EventBridge endpoint (AWS JSON 1.1, `X-Amz-Target: AWSEvents.<Operation>`):
 *   PutEvents                    the bus (local/event-bus.ts)
 *   StartReplay, DescribeReplay  replays from the local archive, as from the stack's bus archive
 *                                (`npm run replay` uses them through the real SDK client)
 */
import { closeServer, listen } from './http-util';
import { AwsJsonError, createAwsJsonServer } from './aws-json';
import { localRuleArn, PutEventsValidationError, type LocalBus, type ReplayResult } from './event-bus';
import { LOCAL_ACCOUNT_ID } from './account';
import type { LocalLogger } from './log';

export interface LocalEventBridge {
  url: string;
  close(): Promise<void>;
}

interface ReplayRecord {
  name: string;
  arn: string;
  state: 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  stateReason: string;
  eventSourceArn: string;
  destination: { Arn: string; FilterArns?: string[] };
  from: Date;
  to: Date;
  startedAt: Date;
  endedAt?: Date;
  result?: ReplayResult;
}

const REPLAY_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export async function startEventBridge(options: { bus: LocalBus; port?: number; log: LocalLogger }): Promise<LocalEventBridge> {
  const { bus, log } = options;
  const replays = new Map<string, ReplayRecord>();
  const region = bus.arn.split(':')[3] ?? '';

  const startReplay = (input: Record<string, unknown>) => {
    const name = input.ReplayName;
    if (typeof name !== 'string' || !REPLAY_NAME.test(name)) throw validation('ReplayName', 'it must be 1 to 64 of letters, digits, ".", "-" and "_".');
    if (replays.has(name)) throw new AwsJsonError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
    if (input.EventSourceArn !== bus.archiveArn) {
      throw new AwsJsonError('ResourceNotFoundException', `Archive ${String(input.EventSourceArn)} does not exist (the local archive is ${bus.archiveArn}).`);
    }
    const from = timestamp(input.EventStartTime, 'EventStartTime');
    const to = timestamp(input.EventEndTime, 'EventEndTime');
    if (to.getTime() <= from.getTime()) throw validation('EventEndTime', 'EventEndTime must be after EventStartTime.');
    const destination = (input.Destination ?? {}) as { Arn?: unknown; FilterArns?: unknown };
    if (destination.Arn !== bus.arn) throw validation('Destination.Arn', 'Cross event bus replay is not permitted.');
    const filterArns = destination.FilterArns === undefined ? undefined : (destination.FilterArns as unknown[]);
    const ruleIds = filterArns?.map((arn) => {
      const rule = bus.rules.find((candidate) => localRuleArn(region, bus.name, candidate.id) === arn);
      if (!rule) throw validation('Destination.FilterArns', `Rule ${String(arn)} does not exist on ${bus.name}.`);
      return rule.id;
    });

    const record: ReplayRecord = {
      name,
      arn: `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:replay/${name}`,
      state: 'STARTING',
      stateReason: 'Replay is starting.',
      eventSourceArn: bus.archiveArn,
      destination: { Arn: bus.arn, ...(filterArns ? { FilterArns: filterArns as string[] } : {}) },
      from,
      to,
      startedAt: new Date(),
    };
    replays.set(name, record);
    // Like AWS, the replay runs after StartReplay has answered; DescribeReplay reports its end.
    setImmediate(() => {
      record.state = 'RUNNING';
      try {
        record.result = bus.replay({ name, from, to, ruleIds });
        record.state = 'COMPLETED';
        record.stateReason = `Replayed ${record.result.replayed} archived events (${record.result.deliveries} rule deliveries).`;
      } catch (error) {
        record.state = 'FAILED';
        record.stateReason = error instanceof Error ? error.message : String(error);
        log.error('replay failed', { replayName: name, error: record.stateReason });
      }
      record.endedAt = new Date();
    });
    return { ReplayArn: record.arn, State: record.state, StateReason: record.stateReason, ReplayStartTime: seconds(record.startedAt) };
  };

  const describeReplay = (input: Record<string, unknown>) => {
    const record = typeof input.ReplayName === 'string' ? replays.get(input.ReplayName) : undefined;
    if (!record) throw new AwsJsonError('ResourceNotFoundException', `Replay ${String(input.ReplayName)} does not exist.`);
    return {
      ReplayName: record.name,
      ReplayArn: record.arn,
      State: record.state,
      StateReason: record.stateReason,
      EventSourceArn: record.eventSourceArn,
      Destination: record.destination,
      EventStartTime: seconds(record.from),
      EventEndTime: seconds(record.to),
      ...(record.result?.lastReplayedTime ? { EventLastReplayedTime: seconds(new Date(record.result.lastReplayedTime)) } : {}),
      ReplayStartTime: seconds(record.startedAt),
      ...(record.endedAt ? { ReplayEndTime: seconds(record.endedAt) } : {}),
    };
  };

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
      StartReplay: startReplay,
      DescribeReplay: describeReplay,
    },
    log,
  );
  const url = await listen(server, options.port);
  return { url, close: () => closeServer(server) };
}

function validation(parameter: string, reason: string): AwsJsonError {
  return new AwsJsonError('ValidationException', `Parameter ${parameter} is not valid. Reason: ${reason}`);
}

/** The AWS JSON protocol sends timestamps as epoch seconds; an ISO string is accepted too. */
function timestamp(value: unknown, parameter: string): Date {
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw validation(parameter, `${parameter} is a required timestamp.`);
  return date;
}

function seconds(date: Date): number {
  return date.getTime() / 1000;
}
