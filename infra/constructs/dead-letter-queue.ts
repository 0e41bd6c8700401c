import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Where one function's failed async work ends up: the EventBridge rule target, the scheduler target and
 * Lambda's own async retries all dead-letter here, so each message body is the original event/payload
 * and can be replayed as it is.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      // SQS-managed SSE: EventBridge, Scheduler and Lambda can all send without a KMS key policy.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Failed events are evidence; keep them if the stateless stack is ever torn down.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
