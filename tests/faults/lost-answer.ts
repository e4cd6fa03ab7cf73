/**
 * A phone whose connection drops with its request sent: raw HTTP/1.1 over a socket, so the
 * test decides exactly when the connection goes — right after the last byte of the request
 * is written, or only once the server has committed the ballot (its answer is then never
 * read, as when the hall's Wi-Fi drops at that moment).
 */
import net from "node:net";
import { withClient } from "~/scripts/lib/pg-client";
import { sleep, type Submission } from "./harness";

function openRequest(url: string, sub: Submission): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const body = Buffer.from(JSON.stringify({ json: sub.body }));
  const head =
    `POST /api/trpc/delegate.cast HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
    `Cookie: ${sub.voter.cookie}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      // Never read the answer.
      socket.pause();
      socket.write(Buffer.concat([Buffer.from(head), body]), (error) => (error ? reject(error) : resolve(socket)));
    });
    socket.on("error", () => undefined);
  });
}

/** Sends the whole request, then closes the connection at once. */
export async function hangUpAfterSending(url: string, sub: Submission): Promise<void> {
  const socket = await openRequest(url, sub);
  socket.destroy();
}

/** Sends the whole request, waits until the delegate's participation is committed, then resets the connection unread. */
export async function hangUpAfterCommit(url: string, sub: Submission, databaseUrl: string): Promise<void> {
  const socket = await openRequest(url, sub);
  try {
    await withClient(databaseUrl, async (c) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { rowCount } = await c.query(`SELECT 1 FROM "Participation" WHERE "pollId" = $1 AND "delegateId" = $2`, [
          sub.body.pollId,
          sub.voter.delegateId,
        ]);
        if (rowCount) return;
        if (Date.now() > deadline) throw new Error(`delegate ${sub.voter.index}: the ballot was never committed`);
        await sleep(20);
      }
    });
  } finally {
    socket.resetAndDestroy();
  }
}
