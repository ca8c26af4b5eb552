/**
 * Body digests: MD5 (ETag, Content-MD5) and the S3 flexible checksums (CRC32, CRC32C, SHA1,
 * SHA256; CRC64NVME is accepted but not verified). Computed incrementally while a body streams.
 */
import { createHash, type Hash } from "node:crypto";
import * as zlib from "node:zlib";
import { S3Errors } from "./errors";

/** The checksum algorithms S3 knows. */
export type ChecksumAlgorithm = "CRC32" | "CRC32C" | "SHA1" | "SHA256" | "CRC64NVME";

/** Base64 checksum values by algorithm (S3's wire form). */
export type Checksums = Partial<Record<ChecksumAlgorithm, string>>;

/** Every algorithm, in the order S3 documents them. */
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"];

/** The header (and trailer) name carrying an algorithm's value, e.g. `x-amz-checksum-crc32`. */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** Parse an algorithm name as sent in `x-amz-sdk-checksum-algorithm` and friends. */
export function parseAlgorithm(name: string | undefined): ChecksumAlgorithm | undefined {
  const upper = (name ?? "").trim().toUpperCase();
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithm) : undefined;
}

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78): zlib only offers plain CRC32.
const CRC32C_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** Continue a CRC32C over `data` from a previous value (0 to start). */
export function crc32c(data: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

function crcToBase64(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString("base64");
}

/** Incremental MD5 plus the requested checksums over one body, counting its size. */
export class BodyHasher {
  /** Bytes seen so far. */
  size = 0;
  private readonly md5 = createHash("md5");
  private crc32 = 0;
  private crc32cValue = 0;
  private readonly hashes = new Map<ChecksumAlgorithm, Hash>();
  private readonly wanted: Set<ChecksumAlgorithm>;

  /** CRC32 is always computed (cheap, and stored so GetObject can offer it for validation). */
  constructor(algorithms: Iterable<ChecksumAlgorithm> = []) {
    this.wanted = new Set(algorithms);
    this.wanted.add("CRC32");
    if (this.wanted.has("SHA1")) this.hashes.set("SHA1", createHash("sha1"));
    if (this.wanted.has("SHA256")) this.hashes.set("SHA256", createHash("sha256"));
  }

  /** Feed the next piece of the body. */
  update(chunk: Uint8Array): void {
    this.size += chunk.length;
    this.md5.update(chunk);
    this.crc32 = zlib.crc32(chunk, this.crc32);
    if (this.wanted.has("CRC32C")) this.crc32cValue = crc32c(chunk, this.crc32cValue);
    for (const h of this.hashes.values()) h.update(chunk);
  }

  /** Finish: the MD5 bytes and the computed checksums (CRC64NVME is never computed). */
  digest(): { md5: Buffer; checksums: Checksums } {
    const checksums: Checksums = { CRC32: crcToBase64(this.crc32) };
    if (this.wanted.has("CRC32C")) checksums.CRC32C = crcToBase64(this.crc32cValue);
    for (const [alg, h] of this.hashes) checksums[alg] = h.digest("base64");
    return { md5: this.md5.digest(), checksums };
  }
}

/** Digest a whole in-memory body. */
export function digestBuffer(body: Uint8Array, algorithms: Iterable<ChecksumAlgorithm> = []) {
  const hasher = new BodyHasher(algorithms);
  hasher.update(body);
  return hasher.digest();
}

/**
 * Verify a body's computed digests against what the client declared; throws `BadDigest` on a
 * mismatch and `InvalidDigest` for a Content-MD5 that is not a base64 MD5.
 * Returns the checksums worth storing: the verified ones plus the always-computed CRC32.
 */
export function verifyDigests(
  computed: { md5: Buffer; checksums: Checksums },
  expected: Checksums,
  contentMd5?: string,
): Checksums {
  if (contentMd5 !== undefined) {
    const given = Buffer.from(contentMd5.trim(), "base64");
    if (given.length !== 16) throw S3Errors.invalidDigest("Content-MD5");
    if (!given.equals(computed.md5)) throw S3Errors.badDigest("Content-MD5");
  }
  const stored: Checksums = { ...computed.checksums };
  for (const alg of CHECKSUM_ALGORITHMS) {
    const want = expected[alg];
    if (want === undefined) continue;
    if (alg === "CRC64NVME") {
      stored.CRC64NVME = want; // accepted unverified: no CRC64NVME implementation here
      continue;
    }
    const got = computed.checksums[alg];
    if (got === undefined)
      throw S3Errors.invalidArgument(`${checksumHeader(alg)} was sent but not announced in time to be computed.`);
    if (got !== want.trim()) throw S3Errors.badDigest(checksumHeader(alg));
  }
  return stored;
}
