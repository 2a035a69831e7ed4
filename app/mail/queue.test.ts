import { describe, expect, it } from "vitest";
import type { Mail } from "./mailer.server";
import { mailQueueDrained, queuedMailCount, queueMail } from "./queue.server";

const mail = (n: number): Mail => ({ to: `person${n}@example.jp`, subject: `件名 ${n}`, text: "本文" });

describe("the mail queue", () => {
  it("returns at once while the transport is still busy, then sends in order once drained", async () => {
    const sent: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const slow = async (m: Mail) => {
      await blocked;
      sent.push(m.to);
    };
    queueMail(mail(1), slow);
    queueMail(mail(2), slow);
    // Queuing did not wait for the transport: nothing is sent yet.
    expect(sent).toEqual([]);
    expect(queuedMailCount()).toBe(2);
    release();
    await mailQueueDrained();
    expect(sent).toEqual(["person1@example.jp", "person2@example.jp"]);
    expect(queuedMailCount()).toBe(0);
  });

  it("goes on with the next mail when one fails", async () => {
    const sent: string[] = [];
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      queueMail(mail(3), async () => {
        throw new Error("SMTP 421");
      });
      queueMail(mail(4), async (m) => {
        sent.push(m.to);
      });
      await mailQueueDrained();
    } finally {
      console.error = original;
    }
    expect(sent).toEqual(["person4@example.jp"]);
    expect(errors).toHaveLength(1);
  });

  it("drains mail queued while draining", async () => {
    const sent: string[] = [];
    queueMail(mail(5), async (m) => {
      sent.push(m.to);
      queueMail(mail(6), async (n) => {
        sent.push(n.to);
      });
    });
    await mailQueueDrained();
    expect(sent).toEqual(["person5@example.jp", "person6@example.jp"]);
  });
});
