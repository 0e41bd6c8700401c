/**
 * A tiny local SNS: `Publish` over the AWS Query protocol (form-encoded POST, XML answer), which is
 * all notify-owner uses to page on-call. It delivers nowhere; it records each message, shown at `/`
 * (a web page, newest first) and `GET /store` (JSON), like the local SES inbox. Signatures are not
 * checked; any topic ARN in the local account is accepted. Messages are kept in memory.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { LOCAL_ACCOUNT_ID } from './account';
import { closeServer, listen, readBody, sendJson } from './http-util';
import { describeError, type LocalLogger } from './log';

export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  at: string;
}

export interface LocalSns {
  url: string;
  /** What was published, oldest first. */
  published(): PublishedMessage[];
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 256 * 1024;
const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** The paging topic's local ARN (the stack names its own). */
export function localTopicArn(region: string, name: string): string {
  return `arn:aws:sns:${region}:${LOCAL_ACCOUNT_ID}:${name}`;
}

export async function startSns(options: { port?: number; log: LocalLogger }): Promise<LocalSns> {
  const messages: PublishedMessage[] = [];
  const server: Server = createServer(async (req, res) => {
    const requestId = randomUUID();
    try {
      if (req.method === 'GET' && (req.url === '/store' || req.url === '/store/')) return sendJson(res, 200, { messages });
      if (req.method === 'GET' && (req.url === '/' || req.url === '')) return sendHtml(res, page(messages));
      if (req.method !== 'POST') return sendXml(res, 404, errorXml('InvalidAction', 'only POST / and GET /, /store are served', requestId));
      const form = new URLSearchParams((await readBody(req, MAX_REQUEST_BYTES)).toString('utf8'));
      const action = form.get('Action');
      if (action !== 'Publish') return sendXml(res, 400, errorXml('InvalidAction', `unsupported action: ${action ?? '(none)'}`, requestId));
      const topicArn = form.get('TopicArn') ?? form.get('TargetArn') ?? '';
      const message = form.get('Message');
      if (!topicArn.startsWith('arn:aws:sns:')) return sendXml(res, 400, errorXml('InvalidParameter', 'TopicArn is required', requestId));
      if (message === null || message === '') return sendXml(res, 400, errorXml('InvalidParameter', 'Message is required', requestId));
      const subject = form.get('Subject') ?? undefined;
      const published: PublishedMessage = { messageId: randomUUID(), topicArn, ...(subject ? { subject } : {}), message, at: new Date().toISOString() };
      messages.push(published);
      options.log.info('published', { topicArn, messageId: published.messageId });
      sendXml(
        res,
        200,
        `<PublishResponse xmlns="${NS}"><PublishResult><MessageId>${published.messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    } catch (error) {
      options.log.error('request failed', { error: describeError(error) });
      sendXml(res, 500, errorXml('InternalError', 'local service error', requestId));
    }
  });
  const url = await listen(server, options.port);
  return { url, published: () => [...messages], close: () => closeServer(server) };
}

/** Messages the local SNS recorded (the same data its page shows). */
export async function listPublished(snsUrl: string): Promise<PublishedMessage[]> {
  const response = await fetch(`${snsUrl}/store`);
  if (!response.ok) throw new Error(`local SNS store answered ${response.status}`);
  return ((await response.json()) as { messages: PublishedMessage[] }).messages;
}

function errorXml(code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function sendXml(res: import('node:http').ServerResponse, statusCode: number, xml: string): void {
  res.writeHead(statusCode, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

function sendHtml(res: import('node:http').ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

function page(messages: readonly PublishedMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map((m) => `<tr><td>${escape(m.at)}</td><td>${escape(m.topicArn)}</td><td>${escape(m.subject ?? '')}</td><td><pre>${escape(m.message)}</pre></td></tr>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Local SNS: pages sent</title></head><body>
<h1>Local SNS: pages sent (${messages.length})</h1><p>Every Publish call, newest first. JSON at <a href="/store">/store</a>.</p>
<table border="1" cellpadding="4"><tr><th>at</th><th>topic</th><th>subject</th><th>message</th></tr>${rows}</table></body></html>`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
