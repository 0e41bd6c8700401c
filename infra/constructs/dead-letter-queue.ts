import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /**
   * Customer-managed key (one for all the stack's queues). Its policy must let EventBridge (rule
   * targets) use it; the function and scheduler roles that send here need their own grants (see
   * StatelessStack). Without it: SQS-managed SSE.
   */
  readonly encryptionKey?: IKey;
}

/**
 * Where one function's failed async work ends up: the EventBridge rule target, the scheduler target and
 * Lambda's own async retries all dead-letter here, so each message body is the original event/payload
 * and can be replayed as it is.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps = {}) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      ...(props.encryptionKey
        ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey, dataKeyReuse: Duration.minutes(5) }
        : { encryption: QueueEncryption.SQS_MANAGED }),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Failed events are evidence; keep them if the stateless stack is ever torn down.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
