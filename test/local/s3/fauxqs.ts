/** fauxqs (an independent npm S3/SQS/SNS emulator) on 127.0.0.1:0, as a reference target for the S3 tests. */
import { S3Client } from "@aws-sdk/client-s3";

/** A running fauxqs server with SDK clients pointed at it. */
export interface FauxqsFixture {
  endpoint: string;
  client(): S3Client;
  close(): Promise<void>;
}

/**
 * Start fauxqs in-process. Its `startFauxqs()` always listens on 0.0.0.0, so this builds the
 * Fastify app with `buildApp()` and listens on loopback itself. State is in memory only (nothing on
 * disk); `close()` force-closes keep-alive sockets (the app sets `forceCloseConnections`).
 */
export async function startFauxqs(): Promise<FauxqsFixture> {
  // fauxqs is ESM-only ("exports" has only an "import" condition); tsx keeps this a real import().
  const { buildApp } = await import("fauxqs");
  const app = buildApp({ logger: false });
  const endpoint = await app.listen({ port: 0, host: "127.0.0.1" });
  const clients: S3Client[] = [];
  return {
    endpoint,
    client() {
      const c = new S3Client({
        endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await app.close();
    },
  };
}
