/**
 * Defaults shared by the local stack, the CLI and the session helpers: one place, so the port a
 * notebook probes is the port the CLI serves on, and the credentials a client signs with are the
 * ones the stack checks.
 */

/** Port of a shared local stack (`capture-lab local`, `npm run lab`), probed before starting one. */
export const DEFAULT_LOCAL_PORT = 4599;

/** Interface the local stack binds unless told otherwise: loopback only. */
export const DEFAULT_LOCAL_HOST = "127.0.0.1";

/** Region the local stack reports and signs for. */
export const DEFAULT_LOCAL_REGION = "us-east-1";

/** Account id in the local stack's ARNs and S3 owner ids. */
export const DEFAULT_LOCAL_ACCOUNT_ID = "000000000000";

/** Folder (under the project root, or the working directory for the CLI) where local data lives. */
export const DEFAULT_LOCAL_DATA_DIR_NAME = ".capture-lab";

/**
 * Credentials of the local stack: what its clients sign with. Copy before handing to an SDK
 * client (`{ ...DEFAULT_LOCAL_CREDENTIALS }`): the SDK writes bookkeeping fields into it.
 */
export const DEFAULT_LOCAL_CREDENTIALS: Readonly<{ accessKeyId: string; secretAccessKey: string }> = {
  accessKeyId: "capture-lab",
  secretAccessKey: "capture-lab",
};

/**
 * Path of the local stack's status route. No S3 request can own it: `_` is not allowed in bucket names, so
 * `/_capture-lab/...` is never a path-style bucket of the embedded S3.
 */
export const STATUS_PATH = "/_capture-lab/status";
/** `POST` here (optionally `?endpoint=NAME`) writes buffered captures now; same `_` reasoning. */
export const FLUSH_PATH = "/_capture-lab/flush";
