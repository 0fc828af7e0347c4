import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createMailer, type Mailer } from '../platform/mailer.js';

/** A message the test SMTP server received: envelope recipients and the raw MIME text. */
export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server (npm smtp-server) on a free local port, collecting what it receives. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => (raw += d));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A mailer (nodemailer) sending to the local test server. */
export const testMailer = (port: number): Mailer =>
  createMailer({ host: '127.0.0.1', port, user: undefined, password: undefined, from: '科惠平台 <noreply@kehui.example.cn>', secure: false }) as Mailer;

/** Decodes the quoted-printable / base64 body nodemailer wrote, enough to read the Chinese text. */
export function mailText(raw: string): string {
  const at = raw.search(/\r?\n\r?\n/);
  const body = at >= 0 ? raw.slice(at) : raw;
  if (/Content-Transfer-Encoding: base64/i.test(raw)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body
    .replace(/=\r?\n/g, '')
    .replace(/((?:=[0-9A-F]{2})+)/g, (m) => Buffer.from(m.split('=').slice(1).map((h) => Number.parseInt(h, 16))).toString('utf8'));
}
