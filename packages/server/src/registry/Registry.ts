import type { VersionSchemas } from '@predictkit/core';
import { type Catalog, OWNER } from '../catalog';
import { HttpError } from '../http/HttpError';
import { LOCAL_USER } from '../localUser';
import { CATEGORY_DESCRIPTIONS } from '../models/category';
import { HARDWARE, type HardwareSpec } from '../models/hardware';
import type { DemoModel, DemoVersion } from '../models/types';
import { sha256, toHex } from '../sha256';
import type { ModelRecord, Store, StoredFile, UserRecord, VersionRecord } from '../store/Store';
import { isoTimestamp } from '../time';
import { DEMO_USERS } from '../users/demoUsers';
import type { ModelEntry, VersionEntry } from './ModelEntry';
import { runnableVersion } from './runnableVersion';

/** Models made through the API: a bound, so that a server left running cannot be filled up. */
export const MAX_MODELS = 1000;
export const MAX_VERSIONS = 50;
/** What every model made through the API takes together, schemas included, as JSON characters. */
export const MAX_MODEL_BYTES = 32 * 1024 * 1024;

/** A user and the token that acts as them (`--account username:token`). */
export interface Account {
  username: string;
  token: string;
}

export interface ModelFields {
  name: string;
  hardware_identifier: string;
  visibility: 'public' | 'private';
  description: string | null;
  overview: string | null;
  source_url: string | null;
  license_url: string | null;
  paper_url: string | null;
  category_slugs: string[];
}

export type UserChanges = Partial<
  Pick<UserRecord, 'username' | 'name' | 'bio' | 'urls' | 'location' | 'company'>
>;

export interface VersionFields {
  release_notes: string;
  schemas: VersionSchemas;
  container_image_digest: string;
}

interface Runner {
  model: DemoModel;
  version: DemoVersion;
}

const notFound = (owner: string, name: string) =>
  new HttpError(404, `Model ${owner}/${name} not found. GET /v1/models lists the models this server has.`);

const conflict = (detail: string) => new HttpError(409, detail);

/**
 * The users and models of the WriftAI surface: the demo ones from code, the local user as changed,
 * the users of `accounts`, and the models made through the API, kept in memory and written
 * through to the store, so that `--data-dir` keeps them. Who may see and change what is decided
 * here: a private model is seen by its owner only, and only an owner changes a model.
 */
export class Registry {
  readonly #store: Store;
  readonly #catalog: Catalog;
  readonly #users = new Map<string, UserRecord>();
  readonly #tokens = new Map<string, string>();
  readonly #models = new Map<string, ModelRecord>();
  readonly #sizes = new Map<string, number>();
  #bytes = 0;
  readonly #runners = new Map<string, Runner>();
  /** A version's runnable stays the same object, so the runner keeps it warm between predictions. */
  readonly #runnables = new Map<string, DemoVersion>();
  readonly #demoEntries: ModelEntry[];
  readonly hardware: readonly HardwareSpec[];
  readonly categories: readonly { name: string; slug: string; description: string | null }[];

  constructor(store: Store, catalog: Catalog, accounts: readonly Account[] = []) {
    this.#store = store;
    this.#catalog = catalog;
    for (const user of DEMO_USERS) this.#users.set(user.id, user);
    for (const user of store.listUsers()) this.#users.set(user.id, user);
    for (const account of accounts) this.#bindAccount(account);
    for (const model of store.listModels()) this.#keep(model);
    for (const model of catalog.models) {
      for (const version of model.versions) {
        this.#runners.set(catalog.digest(model, version), { model, version });
      }
    }
    const specs = new Map(HARDWARE.map((h) => [h.identifier, h]));
    for (const model of catalog.models) {
      // a model given to createServer may name hardware of its own: listed, with no GPU
      if (!specs.has(model.hardware.identifier)) {
        specs.set(model.hardware.identifier, {
          ...model.hardware,
          gpus: 0,
          cpus: 1,
          ram_per_gpu_gb: 0,
          ram_gb: 1,
          created_at: model.created_at,
        });
      }
    }
    this.hardware = [...specs.values()];
    const slugs = new Map(catalog.models.flatMap((m) => m.categories.map((x) => [x.slug, x] as const)));
    this.categories = [...slugs.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((x) => ({ ...x, description: CATEGORY_DESCRIPTIONS[x.slug] ?? null }));
    this.#demoEntries = catalog.models.map((model) => this.#demoEntry(model));
  }

  /** The account's user, made on first start; the binding is stored so that a rename keeps it. */
  #bindAccount({ username, token }: Account): void {
    const key = `account:${toHex(sha256(token))}`;
    let id = this.#store.getSetting(key);
    if (id === undefined || !this.#users.has(id)) {
      const existing = this.userNamed(username);
      if (existing?.id === OWNER.id) {
        throw new TypeError(`createServer: an account cannot be ${OWNER.username}, the demo models' owner.`);
      }
      const user: UserRecord = existing ?? {
        id: crypto.randomUUID(),
        username,
        name: null,
        bio: null,
        urls: [],
        location: null,
        company: null,
        created_at: isoTimestamp(),
        updated_at: null,
      };
      this.#users.set(user.id, user);
      this.#store.putUser(user);
      id = user.id;
      this.#store.putSetting(key, id);
    }
    this.#tokens.set(token, id);
  }

  /** Who a request acts as: the account its token belongs to, or the local user. */
  caller(token: string | undefined): UserRecord {
    const id = token === undefined ? undefined : this.#tokens.get(token);
    return this.#users.get(id ?? LOCAL_USER.id) as UserRecord;
  }

  /**
   * Whether `viewer` may reach (read, list, stream, cancel) a prediction `creator` made, as the
   * hosted services scope predictions to the account that made them: once the server has accounts,
   * only its creator does, and another account finds nothing there. Without accounts every request
   * is the local user, and every prediction theirs. One stored before creators were kept has none:
   * the local user's, whom every request was until accounts came.
   */
  mayReach(viewer: UserRecord, creator: string | undefined): boolean {
    return this.#tokens.size === 0 || (creator ?? LOCAL_USER.id) === viewer.id;
  }

  /**
   * Whether `viewer` may read `file`, or give it to a model as an input: a model's output is
   * anyone's who has its URL; an upload is its uploader's (see `mayReach`).
   */
  mayUse<F extends Pick<StoredFile, 'upload'>>(viewer: UserRecord, file: F | undefined): file is F {
    return file !== undefined && (!file.upload || this.mayReach(viewer, file.upload.creator));
  }

  /** Oldest first, ties by id, so that pages never shift. */
  users(): UserRecord[] {
    return [...this.#users.values()].sort(
      (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
    );
  }

  userNamed(username: string): UserRecord | undefined {
    for (const user of this.#users.values()) if (user.username === username) return user;
    return undefined;
  }

  updateUser(user: UserRecord, changes: UserChanges): UserRecord {
    if (changes.username !== undefined && changes.username !== user.username) {
      if (this.userNamed(changes.username)) throw conflict(`Username ${changes.username} is taken.`);
    }
    const next: UserRecord = { ...user, ...changes, updated_at: isoTimestamp() };
    this.#users.set(next.id, next);
    this.#store.putUser(next);
    return next;
  }

  /** Every model, demo ones first, as `viewer` may see them. */
  models(viewer: UserRecord): ModelEntry[] {
    const made = [...this.#models.values()]
      .filter((m) => m.visibility === 'public' || m.owner_id === viewer.id)
      .map((m) => this.#entry(m));
    return [...this.#demoEntries, ...made];
  }

  /** A model `viewer` may see, or `404`: a private model of someone else is not there for them. */
  visible(viewer: UserRecord, owner: string, name: string): ModelEntry {
    const entry = this.models(viewer).find((m) => m.owner.username === owner && m.name === name);
    if (!entry) throw notFound(owner, name);
    return entry;
  }

  /** A model `viewer` may change: `404` if they cannot see it, `403` if it is not theirs. */
  owned(viewer: UserRecord, owner: string, name: string): ModelEntry {
    const entry = this.visible(viewer, owner, name);
    if (entry.builtIn) {
      throw new HttpError(
        403,
        `Model ${owner}/${name} is a demo model built into this server; it cannot be changed.`,
      );
    }
    if (entry.owner.id !== viewer.id) {
      throw new HttpError(403, `Model ${owner}/${name} belongs to ${owner}; only its owner can change it.`);
    }
    return entry;
  }

  createModel(owner: UserRecord, fields: ModelFields): ModelEntry {
    this.#checkRefs(fields);
    if (this.#models.size >= MAX_MODELS) {
      throw conflict(
        `This server holds at most ${MAX_MODELS} models made through the API; delete one first.`,
      );
    }
    this.#checkNameFree(owner, fields.name);
    const now = isoTimestamp();
    const record: ModelRecord = {
      id: crypto.randomUUID(),
      owner_id: owner.id,
      ...fields,
      created_at: now,
      updated_at: now,
      versions: [],
      next_version_number: 1,
    };
    this.#save(record);
    return this.#entry(record);
  }

  updateModel(entry: ModelEntry, changes: Partial<ModelFields>): ModelEntry {
    const record = this.#record(entry);
    this.#checkRefs(changes);
    if (changes.name !== undefined && changes.name !== record.name)
      this.#checkNameFree(entry.owner, changes.name);
    const next = { ...record, ...changes, updated_at: isoTimestamp() };
    this.#save(next);
    return this.#entry(next);
  }

  deleteModel(entry: ModelEntry): void {
    const record = this.#record(entry);
    this.#forget(record.id);
    this.#store.deleteModel(record.id);
    for (const version of record.versions) this.#runnables.delete(`${record.id}:${version.number}`);
  }

  createVersion(entry: ModelEntry, fields: VersionFields): VersionEntry {
    const record = this.#record(entry);
    if (!this.#runners.has(fields.container_image_digest)) {
      throw new HttpError(422, [
        {
          loc: ['body', 'container_image_digest'],
          msg: `No image with this digest: this server runs only its demo models' images. Use the container_image_digest of a version of a demo model (GET /v1/models/${OWNER.username}/{name}/versions)`,
          type: 'value_error',
        },
      ]);
    }
    if (record.versions.length >= MAX_VERSIONS) {
      throw conflict(`A model holds at most ${MAX_VERSIONS} versions; delete one first.`);
    }
    const version: VersionRecord = {
      number: record.next_version_number,
      ...fields,
      created_at: isoTimestamp(),
    };
    const next: ModelRecord = {
      ...record,
      versions: [...record.versions, version],
      next_version_number: version.number + 1,
      updated_at: version.created_at,
    };
    this.#save(next);
    return this.#versionEntry(next, version);
  }

  deleteVersion(entry: ModelEntry, number: number): void {
    const record = this.#record(entry);
    if (!record.versions.some((v) => v.number === number)) throw versionNotFound(entry, number);
    this.#save({
      ...record,
      versions: record.versions.filter((v) => v.number !== number),
      updated_at: isoTimestamp(),
    });
    this.#runnables.delete(`${record.id}:${number}`);
  }

  /** A version of a model, the latest when `number` is absent; `404` when there is none. */
  version(entry: ModelEntry, number?: number): VersionEntry {
    const version =
      number === undefined ? entry.versions.at(-1) : entry.versions.find((v) => v.number === number);
    if (!version) {
      if (number !== undefined) throw versionNotFound(entry, number);
      throw new HttpError(
        404,
        `Model ${entry.owner.username}/${entry.name} has no version to run yet; create one with POST /v1/models/${entry.owner.username}/${entry.name}/versions.`,
      );
    }
    return version;
  }

  predictionsCount(entry: ModelEntry): number {
    return this.#store.countByModel(entry.owner.username, entry.name);
  }

  #checkRefs(fields: Partial<ModelFields>): void {
    if (
      fields.hardware_identifier !== undefined &&
      !this.hardware.some((h) => h.identifier === fields.hardware_identifier)
    ) {
      throw new HttpError(422, [
        {
          loc: ['body', 'hardware_identifier'],
          msg: `Unknown hardware; this server has ${this.hardware.map((h) => `'${h.identifier}'`).join(', ')} (GET /v1/hardware)`,
          type: 'value_error',
        },
      ]);
    }
    fields.category_slugs?.forEach((slug, index) => {
      if (!this.categories.some((x) => x.slug === slug)) {
        throw new HttpError(422, [
          {
            loc: ['body', 'category_slugs', index],
            msg: 'Unknown category; GET /v1/model_categories lists them',
            type: 'value_error',
          },
        ]);
      }
    });
  }

  #checkNameFree(owner: UserRecord, name: string): void {
    const taken = [...this.#demoEntries, ...[...this.#models.values()].map((m) => this.#entry(m))].some(
      (m) => m.owner.id === owner.id && m.name === name,
    );
    if (taken) throw conflict(`Model ${owner.username}/${name} already exists.`);
  }

  #record(entry: ModelEntry): ModelRecord {
    const record = this.#models.get(entry.id);
    if (!record) throw notFound(entry.owner.username, entry.name);
    return record;
  }

  #keep(record: ModelRecord): void {
    this.#forget(record.id);
    const size = JSON.stringify(record).length;
    this.#models.set(record.id, record);
    this.#sizes.set(record.id, size);
    this.#bytes += size;
  }

  #forget(id: string): void {
    this.#bytes -= this.#sizes.get(id) ?? 0;
    this.#sizes.delete(id);
    this.#models.delete(id);
  }

  #save(record: ModelRecord): void {
    const size = JSON.stringify(record).length;
    if (this.#bytes - (this.#sizes.get(record.id) ?? 0) + size > MAX_MODEL_BYTES) {
      throw conflict(
        `The models made through the API would take more than ${MAX_MODEL_BYTES / 1024 / 1024} MB; delete some first.`,
      );
    }
    this.#keep(record);
    this.#store.putModel(record);
  }

  #demoEntry(model: DemoModel): ModelEntry {
    const catalog = this.#catalog;
    return {
      id: catalog.modelId(model),
      owner: this.#users.get(OWNER.id) as UserRecord,
      name: model.name,
      description: model.description,
      visibility: 'public',
      created_at: model.created_at,
      updated_at: (model.versions.at(-1) as DemoVersion).created_at,
      hardware: model.hardware,
      categories: model.categories,
      overview: model.overview,
      source_url: model.source_url ?? null,
      license_url: model.license_url ?? null,
      paper_url: model.paper_url ?? null,
      versions: model.versions.map((version) => ({
        number: version.number,
        release_notes: version.release_notes,
        created_at: version.created_at,
        container_image_digest: catalog.digest(model, version),
        schemas: { prediction: { input: version.input, output: version.output } },
        runnable: version,
      })),
      builtIn: true,
    };
  }

  #entry(record: ModelRecord): ModelEntry {
    const hardware = this.hardware.find((h) => h.identifier === record.hardware_identifier);
    return {
      id: record.id,
      owner: this.#users.get(record.owner_id) as UserRecord,
      name: record.name,
      description: record.description,
      visibility: record.visibility,
      created_at: record.created_at,
      updated_at: record.updated_at,
      hardware: {
        identifier: record.hardware_identifier,
        name: hardware?.name ?? record.hardware_identifier,
      },
      categories: record.category_slugs.flatMap((slug) => {
        const found = this.categories.find((x) => x.slug === slug);
        return found ? [{ name: found.name, slug: found.slug }] : [];
      }),
      overview: record.overview,
      source_url: record.source_url,
      license_url: record.license_url,
      paper_url: record.paper_url,
      versions: record.versions.map((version) => this.#versionEntry(record, version)),
      builtIn: false,
    };
  }

  #versionEntry(record: ModelRecord, version: VersionRecord): VersionEntry {
    const key = `${record.id}:${version.number}`;
    let runnable = this.#runnables.get(key);
    if (!runnable) {
      const runner = this.#runners.get(version.container_image_digest);
      // a digest is checked at create; one that names no runner now (a changed `models` option) fails each run
      runnable = runner
        ? runnableVersion(
            runner.version,
            version,
            `${OWNER.username}/${runner.model.name}:${runner.version.number}`,
          )
        : {
            number: version.number,
            release_notes: version.release_notes,
            created_at: version.created_at,
            input: version.schemas.prediction.input,
            output: version.schemas.prediction.output,
            run: async () => {
              throw new Error(
                `No image ${version.container_image_digest} on this server: its demo model is gone.`,
              );
            },
          };
      this.#runnables.set(key, runnable);
    }
    return {
      number: version.number,
      release_notes: version.release_notes,
      created_at: version.created_at,
      container_image_digest: version.container_image_digest,
      schemas: version.schemas,
      runnable,
    };
  }
}

function versionNotFound(entry: ModelEntry, number: number): HttpError {
  const numbers = entry.versions.map((v) => v.number).join(', ') || 'none';
  return new HttpError(
    404,
    `Version ${number} of ${entry.owner.username}/${entry.name} not found; it has version(s) ${numbers}.`,
  );
}
