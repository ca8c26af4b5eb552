/**
 * AWS SDK v3 clients and commands as Capture Lab's public declarations name them: by shape,
 * not by the SDK's classes. Naming `S3Client` or `SageMakerClient` in a declaration makes
 * every program that imports it parse the client packages' declarations (about 14 MB, all
 * their commands and models). Notebook kernels type-check the import graph of each cell, so
 * that cost 2-3 s per notebook. Any SDK v3 client fits {@link SdkClient}, and `send` still
 * infers the command's output type.
 */

/** An SDK v3 command: what `send` needs to infer the command's output type. */
export interface SdkCommand<Output> {
  readonly input: object;
  // The SDK's own signature, whose parameter types live in @smithy/types (not named here, see above).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolveMiddleware(stack: any, configuration: any, options: any): (args: any) => Promise<{ output: Output }>;
}

/** An SDK v3 client (`S3Client`, `SageMakerClient`, `SageMakerRuntimeClient`, ...). */
export interface SdkClient {
  send<Output>(command: SdkCommand<Output>, options?: { abortSignal?: AbortSignal }): Promise<Output>;
  destroy(): void;
}

/**
 * Settings for an SDK v3 client constructor (`new S3Client(config)`): the subset the local
 * stack and sessions set.
 */
export interface SdkClientConfig {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  forcePathStyle?: boolean;
}
