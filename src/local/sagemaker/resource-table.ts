/**
 * One kind of control-plane resource (models, endpoint configs or endpoints) keyed by name
 * case-insensitively, as SageMaker treats names. It gives every kind the same "already existing"
 * and "could not find" answers, so they cannot drift apart between kinds.
 */
import { SageMakerErrors, type ResourceKind } from "./errors";

/** What every stored resource has. */
interface NamedResource {
  name: string;
  arn: string;
}

/** The resources of one kind, in creation order. */
export class ResourceTable<R extends NamedResource> {
  private readonly byKey = new Map<string, R>();

  /**
   * @param kind how AWS messages name the kind (`Could not find ${kind} "arn".`).
   * @param arnOf the ARN of a resource of this kind named so.
   */
  constructor(
    private readonly kind: ResourceKind,
    private readonly arnOf: (name: string) => string,
  ) {}

  /**
   * Adds the resource `build` makes from its ARN.
   * @throws SageMakerError `Cannot create already existing …` when the name is taken (before
   *   `build` runs); whatever `build` throws, in which case nothing is added.
   */
  create(name: string, build: (arn: string) => R): R {
    const arn = this.arnOf(name);
    if (this.byKey.has(name.toLowerCase())) throw SageMakerErrors.alreadyExists(this.kind, arn);
    const rec = build(arn);
    this.byKey.set(name.toLowerCase(), rec);
    return rec;
  }

  /** The resource named so (any case), or undefined. */
  find(name: string): R | undefined {
    return this.byKey.get(name.toLowerCase());
  }

  /**
   * The resource named so (any case).
   * @throws SageMakerError `Could not find ${kind} "arn".` (a ValidationException) when absent.
   */
  get(name: string): R {
    const rec = this.find(name);
    if (!rec) throw SageMakerErrors.notFound(this.kind, this.arnOf(name));
    return rec;
  }

  /** Removes the resource named so; false when there was none. */
  remove(name: string): boolean {
    return this.byKey.delete(name.toLowerCase());
  }

  /** Puts back a resource as it was persisted (no existence check). */
  put(rec: R): void {
    this.byKey.set(rec.name.toLowerCase(), rec);
  }

  /** All resources of the kind, in creation order. */
  list(): R[] {
    return [...this.byKey.values()];
  }
}
