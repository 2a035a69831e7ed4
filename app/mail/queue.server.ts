// Mail sent after the response: the request that asks for it only queues it, so neither the answer's
// timing (an account or none behind an address) nor a slow SMTP server shows in the response. One queue
// per process, sent in order; the server waits for it before exiting. A mail that fails is logged and
// not retried — the user asks again (re-send, reset) — see docs/decisions/0011.
import { sendMail, type Mail } from "./mailer.server";

interface MailQueue {
  tail: Promise<void>;
  waiting: number;
}

// Kept on globalThis: the Remix build and the code around it (server start-up, tests) bundle their own
// copies of this module, and they must share one queue.
const key = Symbol.for("portal.mailQueue");
const holder = globalThis as unknown as Record<symbol, MailQueue | undefined>;
const queue: MailQueue = (holder[key] ??= { tail: Promise.resolve(), waiting: 0 });

export function queueMail(mail: Mail, send: (mail: Mail) => Promise<void> = sendMail): void {
  queue.waiting += 1;
  queue.tail = queue.tail
    .then(() => send(mail))
    .catch((error: unknown) => {
      console.error(`mail to ${mail.to} (${mail.subject}) could not be sent:`, error);
    })
    .finally(() => {
      queue.waiting -= 1;
    });
}

/** Resolves once every mail queued so far has been sent (or has failed). */
export async function mailQueueDrained(): Promise<void> {
  while (queue.waiting > 0) await queue.tail;
}

/** Mails still waiting to be sent. */
export function queuedMailCount(): number {
  return queue.waiting;
}
